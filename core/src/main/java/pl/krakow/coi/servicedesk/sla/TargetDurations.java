package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.util.Objects;

/** The response and resolution targets of one priority, in business time of the policy's calendars. */
record TargetDurations(Duration response, Duration resolution) {

    /** The longest target accepted: a year of round-the-clock time. */
    static final Duration MAX = Duration.ofDays(366);

    public TargetDurations {
        check("response", response);
        check("resolution", resolution);
    }

    public static TargetDurations of(Duration response, Duration resolution) {
        return new TargetDurations(response, resolution);
    }

    public Duration of(SlaTarget target) {
        return target == SlaTarget.RESPONSE ? response : resolution;
    }

    private static void check(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.compareTo(Duration.ZERO) <= 0
                || duration.compareTo(MAX) > 0
                || duration.toSecondsPart() != 0
                || duration.getNano() != 0) {
            throw new SlaRuleViolation(
                    "invalid-target",
                    "A " + what + " target is a positive whole number of minutes up to 366 days; got " + duration);
        }
    }
}
