package pl.krakow.coi.servicedesk.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.outbox.Outbox;

/**
 * The outbox lag as gauges: {@code servicedesk.search.outbox.lag} (seconds since the oldest waiting
 * row was written; 0 when none waits) and {@code servicedesk.search.outbox.rows}. Read from
 * PostgreSQL (at most once a second), so every replica reports the same figures whether or not it
 * relays.
 */
@Component
class OutboxLag {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(0, 0, Instant.MIN);

    OutboxLag(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(
                        "servicedesk.search.outbox.lag",
                        this,
                        lag -> lag.current().lagSeconds())
                .description("Age of the oldest ticket change not yet sent to Elasticsearch")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "servicedesk.search.outbox.rows",
                        this,
                        lag -> lag.current().rows())
                .description("Ticket changes waiting to be sent to Elasticsearch")
                .register(registry);
    }

    /** The current lag (cached for a second). */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (Duration.between(snapshot.takenAt(), now).compareTo(MAX_AGE) > 0) {
            try {
                snapshot = jdbc.sql("""
                                SELECT count(*),
                                       coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)
                                FROM outbox WHERE aggregate_type = :type
                                """)
                        .param("type", Outbox.TICKET)
                        .query((rs, n) -> new Snapshot(rs.getLong(1), rs.getDouble(2), now))
                        .single();
            } catch (RuntimeException e) {
                // the database is unreachable: keep the last figures (the health check reports it)
            }
        }
        return snapshot;
    }

    record Snapshot(long rows, double lagSeconds, Instant takenAt) {}
}
