package pl.krakow.coi.servicedesk.sla;

import java.util.List;
import java.util.Map;

/**
 * The SLA configuration as of one revision: every calendar and every policy not deleted. A revision's
 * configuration never changes, so it may be cached anywhere.
 */
record SlaRuleSet(long revision, Map<String, BusinessCalendar> calendars, List<SlaPolicy> policies) {

    public SlaRuleSet {
        calendars = Map.copyOf(calendars);
        policies = List.copyOf(policies);
    }

    /** The policy a ticket follows (see {@link ApplicablePolicy}). */
    public SlaPolicy policyFor(String categoryCode, List<String> customerUnits) {
        return ApplicablePolicy.choose(policies, categoryCode, customerUnits);
    }

    public BusinessCalendar calendar(SlaPolicy policy, SlaTarget target) {
        BusinessCalendar calendar = calendars.get(policy.calendar(target));
        if (calendar == null) {
            throw new IllegalStateException("Policy " + policy.code() + " names calendar " + policy.calendar(target)
                    + ", absent at revision " + revision);
        }
        return calendar;
    }
}
