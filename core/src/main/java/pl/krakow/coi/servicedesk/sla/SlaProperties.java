package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code servicedesk.sla.*}: the SLA timers.
 *
 * @param timer when and how much the timers check
 */
@ConfigurationProperties("servicedesk.sla")
record SlaProperties(@DefaultValue Timer timer) {

    /**
     * @param enabled whether this replica runs the timers (every replica may: they share the work)
     * @param interval pause between two runs; an alert is raised at most this long after its threshold
     * @param initialDelay pause after start-up before the first run
     * @param batchSize at most this many tickets are checked per run (each in its own transaction)
     * @param retryDelay when checking a ticket fails, it is checked again after this long
     */
    public record Timer(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("20s") Duration initialDelay,
            @DefaultValue("1000") int batchSize,
            @DefaultValue("5m") Duration retryDelay) {}
}
