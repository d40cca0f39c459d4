package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares two KPI reports field by field: the index against PostgreSQL (reconciliation). Every figure
 * must be equal, medians and 90th percentiles included: the index computes them exactly (ADR 0073).
 */
final class KpiComparison {

    /** The difference two equal figures may show: none beyond floating-point noise. */
    static final double TOLERANCE = 1e-9;

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
            if (Math.abs(a.asDouble() - b.asDouble()) > TOLERANCE) {
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
