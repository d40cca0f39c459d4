package pl.krakow.coi.servicedesk.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Business time by a named calendar, as the SLA capability keeps the calendars (a port, so that tickets
 * do not depend on the SLA capability, which depends on them).
 */
public interface WorkingTime {

    /** The instant at which {@code amount} of working time has passed since {@code from}; empty for an unknown calendar. */
    Optional<Instant> plus(String calendar, Instant from, Duration amount);

    /** The working time between two instants; empty for an unknown calendar. */
    Optional<Duration> between(String calendar, Instant from, Instant to);
}
