package pl.krakow.coi.servicedesk.cmdb;

import java.util.Set;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;

/**
 * A device as an asset register lists it, for {@link CiBulkUpsert}: its details as the CMDB stores them
 * (identifiers normalised, class attributes in canonical form, the class's default supporting unit filled)
 * and which of the optional fields the register gave (an update of a known device changes only those).
 *
 * @param line the caller's reference of the row (its line in the file), named when the row is refused
 * @param status the status of a new item (a known item keeps its own: lifecycle moves need reasons)
 * @param given the optional fields the row fills: {@code name}, {@code manufacturer}, {@code model},
 *     {@code building}, {@code room}, {@code ownerUnit}, {@code assignedUsername}, {@code supportingUnit},
 *     {@code purchaseDate}, {@code warrantyUntil}, {@code cores}, {@code description}
 */
public record DiscoveredAsset(long line, CiDetails details, CiStatus status, Set<String> given) {

    public DiscoveredAsset {
        given = Set.copyOf(given);
    }
}
