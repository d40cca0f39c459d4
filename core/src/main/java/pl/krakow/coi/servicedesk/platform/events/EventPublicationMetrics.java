package pl.krakow.coi.servicedesk.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of the event publication registry, read from PostgreSQL every {@code metrics.refresh} (so every
 * replica reports the same figures): publications not yet completed
 * ({@code servicedesk.events.publications.pending}), those among them whose last delivery failed
 * ({@code servicedesk.events.publications.failed}), and the age of the oldest
 * ({@code servicedesk.events.publications.oldest.age}, seconds; 0 when none is pending).
 */
@Component
class EventPublicationMetrics {

    static final String PENDING = "servicedesk.events.publications.pending";
    static final String FAILED = "servicedesk.events.publications.failed";
    static final String OLDEST_AGE = "servicedesk.events.publications.oldest.age";

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(0, 0, null);

    EventPublicationMetrics(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(PENDING, this, m -> m.snapshot.pending())
                .description("Event publications not yet completed by their listener")
                .register(registry);
        Gauge.builder(FAILED, this, m -> m.snapshot.failed())
                .description("Incomplete event publications whose last delivery failed")
                .register(registry);
        Gauge.builder(OLDEST_AGE, this, EventPublicationMetrics::oldestAgeSeconds)
                .description("Age of the oldest incomplete event publication")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads the figures again. */
    @Scheduled(fixedDelayString = "${servicedesk.events.metrics.refresh:30s}", initialDelayString = "5s")
    void refresh() {
        snapshot = jdbc.sql("""
                        SELECT count(*), count(*) FILTER (WHERE status = 'FAILED'), min(publication_date)
                        FROM event_publication WHERE completion_date IS NULL
                        """)
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp(3);
                    return new Snapshot(rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    private double oldestAgeSeconds() {
        Instant oldest = snapshot.oldest();
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private record Snapshot(long pending, long failed, Instant oldest) {}
}
