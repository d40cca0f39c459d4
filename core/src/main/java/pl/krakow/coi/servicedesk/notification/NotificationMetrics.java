package pl.krakow.coi.servicedesk.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The pipeline's meters: {@code servicedesk.notifications.deliveries} (by {@code state} reached and {@code kind}),
 * {@code servicedesk.notifications.send.latency} (from enqueue to the SMTP server's acceptance) and the gauges
 * {@code servicedesk.notifications.pending} and {@code servicedesk.notifications.failed} (rows in the table, the
 * same figure on every replica, refreshed every {@code servicedesk.notifications.metrics-refresh}).
 */
@Component
class NotificationMetrics {

    static final String DELIVERIES = "servicedesk.notifications.deliveries";
    static final String LATENCY = "servicedesk.notifications.send.latency";
    static final String PENDING = "servicedesk.notifications.pending";
    static final String FAILED = "servicedesk.notifications.failed";

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Timer latency;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    NotificationMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.latency = Timer.builder(LATENCY)
                .description("From enqueue (after the change committed) to the SMTP server's acceptance")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder(PENDING, pending, AtomicLong::get)
                .description("Deliveries waiting to be sent (pending or being sent)")
                .register(registry);
        Gauge.builder(FAILED, failed, AtomicLong::get)
                .description("Dead letters: deliveries given up after their last attempt")
                .register(registry);
    }

    void enqueued(NotificationKind kind, DeliveryState state) {
        count(kind, state);
    }

    void sent(NotificationKind kind, Duration sinceEnqueue) {
        count(kind, DeliveryState.SENT);
        latency.record(sinceEnqueue.isNegative() ? Duration.ZERO : sinceEnqueue);
    }

    void bounced(NotificationKind kind) {
        count(kind, DeliveryState.BOUNCED);
    }

    void failed(NotificationKind kind, boolean deadLetter) {
        registry.counter(DELIVERIES, "state", deadLetter ? "FAILED" : "RETRY", "kind", kind.name())
                .increment();
    }

    private void count(NotificationKind kind, DeliveryState state) {
        Counter.builder(DELIVERIES)
                .description("Deliveries by the state they reached and their kind")
                .tag("state", state.name())
                .tag("kind", kind.name())
                .register(registry)
                .increment();
    }

    /** Reads the pending and failed counts for the gauges. */
    @Scheduled(
            fixedDelayString = "${servicedesk.notifications.metrics-refresh:30s}",
            initialDelayString = "${servicedesk.notifications.metrics-refresh:30s}")
    void refresh() {
        jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state IN ('PENDING', 'SENDING')),
                               count(*) FILTER (WHERE state = 'FAILED')
                        FROM notification_delivery WHERE state IN ('PENDING', 'SENDING', 'FAILED')
                        """).query(rs -> {
            pending.set(rs.getLong(1));
            failed.set(rs.getLong(2));
        });
    }
}
