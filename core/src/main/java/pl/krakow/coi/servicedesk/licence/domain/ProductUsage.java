package pl.krakow.coi.servicedesk.licence.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * What is known about one product today: its use (from installations on items in service and licence
 * assignments) and its entitlements (licences valid today).
 *
 * @param installedDevices items in service with an active installation of the product
 * @param userCoveredDevices of those, the items whose assigned person holds a per-user licence of it
 * @param coreAssignedDevices of the rest, the items assigned to a per-core licence of it
 * @param coreAssignedCores the cores of those
 * @param restCores the cores of all installed items not covered by a per-user licence
 * @param assignedUsers distinct people holding a per-user licence of the product
 * @param entitlements per metric, the sum of the quantities of the valid licences (SITE: their number)
 * @param expiring30 valid licences of the product that end within 30 days (likewise 60, 90)
 */
public record ProductUsage(
        boolean licenceRequired,
        int installedDevices,
        int userCoveredDevices,
        int coreAssignedDevices,
        long coreAssignedCores,
        long restCores,
        int assignedUsers,
        Map<LicenceMetric, Long> entitlements,
        int expiring30,
        int expiring60,
        int expiring90) {

    public ProductUsage {
        entitlements = entitlements.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(entitlements));
    }
}
