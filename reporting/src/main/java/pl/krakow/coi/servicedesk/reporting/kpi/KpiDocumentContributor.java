package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.search.SearchFieldType;
import pl.krakow.coi.servicedesk.search.TicketDocument;
import pl.krakow.coi.servicedesk.search.TicketDocumentContributor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * Reporting's fields of the ticket document: first-line resolution, resolution by monitoring itself,
 * escalation flag and targets, reopened and imported flags. The escalation targets of a whole batch come from one query over the
 * ESCALATED events; the rest is in the ticket's state. (Durations in business time and the SLA
 * states are the SLA capability's fields.)
 */
@Component
class KpiDocumentContributor implements TicketDocumentContributor {

    private final JdbcClient jdbc;

    KpiDocumentContributor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, SearchFieldType> fields() {
        Map<String, SearchFieldType> fields = new LinkedHashMap<>();
        fields.put(KpiFields.FIRST_LINE_RESOLVED, SearchFieldType.BOOLEAN);
        fields.put(KpiFields.ESCALATED, SearchFieldType.BOOLEAN);
        fields.put(KpiFields.ESCALATED_TO, SearchFieldType.KEYWORD);
        fields.put(KpiFields.RESOLVED_BY_MONITORING, SearchFieldType.BOOLEAN);
        fields.put(KpiFields.REOPENED, SearchFieldType.BOOLEAN);
        fields.put(KpiFields.IMPORTED, SearchFieldType.BOOLEAN);
        return fields;
    }

    @Override
    public void contribute(List<TicketDocument.Builder> batch) {
        List<Long> escalatedIds = new ArrayList<>();
        for (TicketDocument.Builder document : batch) {
            if (document.ticket().escalationCount() > 0) {
                escalatedIds.add(document.ticket().id());
            }
        }
        Map<Long, Set<String>> targets = escalationTargets(escalatedIds);
        Set<Long> byMonitoring = resolvedByMonitoring(batch.stream()
                .map(TicketDocument.Builder::ticket)
                .filter(t -> t.channel() == Channel.MONITORING && t.resolvedAt() != null)
                .map(TicketState::id)
                .toList());
        for (TicketDocument.Builder document : batch) {
            TicketState ticket = document.ticket();
            Set<String> to = targets.getOrDefault(ticket.id(), Set.of());
            boolean monitoring = byMonitoring.contains(ticket.id());
            document.set(KpiFields.FIRST_LINE_RESOLVED, firstLineResolved(ticket, monitoring))
                    .set(KpiFields.RESOLVED_BY_MONITORING, ticket.resolvedAt() == null ? null : monitoring)
                    .set(KpiFields.ESCALATED, ticket.escalationCount() > 0)
                    .set(KpiFields.ESCALATED_TO, to.isEmpty() ? null : List.copyOf(to))
                    .set(KpiFields.REOPENED, ticket.reopenCount() > 0)
                    .set(KpiFields.IMPORTED, ticket.externalReference() != null);
        }
    }

    /**
     * Null while not resolved; security incidents are never the first line's, nor are incidents that
     * monitoring resolved itself.
     */
    static Boolean firstLineResolved(TicketState ticket, boolean resolvedByMonitoring) {
        if (ticket.resolvedAt() == null || ticket.resolvedByLine() == null) {
            return null;
        }
        return ticket.type() != TicketType.SECURITY_INCIDENT
                && !resolvedByMonitoring
                && ticket.resolvedByLine() == SupportLine.FIRST
                && ticket.escalationCount() == 0;
    }

    /**
     * Of the given resolved monitoring incidents, those whose last resolution a system actor recorded (the
     * alert cleared and monitoring resolved the incident with it; {@link DatabaseKpis#RESOLVED_BY_MONITORING}).
     */
    private Set<Long> resolvedByMonitoring(List<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new java.util.HashSet<>(
                jdbc.sql("""
                        SELECT ticket_id FROM (
                            SELECT DISTINCT ON (ticket_id) ticket_id, actor_kind FROM ticket_event
                            WHERE ticket_id IN (:ids) AND type = 'RESOLVED' ORDER BY ticket_id, seq DESC) last
                        WHERE actor_kind = 'SYSTEM'
                        """).param("ids", ids).query(Long.class).list());
    }

    private Map<Long, Set<String>> escalationTargets(List<Long> ids) {
        Map<Long, Set<String>> targets = new HashMap<>();
        if (ids.isEmpty()) {
            return targets;
        }
        jdbc.sql("""
                        SELECT ticket_id, changes -> 'assignedUnit' ->> 'to' AS unit FROM ticket_event
                        WHERE ticket_id IN (:ids) AND type = 'ESCALATED' ORDER BY ticket_id, seq
                        """)
                .param("ids", ids)
                .query((rs, n) -> targets.computeIfAbsent(rs.getLong("ticket_id"), id -> new LinkedHashSet<>())
                        .add(rs.getString("unit")))
                .list();
        return targets;
    }
}
