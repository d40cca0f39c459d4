package pl.krakow.coi.servicedesk.reporting.kpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.ReportingLines;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.RemoteHandsTarget;

/**
 * The remote-hands KPIs, from PostgreSQL: the tasks live in {@code ticket_task}, not in the ticket index
 * (ADR 0072). For managers: the Director and the deputies count every task, the Chief Strategist every task
 * but those of security incidents, a unit head the tasks the unit, or a unit under it, provided or asked for.
 */
@Service
class RemoteHandsKpis {

    private final JdbcClient jdbc;
    private final RemoteHandsTarget target;
    private final Clock clock;
    private final ReportingLines reportingLines;

    RemoteHandsKpis(JdbcClient jdbc, RemoteHandsTarget target, Clock clock, ReportingLines reportingLines) {
        this.reportingLines = reportingLines;
        this.jdbc = jdbc;
        this.target = target;
        this.clock = clock;
    }

    /**
     * The figures of the City Hall days {@code [from, to)}, of the tasks provided or asked for by one of
     * {@code units} (none: all the caller may count).
     */
    public RemoteHandsFigures report(LocalDate from, LocalDate to, List<String> units, CurrentUser user) {
        KpiService.requireManager(user);
        KpiQuery period = KpiQuery.of(from, to);
        Instant start = period.start();
        Instant end = period.end();
        String unit = user.unit().orElse(null);
        String visible;
        if (Organisation.isDirectorOrDeputy(unit)) {
            visible = "TRUE";
        } else if (unit == null || unit.equals("IT-08")) {
            visible = "t.type <> 'SECURITY_INCIDENT'";
        } else {
            visible = "(k.assigned_unit = ANY(:viewerUnits) OR k.requested_by_unit = ANY(:viewerUnits))";
        }
        List<String> filter = units == null
                ? List.of()
                : units.stream()
                        .filter(u -> u != null && !u.isBlank())
                        .map(String::trim)
                        .toList();
        List<RemoteHandsFigures.Task> tasks = jdbc.sql("""
                        SELECT k.created_at, k.due_at, k.completed_at, k.cancelled_at
                        FROM ticket_task k JOIN ticket t ON t.id = k.ticket_id
                        WHERE k.kind = 'REMOTE_HANDS' AND k.created_at < :end
                          AND (k.created_at >= :start OR k.completed_at >= :start OR k.cancelled_at >= :start
                               OR (k.completed_at IS NULL AND k.cancelled_at IS NULL))
                          AND %s
                          AND (:anyUnit OR k.assigned_unit = ANY(:units) OR k.requested_by_unit = ANY(:units))
                        """.formatted(visible))
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param(
                        "viewerUnits",
                        unit == null
                                ? new String[0]
                                : reportingLines.unitsUnder(unit).toArray(String[]::new))
                .param("anyUnit", filter.isEmpty())
                .param("units", filter.toArray(String[]::new))
                .query(RemoteHandsKpis::task)
                .list();
        return RemoteHandsFigures.of(
                period.from(),
                period.to(),
                start,
                end,
                clock.instant(),
                target.calendar(),
                target.target(),
                tasks,
                target::businessTime);
    }

    private static RemoteHandsFigures.Task task(ResultSet rs, int row) throws SQLException {
        return new RemoteHandsFigures.Task(
                instant(rs, "created_at"),
                instant(rs, "due_at"),
                instant(rs, "completed_at"),
                instant(rs, "cancelled_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
