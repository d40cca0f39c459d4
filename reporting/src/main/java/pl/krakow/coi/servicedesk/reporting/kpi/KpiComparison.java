package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares two KPI reports field by field: the index against PostgreSQL (reconciliation). Counts,
 * rates and means must be equal; medians and 90th percentiles, which Elasticsearch estimates (TDigest),
 * may differ by {@link #PERCENTILE_TOLERANCE} of the exact value, and at least by one minute.
 */
public final class KpiComparison {

    /** Relative tolerance of estimated percentiles. */
    public static final double PERCENTILE_TOLERANCE = 0.02;

    private KpiComparison() {}

    /** The fields that differ, as {@code path: a ≠ b}; empty when the reports agree. */
    public static List<String> differences(KpiReport a, KpiReport b, JsonMapper json) {
        List<String> differences = new ArrayList<>();
        JsonNode left = json.valueToTree(a);
        JsonNode right = json.valueToTree(b);
        compare("", left, right, differences);
        return differences;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<String> differences) {
        if (path.equals(".source")
                || path.equals(".licences")
                || path.equals(".configurationItemCounts")
                || path.equals(".configurationItemNames")) {
            return;
        }
        if (a == null || a.isNull() || b == null || b.isNull()) {
            boolean aMissing = a == null || a.isNull();
            boolean bMissing = b == null || b.isNull();
            if (aMissing != bMissing) {
                differences.add(path + ": " + a + " ≠ " + b);
            }
            return;
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.propertyNames().forEach(names::add);
            b.propertyNames().forEach(names::add);
            for (String name : names) {
                compare(path + "." + name, a.get(name), b.get(name), differences);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                differences.add(path + ": " + a.size() + " elements ≠ " + b.size());
            }
            Iterator<JsonNode> ia = a.iterator();
            Iterator<JsonNode> ib = b.iterator();
            int i = 0;
            while (ia.hasNext() && ib.hasNext()) {
                compare(path + "[" + i++ + "]", ia.next(), ib.next(), differences);
            }
            return;
        }
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            boolean estimated = path.endsWith(".median") || path.endsWith(".p90");
            double tolerance = estimated ? Math.max(1.0, Math.abs(y) * PERCENTILE_TOLERANCE) : 1e-9;
            if (Math.abs(x - y) > tolerance) {
                differences.add(path + ": " + a + " ≠ " + b);
            }
            return;
        }
        if (!a.equals(b)) {
            differences.add(path + ": " + a + " ≠ " + b);
        }
    }

    /** Both reports and how they differ. */
    public record Reconciliation(KpiReport index, KpiReport database, List<String> differences) {

        public boolean agree() {
            return differences.isEmpty();
        }
    }

    static Map<String, Object> summary(Reconciliation r) {
        return Map.of("agree", r.agree(), "differences", r.differences());
    }
}
