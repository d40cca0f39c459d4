package pl.krakow.coi.servicedesk.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The operational-level target of remote-hands tasks: when a task is due, and how much business time a
 * task took, in the configured calendar. Without the SLA capability, or with a calendar it does not know,
 * time is wall-clock time (and a warning is logged).
 */
@Component
@EnableConfigurationProperties(RemoteHandsProperties.class)
public class RemoteHandsTarget {

    private static final Logger log = LoggerFactory.getLogger(RemoteHandsTarget.class);

    private final RemoteHandsProperties properties;
    private final ObjectProvider<WorkingTime> workingTime;

    RemoteHandsTarget(RemoteHandsProperties properties, ObjectProvider<WorkingTime> workingTime) {
        this.properties = properties;
        this.workingTime = workingTime;
    }

    public Duration target() {
        return properties.target();
    }

    public String calendar() {
        return properties.calendar();
    }

    /** When a task requested at {@code requestedAt} is due. */
    public Instant dueAt(Instant requestedAt) {
        WorkingTime time = workingTime.getIfAvailable();
        return (time == null
                        ? Optional.<Instant>empty()
                        : time.plus(properties.calendar(), requestedAt, properties.target()))
                .orElseGet(() -> {
                    warnUnknownCalendar();
                    return requestedAt.plus(properties.target());
                });
    }

    /** The business time between two instants in the target's calendar. */
    public Duration businessTime(Instant from, Instant to) {
        WorkingTime time = workingTime.getIfAvailable();
        return (time == null ? Optional.<Duration>empty() : time.between(properties.calendar(), from, to))
                .orElseGet(() -> {
                    warnUnknownCalendar();
                    return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
                });
    }

    private void warnUnknownCalendar() {
        log.warn(
                "Remote-hands calendar {} is unknown (servicedesk.remote-hands.calendar): counting wall-clock time",
                properties.calendar());
    }
}
