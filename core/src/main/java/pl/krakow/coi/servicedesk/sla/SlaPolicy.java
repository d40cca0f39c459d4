package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/**
 * A service level: response and resolution targets for each priority, counted in business time of
 * the named calendars (response and resolution may use different ones), for the tickets in its scope.
 *
 * @param scope which tickets it covers (the default policy covers every ticket no other one covers)
 * @param targets the targets of every priority P1–P4
 */
record SlaPolicy(
        String code,
        String name,
        Scope scope,
        String responseCalendar,
        String resolutionCalendar,
        Map<Priority, TargetDurations> targets) {

    /** The percentage of a target at which a warning is raised. */
    public static final int WARNING_PERCENT = 80;

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");

    public SlaPolicy {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new SlaRuleViolation(
                    "invalid-code", "A policy code has 2 to 40 capital letters, digits or dashes: " + code);
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new SlaRuleViolation("invalid-name", "A policy needs a name of at most 200 characters");
        }
        name = name.strip();
        scope = scope == null ? Scope.EVERY_TICKET : scope;
        if (responseCalendar == null || responseCalendar.isBlank()) {
            throw new SlaRuleViolation("calendar-required", "A policy names the calendar of its response target");
        }
        if (resolutionCalendar == null || resolutionCalendar.isBlank()) {
            throw new SlaRuleViolation("calendar-required", "A policy names the calendar of its resolution target");
        }
        Map<Priority, TargetDurations> copy = new EnumMap<>(Priority.class);
        copy.putAll(Objects.requireNonNull(targets, "targets"));
        for (Priority priority : Priority.values()) {
            if (!copy.containsKey(priority)) {
                throw new SlaRuleViolation(
                        "targets-incomplete", "A policy has response and resolution targets for P1, P2, P3 and P4");
            }
        }
        targets = Collections.unmodifiableMap(copy);
    }

    /** The default targets in business time: P1 30 min / 4 h, P2 1 h / 8 h, P3 4 h / 24 h, P4 8 h / 40 h. */
    public static Map<Priority, TargetDurations> defaultTargets() {
        Map<Priority, TargetDurations> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1, TargetDurations.of(Duration.ofMinutes(30), Duration.ofHours(4)));
        targets.put(Priority.P2, TargetDurations.of(Duration.ofHours(1), Duration.ofHours(8)));
        targets.put(Priority.P3, TargetDurations.of(Duration.ofHours(4), Duration.ofHours(24)));
        targets.put(Priority.P4, TargetDurations.of(Duration.ofHours(8), Duration.ofHours(40)));
        return targets;
    }

    public Duration target(SlaTarget target, Priority priority) {
        return targets.get(priority).of(target);
    }

    public String calendar(SlaTarget target) {
        return target == SlaTarget.RESPONSE ? responseCalendar : resolutionCalendar;
    }

    /**
     * The tickets a policy covers: those of a service category, those filed by a customer unit (and the
     * units below it), both, or, with neither, every ticket.
     */
    public record Scope(String categoryCode, String customerUnit) {

        public static final Scope EVERY_TICKET = new Scope(null, null);

        public Scope {
            categoryCode = blankToNull(categoryCode);
            customerUnit = blankToNull(customerUnit);
        }

        public boolean isDefault() {
            return categoryCode == null && customerUnit == null;
        }

        @Override
        public String toString() {
            if (isDefault()) {
                return "every ticket";
            }
            return (categoryCode == null ? "" : "category " + categoryCode)
                    + (categoryCode != null && customerUnit != null ? " and " : "")
                    + (customerUnit == null ? "" : "customer unit " + customerUnit);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
