package pl.krakow.coi.servicedesk.attachment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The files waiting for a virus scan, as gauges: {@code servicedesk.attachments.scan.waiting} (files
 * {@code PENDING_SCAN}) and {@code servicedesk.attachments.scan.wait} (seconds since the oldest of them was
 * uploaded; 0 when none waits). Read from PostgreSQL at most once a second, so every replica reports the same
 * figures. A wait that only grows means clamd gives no verdict: new files are not served meanwhile.
 */
class ScanQueueMetrics {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(0, 0, Instant.MIN);

    ScanQueueMetrics(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(
                        "servicedesk.attachments.scan.waiting",
                        this,
                        q -> q.current().files())
                .description("Attachments waiting for a virus scan verdict (PENDING_SCAN)")
                .register(registry);
        Gauge.builder(
                        "servicedesk.attachments.scan.wait",
                        this,
                        q -> q.current().oldestSeconds())
                .description("Seconds since the oldest attachment waiting for a virus scan verdict was uploaded")
                .baseUnit("seconds")
                .register(registry);
    }

    /** The current figures (cached for a second). */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (Duration.between(snapshot.takenAt(), now).compareTo(MAX_AGE) > 0) {
            try {
                snapshot = jdbc.sql("""
                                SELECT count(*),
                                       coalesce(extract(epoch FROM clock_timestamp() - min(uploaded_at)), 0)
                                FROM attachment WHERE state = 'PENDING_SCAN'
                                """)
                        .query((rs, n) -> new Snapshot(rs.getLong(1), rs.getDouble(2), now))
                        .single();
            } catch (RuntimeException e) {
                // The database is unreachable: keep the last figures (its health check reports it).
            }
        }
        return snapshot;
    }

    record Snapshot(long files, double oldestSeconds, Instant takenAt) {}
}
