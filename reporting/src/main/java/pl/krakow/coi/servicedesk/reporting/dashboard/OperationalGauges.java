package pl.krakow.coi.servicedesk.reporting.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;

/**
 * Live operational figures for Prometheus, read from PostgreSQL every {@code
 * servicedesk.reporting.gauges.refresh} (so every replica reports the same):
 *
 * <ul>
 *   <li>{@code servicedesk.reporting.open.tickets{unit, line, priority}}: open tickets per holding unit;
 *   <li>{@code servicedesk.reporting.open.overdue{unit}}: open tickets with an SLA breach raised;
 *   <li>{@code servicedesk.reporting.breaches.today{target}}: SLA breaches raised since midnight
 *       (City Hall time).
 * </ul>
 */
@Component
class OperationalGauges {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge breachesToday;

    OperationalGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.open = MultiGauge.builder("servicedesk.reporting.open.tickets")
                .description("Open tickets held by a unit, by line and priority")
                .register(registry);
        this.overdue = MultiGauge.builder("servicedesk.reporting.open.overdue")
                .description("Open tickets whose SLA was breached, by holding unit")
                .register(registry);
        this.breachesToday = MultiGauge.builder("servicedesk.reporting.breaches.today")
                .description("SLA breaches raised today (Europe/Warsaw), by target")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${servicedesk.reporting.gauges.refresh:30s}", initialDelayString = "5s")
    void refresh() {
        List<MultiGauge.Row<?>> openRows = new ArrayList<>();
        jdbc.sql("""
                        SELECT assigned_unit, support_line, priority, count(*) FROM ticket
                        WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')
                        GROUP BY assigned_unit, support_line, priority
                        """)
                .query((rs, n) -> openRows.add(MultiGauge.Row.of(
                        Tags.of("unit", rs.getString(1), "line", rs.getString(2), "priority", rs.getString(3)),
                        rs.getLong(4))))
                .list();
        open.register(openRows, true);

        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        jdbc.sql("""
                        SELECT t.assigned_unit, count(*) FROM ticket t
                        WHERE t.status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')
                          AND EXISTS (SELECT 1 FROM sla_alert a WHERE a.ticket_id = t.id AND a.level = 'BREACH')
                        GROUP BY t.assigned_unit
                        """)
                .query((rs, n) -> overdueRows.add(MultiGauge.Row.of(Tags.of("unit", rs.getString(1)), rs.getLong(2))))
                .list();
        overdue.register(overdueRows, true);

        Timestamp midnight = Timestamp.from(LocalDate.now(clock.withZone(KpiQuery.ZONE))
                .atStartOfDay(KpiQuery.ZONE)
                .toInstant());
        List<MultiGauge.Row<?>> breachRows = new ArrayList<>();
        for (String target : List.of("RESPONSE", "RESOLUTION")) {
            long count = jdbc.sql("SELECT count(*) FROM sla_alert WHERE level = 'BREACH' AND target = :target"
                            + " AND raised_at >= :midnight")
                    .param("target", target)
                    .param("midnight", midnight)
                    .query(Long.class)
                    .single();
            breachRows.add(MultiGauge.Row.of(Tags.of("target", target), count));
        }
        breachesToday.register(breachRows, true);
    }
}
