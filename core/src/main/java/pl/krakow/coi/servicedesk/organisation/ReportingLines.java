package pl.krakow.coi.servicedesk.organisation;

import java.util.Map;
import java.util.Set;

/** Who reports to whom: what a unit's head, and the unit's people, oversee. */
@FunctionalInterface
public interface ReportingLines {

    /**
     * The unit {@code code} itself and every unit that reports to it, directly or through other units (a
     * division and its sections: IT-05 and IT-05-1..4).
     */
    Set<String> unitsUnder(String code);

    /** Reporting lines given as each unit's parent (for tests and tools without a database). */
    static ReportingLines of(Map<String, String> parentOf) {
        return code -> {
            Set<String> under = new java.util.LinkedHashSet<>();
            under.add(code);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<String, String> unit : parentOf.entrySet()) {
                    if (under.contains(unit.getValue()) && under.add(unit.getKey())) {
                        grew = true;
                    }
                }
            }
            return under;
        };
    }
}
