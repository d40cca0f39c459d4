package pl.krakow.coi.servicedesk.sla;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which policy a ticket's clocks follow: the most specific policy whose scope covers the ticket. A
 * policy for the ticket's category and its requester's customer unit beats one for the customer unit
 * alone, which beats one for the category alone, which beats the default. A customer-unit scope covers
 * the unit and the units below it (an agreement with a department covers its sections); the nearest
 * unit wins.
 */
final class ApplicablePolicy {

    private ApplicablePolicy() {}

    /**
     * @param categoryCode the ticket's service category, or null
     * @param customerUnits the requester's customer unit followed by the units above it, nearest first
     *     (empty when the requester has no unit)
     */
    public static SlaPolicy choose(Collection<SlaPolicy> policies, String categoryCode, List<String> customerUnits) {
        Optional<SlaPolicy> chosen = policies.stream()
                .filter(p -> covers(p.scope(), categoryCode, customerUnits))
                .max(Comparator.comparingInt((SlaPolicy p) -> rank(p.scope(), customerUnits))
                        .thenComparing(SlaPolicy::code, Comparator.reverseOrder()));
        return chosen.orElseThrow(() -> new IllegalStateException("No SLA policy covers category " + categoryCode
                + " and customer units " + customerUnits + "; the default policy is missing"));
    }

    static boolean covers(SlaPolicy.Scope scope, String categoryCode, List<String> customerUnits) {
        return (scope.categoryCode() == null || scope.categoryCode().equals(categoryCode))
                && (scope.customerUnit() == null || customerUnits.contains(scope.customerUnit()));
    }

    /** Higher is more specific: category + unit, then unit, then category, then default; nearer units higher. */
    private static int rank(SlaPolicy.Scope scope, List<String> customerUnits) {
        int kind = (scope.customerUnit() != null ? 2 : 0) + (scope.categoryCode() != null ? 1 : 0);
        int distance = scope.customerUnit() == null ? 0 : customerUnits.indexOf(scope.customerUnit());
        return kind * 1000 - distance;
    }
}
