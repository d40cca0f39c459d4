package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of a clock's history, {@code [from, to)}: what the clock did and how much business time
 * it counted. The counted time of all segments adds up to the elapsed time.
 *
 * @param detail the holiday's name or the extra closed day's note, otherwise null
 */
record Segment(Instant from, Instant to, Kind kind, String detail, Duration counted) {

    /** What the clock did in a segment. */
    public enum Kind {
        /** Working time with the clock running: counted. */
        RUNNING,
        /** The clock runs, but outside working hours (evenings, weekends): not counted. */
        OUTSIDE_BUSINESS_HOURS,
        /** A public holiday: not counted. */
        HOLIDAY,
        /** A day the calendar closes: not counted. */
        CLOSED_DAY,
        /** Paused while waiting for the requester: not counted. */
        PAUSED_WAITING_FOR_REQUESTER,
        /** Resolved, before a reopen resumed the clock: not counted. */
        RESOLVED
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
