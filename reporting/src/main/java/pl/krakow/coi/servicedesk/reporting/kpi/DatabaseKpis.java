package pl.krakow.coi.servicedesk.reporting.kpi;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.sla.ClockState;
import pl.krakow.coi.servicedesk.sla.SlaService;
import pl.krakow.coi.servicedesk.sla.SlaStatus;
import pl.krakow.coi.servicedesk.sla.TargetState;
import pl.krakow.coi.servicedesk.sla.TargetStatus;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * The reconciliation path: the same KPIs as {@link IndexKpis}, computed from the system of record.
 * Counts, flags and calendar durations are SQL over {@code ticket} and {@code ticket_event}
 * (escalations, reopenings and reassignments are read from the events, not from the counters the
 * index uses); business durations and SLA outcomes are computed by the SLA engine from each ticket's
 * events, in batches. Also the source of the daily snapshots, which must not depend on the index.
 */
@Component
class DatabaseKpis {

    private static final int BATCH = 1_000;

    /**
     * A condition over alias {@code t}: an incident from monitoring whose last resolution a system actor
     * recorded, i.e. monitoring resolved it when its alert cleared (not a first-line resolution).
     */
    static final String RESOLVED_BY_MONITORING = "(t.channel = 'MONITORING' AND coalesce((SELECT e.actor_kind"
            + " FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'RESOLVED' ORDER BY e.seq DESC LIMIT 1)"
            + " = 'SYSTEM', false))";

    private final JdbcClient jdbc;
    private final TicketLookup tickets;
    private final SlaService sla;

    DatabaseKpis(JdbcClient jdbc, TicketLookup tickets, SlaService sla) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.sla = sla;
    }

    /**
     * @param visibilitySql the caller's visibility over alias {@code t} ({@code TicketAccess.visibilitySql})
     * @param viewer values of {@code :viewer} and {@code :viewerUnit}
     */
    KpiReport report(KpiQuery query, String visibilitySql, Map<String, Object> viewer, Instant now) {
        Instant start = query.start();
        Instant end = query.end();
        Instant asOf = end.isBefore(now) ? end : now;
        MapSqlParameterSource params = new MapSqlParameterSource(viewer)
                .addValue("start", Timestamp.from(start))
                .addValue("end", Timestamp.from(end))
                .addValue("asOf", Timestamp.from(asOf))
                .addValue("zone", KpiQuery.ZONE.getId());
        String scope = "(" + visibilitySql + ")" + filters(query, params);
        String created = scope + " AND t.created_at >= :start AND t.created_at < :end";
        String resolved = scope + " AND t.resolved_at >= :start AND t.resolved_at < :end";
        String responded = scope + " AND t.first_response_at >= :start AND t.first_response_at < :end";
        String backlog = scope + " AND t.created_at < :asOf AND NOT coalesce(t.resolved_at < :asOf, false)"
                + " AND NOT (t.status = 'CANCELLED' AND coalesce(t.closed_at < :asOf, false))";

        long createdCount = count("SELECT count(*) FROM ticket t WHERE " + created, params);
        long resolvedCount = count("SELECT count(*) FROM ticket t WHERE " + resolved, params);
        long cancelled = count(
                "SELECT count(*) FROM ticket t WHERE " + scope
                        + " AND t.status = 'CANCELLED' AND t.closed_at >= :start AND t.closed_at < :end",
                params);
        long backlogCount = count("SELECT count(*) FROM ticket t WHERE " + backlog, params);

        List<KpiReport.Count> aging = new ArrayList<>();
        for (Aging bucket : Aging.all()) {
            Instant from = bucket.createdFrom(asOf);
            MapSqlParameterSource p = new MapSqlParameterSource(params.getValues())
                    .addValue("agedFrom", from == null ? null : Timestamp.from(from))
                    .addValue("agedBefore", Timestamp.from(bucket.createdBefore(asOf)));
            aging.add(new KpiReport.Count(
                    bucket.key(),
                    count(
                            "SELECT count(*) FROM ticket t WHERE " + backlog
                                    + (from == null ? "" : " AND t.created_at >= :agedFrom")
                                    + " AND t.created_at < :agedBefore",
                            p)));
        }

        // Escalations: from the ESCALATED events, per target unit.
        long escalated = count(
                "SELECT count(*) FROM ticket t WHERE " + created
                        + " AND EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'ESCALATED')",
                params);
        List<KpiReport.UnitRate> byUnit = new ArrayList<>();
        jdbc.sql(
                        "SELECT e.unit, count(*) FROM ticket t JOIN LATERAL (SELECT DISTINCT changes -> 'assignedUnit' ->> 'to'"
                                + " AS unit FROM ticket_event WHERE ticket_id = t.id AND type = 'ESCALATED') e ON true WHERE "
                                + created + " GROUP BY e.unit ORDER BY count(*) DESC, e.unit COLLATE \"C\" LIMIT "
                                + IndexKpis.UNITS)
                .paramSource(params)
                .query((rs, n) -> byUnit.add(
                        new KpiReport.UnitRate(rs.getString(1), KpiReport.Rate.of(rs.getLong(2), createdCount))))
                .list();

        // First-line resolution: resolved by the first line and never escalated (from the events), of the
        // tickets resolved that are neither security incidents nor resolved by monitoring itself.
        long byMonitoring =
                count("SELECT count(*) FROM ticket t WHERE " + resolved + " AND " + RESOLVED_BY_MONITORING, params);
        String candidates = resolved + " AND t.type <> 'SECURITY_INCIDENT' AND NOT (" + RESOLVED_BY_MONITORING + ")";
        long notSecurity = count("SELECT count(*) FROM ticket t WHERE " + candidates, params);
        long firstLine = count(
                "SELECT count(*) FROM ticket t WHERE " + candidates
                        + " AND t.resolved_by_line = 'FIRST' AND NOT EXISTS (SELECT 1 FROM ticket_event e"
                        + " WHERE e.ticket_id = t.id AND e.type = 'ESCALATED')",
                params);
        long reopened = count(
                "SELECT count(*) FROM ticket t WHERE " + resolved
                        + " AND EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'REOPENED')",
                params);
        long reassignments = count(
                "SELECT count(*) FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id AND e.type = 'REASSIGNED'"
                        + " WHERE " + resolved,
                params);

        List<KpiReport.Count> channels = counts(
                "SELECT t.channel, count(*) FROM ticket t WHERE " + created
                        + " GROUP BY t.channel ORDER BY count(*) DESC, t.channel COLLATE \"C\" LIMIT " + IndexKpis.TOP,
                params);
        List<KpiReport.Count> categories = counts(
                "SELECT t.category_code, count(*) FROM ticket t WHERE " + created + " AND t.category_code IS NOT NULL"
                        + " GROUP BY t.category_code ORDER BY count(*) DESC, t.category_code COLLATE \"C\" LIMIT "
                        + IndexKpis.TOP,
                params);
        List<KpiReport.Count> items = counts(
                "SELECT t.configuration_item_id::text, count(*) FROM ticket t WHERE " + created
                        + " AND t.type = 'INCIDENT' AND t.configuration_item_id IS NOT NULL"
                        + " GROUP BY t.configuration_item_id ORDER BY count(*) DESC, t.configuration_item_id"
                        + " LIMIT " + IndexKpis.TOP,
                params);

        Map<LocalDate, long[]> series = new HashMap<>();
        histogram(series, "created_at", created, params, 0, query);
        histogram(series, "resolved_at", resolved, params, 1, query);

        // Durations and SLA outcomes: the SLA engine over each ticket's events, as the index does.
        Outcomes resolvedOutcomes = outcomes("SELECT t.id FROM ticket t WHERE " + resolved, params, now);
        Outcomes respondedOutcomes = outcomes("SELECT t.id FROM ticket t WHERE " + responded, params, now);

        return new KpiReport(
                "database",
                KpiReport.Period.of(query),
                IndexKpis.filterView(query),
                asOf,
                createdCount,
                resolvedCount,
                cancelled,
                backlogCount,
                aging,
                new KpiReport.Durations(
                        Percentiles.stats(respondedOutcomes.businessToResponse),
                        Percentiles.stats(respondedOutcomes.calendarToResponse)),
                new KpiReport.Durations(
                        Percentiles.stats(resolvedOutcomes.businessToResolve),
                        Percentiles.stats(resolvedOutcomes.calendarToResolve)),
                KpiReport.Rate.of(respondedOutcomes.responseMet, respondedOutcomes.responseJudged),
                KpiReport.Rate.of(resolvedOutcomes.resolutionMet, resolvedOutcomes.resolutionJudged),
                KpiReport.Rate.of(firstLine, notSecurity),
                byMonitoring,
                new KpiReport.Escalations(KpiReport.Rate.of(escalated, createdCount), byUnit),
                new KpiReport.Reassignments(
                        reassignments,
                        resolvedCount,
                        resolvedCount == 0 ? null : KpiReport.round2((double) reassignments / resolvedCount)),
                KpiReport.Rate.of(reopened, resolvedCount),
                channels,
                categories,
                items,
                resolvedOutcomes.byUnit(),
                IndexKpis.series(query, series),
                null,
                null,
                null);
    }

    private Outcomes outcomes(String idsSql, MapSqlParameterSource params, Instant now) {
        List<Long> ids = jdbc.sql(idsSql + " ORDER BY t.id")
                .paramSource(params)
                .query(Long.class)
                .list();
        Outcomes outcomes = new Outcomes();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<TicketState> batch = tickets.states(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            Map<Long, SlaStatus> statuses = sla.statuses(batch, now);
            for (TicketState ticket : batch) {
                outcomes.add(ticket, statuses.get(ticket.id()));
            }
        }
        outcomes.sort();
        return outcomes;
    }

    /** What the SLA engine says about a set of tickets, gathered for the report. */
    private static final class Outcomes {

        final List<Long> businessToResponse = new ArrayList<>();
        final List<Long> calendarToResponse = new ArrayList<>();
        final List<Long> businessToResolve = new ArrayList<>();
        final List<Long> calendarToResolve = new ArrayList<>();
        long responseMet;
        long responseJudged;
        long resolutionMet;
        long resolutionJudged;
        final Map<String, long[]> units = new java.util.TreeMap<>();

        void add(TicketState ticket, SlaStatus status) {
            if (ticket.firstResponseAt() != null) {
                calendarToResponse.add(minutes(ticket.createdAt(), ticket.firstResponseAt()));
            }
            if (ticket.resolvedAt() != null) {
                calendarToResolve.add(minutes(ticket.createdAt(), ticket.resolvedAt()));
            }
            if (status == null) {
                return;
            }
            TargetStatus response = status.response();
            TargetStatus resolution = status.resolution();
            if (ticket.firstResponseAt() != null && response.clock() == ClockState.STOPPED) {
                businessToResponse.add(response.elapsed().toMinutes());
            }
            if (ticket.resolvedAt() != null && resolution.clock() == ClockState.STOPPED) {
                businessToResolve.add(resolution.elapsed().toMinutes());
            }
            if (judged(response)) {
                responseJudged++;
                responseMet += response.state() == TargetState.MET ? 1 : 0;
            }
            if (judged(resolution)) {
                resolutionJudged++;
                resolutionMet += resolution.state() == TargetState.MET ? 1 : 0;
            }
            if (ticket.resolvedByUnit() != null && ticket.resolvedAt() != null) {
                long[] u = units.computeIfAbsent(ticket.resolvedByUnit().value(), k -> new long[5]);
                u[4]++;
                if (judged(response)) {
                    u[1]++;
                    u[0] += response.state() == TargetState.MET ? 1 : 0;
                }
                if (judged(resolution)) {
                    u[3]++;
                    u[2] += resolution.state() == TargetState.MET ? 1 : 0;
                }
            }
        }

        List<KpiReport.UnitSla> byUnit() {
            List<Map.Entry<String, long[]>> entries = new ArrayList<>(units.entrySet());
            // The index orders units by the number of tickets they resolved, then by code.
            entries.sort((a, b) -> Long.compare(b.getValue()[4], a.getValue()[4]));
            return entries.stream()
                    .map(e -> new KpiReport.UnitSla(
                            e.getKey(),
                            KpiReport.Rate.of(e.getValue()[0], e.getValue()[1]),
                            KpiReport.Rate.of(e.getValue()[2], e.getValue()[3])))
                    .toList();
        }

        void sort() {
            businessToResponse.sort(null);
            calendarToResponse.sort(null);
            businessToResolve.sort(null);
            calendarToResolve.sort(null);
        }

        private static boolean judged(TargetStatus target) {
            return target.state() == TargetState.MET || target.state() == TargetState.BREACHED;
        }

        private static long minutes(Instant from, Instant to) {
            return Duration.between(from, to).toMinutes();
        }
    }

    private void histogram(
            Map<LocalDate, long[]> series,
            String column,
            String where,
            MapSqlParameterSource params,
            int slot,
            KpiQuery query) {
        jdbc.sql("SELECT (t." + column + " AT TIME ZONE :zone)::date AS day, count(*) FROM ticket t WHERE " + where
                        + " GROUP BY 1")
                .paramSource(params)
                .query((rs, n) -> series.computeIfAbsent(
                                        query.bucketOf(rs.getObject(1, LocalDate.class)), d -> new long[2])[slot] +=
                        rs.getLong(2))
                .list();
    }

    private static String filters(KpiQuery query, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder();
        query.filters().forEach((dimension, values) -> {
            String name = "f_" + dimension.name().toLowerCase(java.util.Locale.ROOT);
            params.addValue(name, values.toArray(String[]::new));
            sql.append(" AND ")
                    .append(
                            switch (dimension) {
                                case UNIT -> "t.handled_by_units && CAST(:" + name + " AS varchar[])";
                                case LINE -> "t.support_line = ANY(CAST(:" + name + " AS text[]))";
                                case CATEGORY -> "t.category_code = ANY(CAST(:" + name + " AS text[]))";
                                case PRIORITY -> "t.priority = ANY(CAST(:" + name + " AS text[]))";
                                case CUSTOMER_UNIT -> "t.requester_unit = ANY(CAST(:" + name + " AS text[]))";
                                case CHANNEL -> "t.channel = ANY(CAST(:" + name + " AS text[]))";
                            });
        });
        return sql.toString();
    }

    private long count(String sql, MapSqlParameterSource params) {
        return jdbc.sql(sql).paramSource(params).query(Long.class).single();
    }

    private List<KpiReport.Count> counts(String sql, MapSqlParameterSource params) {
        return jdbc.sql(sql)
                .paramSource(params)
                .query((rs, n) -> new KpiReport.Count(rs.getString(1), rs.getLong(2)))
                .list();
    }
}
