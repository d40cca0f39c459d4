package pl.krakow.coi.servicedesk.licence.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A product's compliance position: entitlements against consumption, per metric.
 *
 * <p>People holding a per-user licence cover the devices assigned to them; the other devices with the
 * product installed are covered by a site licence, concurrent seats, per-core licences (by the cores of the
 * devices assigned to them, or of all those devices when there are no per-device licences) and per-device
 * licences. Devices that nothing can cover are unlicensed; over-deployment is what exceeds the entitlements
 * plus the unlicensed devices. Expired and future licences entitle nothing.
 *
 * @param lines one per metric with valid licences
 * @param unlicensedDevices installed devices that no valid licence can cover
 * @param overDeployed licence units missing (devices, users or cores, summed over the lines)
 * @param unused licence units not used (likewise)
 */
public record CompliancePosition(
        ComplianceStatus status,
        int installedDevices,
        int assignedUsers,
        List<Line> lines,
        long unlicensedDevices,
        long overDeployed,
        long unused,
        int expiring30,
        int expiring60,
        int expiring90) {

    /**
     * @param entitled null: unlimited
     * @param consumed null: not measurable (concurrent use)
     * @param unit devices, users, seats or cores
     */
    public record Line(
            LicenceMetric metric, Long entitled, Long consumed, long overDeployed, long unused, String unit) {}

    public CompliancePosition {
        lines = List.copyOf(lines);
    }

    /** The position that follows from a product's use and entitlements. */
    public static CompliancePosition of(ProductUsage usage) {
        Map<LicenceMetric, Long> entitled = usage.entitlements();
        boolean site = entitled.containsKey(LicenceMetric.SITE);
        boolean perDevice = entitled.containsKey(LicenceMetric.PER_DEVICE);
        boolean perCore = entitled.containsKey(LicenceMetric.PER_CORE);
        boolean concurrent = entitled.containsKey(LicenceMetric.CONCURRENT);
        long rest = (long) usage.installedDevices() - usage.userCoveredDevices();
        List<Line> lines = new ArrayList<>();
        if (entitled.containsKey(LicenceMetric.PER_USER)) {
            lines.add(line(LicenceMetric.PER_USER, entitled.get(LicenceMetric.PER_USER), usage.assignedUsers(), false));
        }
        if (site) {
            lines.add(new Line(LicenceMetric.SITE, null, rest, 0, 0, LicenceMetric.SITE.unit()));
        }
        if (perCore) {
            long cores = perDevice ? usage.coreAssignedCores() : usage.restCores();
            lines.add(line(LicenceMetric.PER_CORE, entitled.get(LicenceMetric.PER_CORE), cores, site));
        }
        if (perDevice) {
            long devices = perCore ? rest - usage.coreAssignedDevices() : rest;
            lines.add(line(LicenceMetric.PER_DEVICE, entitled.get(LicenceMetric.PER_DEVICE), devices, site));
        }
        if (concurrent) {
            lines.add(new Line(
                    LicenceMetric.CONCURRENT,
                    entitled.get(LicenceMetric.CONCURRENT),
                    null,
                    0,
                    0,
                    LicenceMetric.CONCURRENT.unit()));
        }
        long unlicensed = site || perDevice || perCore || concurrent ? 0 : rest;
        long over = unlicensed + lines.stream().mapToLong(Line::overDeployed).sum();
        long unused = lines.stream().mapToLong(Line::unused).sum();
        ComplianceStatus status;
        if (!usage.licenceRequired()) {
            status = ComplianceStatus.NOT_REQUIRED;
            over = 0;
            unlicensed = 0;
        } else if (entitled.isEmpty() && usage.installedDevices() > 0) {
            status = ComplianceStatus.UNLICENSED;
        } else if (over > 0) {
            status = ComplianceStatus.OVER_DEPLOYED;
        } else {
            status = ComplianceStatus.COMPLIANT;
        }
        return new CompliancePosition(
                status,
                usage.installedDevices(),
                usage.assignedUsers(),
                lines,
                unlicensed,
                over,
                unused,
                usage.expiring30(),
                usage.expiring60(),
                usage.expiring90());
    }

    private static Line line(LicenceMetric metric, long entitled, long consumed, boolean coveredBySite) {
        return new Line(
                metric,
                entitled,
                consumed,
                coveredBySite ? 0 : Math.max(0, consumed - entitled),
                Math.max(0, entitled - consumed),
                metric.unit());
    }
}
