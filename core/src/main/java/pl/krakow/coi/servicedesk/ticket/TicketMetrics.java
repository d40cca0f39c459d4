package pl.krakow.coi.servicedesk.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.events.AfterCommit;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;

/**
 * Ticket metrics: registered by channel and type, escalations and reassignments from → to (counted
 * after commit), and the open queue size per unit (refreshed from the database every 30 s, so every
 * replica reports the same figure).
 */
@Component
class TicketMetrics {

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final MultiGauge queueSize;

    TicketMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.queueSize = MultiGauge.builder("servicedesk.tickets.queue.size")
                .description("Open tickets held by a unit")
                .register(registry);
    }

    /** Counts a change once it has committed. */
    @EventListener
    void on(TicketChanged change) {
        AfterCommit.run(() -> count(change));
    }

    private void count(TicketChanged change) {
        for (TicketEvent event : change.events()) {
            if (event.type() == TicketEventType.CREATED) {
                Counter.builder("servicedesk.tickets.registered")
                        .description("Tickets registered")
                        .tags(
                                "channel",
                                String.valueOf(event.data().get("channel")),
                                "type",
                                String.valueOf(event.data().get("type")))
                        .register(registry)
                        .increment();
            } else if (event.type() == TicketEventType.ESCALATED || event.type() == TicketEventType.REASSIGNED) {
                TicketEvent.Change unit = event.changes().get("assignedUnit");
                Counter.builder(
                                event.type() == TicketEventType.ESCALATED
                                        ? "servicedesk.tickets.escalations"
                                        : "servicedesk.tickets.reassignments")
                        .tags("from", unit.from(), "to", unit.to())
                        .register(registry)
                        .increment();
            }
        }
    }

    @Scheduled(fixedDelayString = "${servicedesk.metrics.queue-refresh:30s}", initialDelayString = "5s")
    void refreshQueueSizes() {
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
        jdbc.sql("SELECT assigned_unit, count(*) FROM ticket WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')"
                        + " GROUP BY assigned_unit")
                .query((rs, n) -> rows.add(MultiGauge.Row.of(Tags.of("unit", rs.getString(1)), rs.getLong(2))))
                .list();
        queueSize.register(rows, true);
    }
}
