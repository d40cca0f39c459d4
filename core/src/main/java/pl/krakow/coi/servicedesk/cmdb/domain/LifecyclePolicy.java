package pl.krakow.coi.servicedesk.cmdb.domain;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * A lifecycle transition is allowed when the lifecycle has the step, the caller says why, and a disposal
 * is done by the disposal role (IT-03-2, §11.16–17) and by nobody else.
 */
public final class LifecyclePolicy {

    private LifecyclePolicy() {}

    /** Refuses the transition of an item from {@code from} to {@code to} unless all rules hold. */
    public static void check(CiStatus from, CiStatus to, String reason, CurrentUser user) {
        if (reason == null || reason.isBlank()) {
            throw CmdbRuleViolation.invalid(
                    "transition-reason-required", "Say why the item goes from " + from + " to " + to);
        }
        if (to == CiStatus.DISPOSED && !user.has(Role.DISPOSAL)) {
            throw new CmdbRuleViolation(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "disposal-not-allowed",
                    "Disposal not allowed",
                    "Only the disposal role (IT-03-2) disposes of retired assets",
                    Map.of("requiredRole", Role.DISPOSAL.name()));
        }
        if (!from.canMoveTo(to)) {
            throw CmdbRuleViolation.conflict(
                    "invalid-lifecycle-transition",
                    "Not possible in this status",
                    "An item that is " + from + " cannot become " + to + "; allowed: " + from.next(),
                    Map.of(
                            "status",
                            from.name(),
                            "requested",
                            to.name(),
                            "allowed",
                            from.next().stream().map(Enum::name).toList()));
        }
    }

    /** Refuses a status an item cannot be registered in. */
    public static void checkInitial(CiStatus status) {
        if (!CiStatus.initial().contains(status)) {
            throw CmdbRuleViolation.invalid(
                    "invalid-initial-status",
                    "A new item is ORDERED, IN_STOCK or IN_USE, not " + status,
                    Map.of(
                            "allowed",
                            CiStatus.initial().stream().map(Enum::name).toList()));
        }
    }
}
