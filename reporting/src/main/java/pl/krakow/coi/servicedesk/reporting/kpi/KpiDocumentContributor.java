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
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * Reporting's fields of the ticket document: first-line resolution, escalation flag and targets,
 * reopened and imported flags. The escalation targets of a whole batch come from one query over the
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
        for (TicketDocument.Builder document : batch) {
            TicketState ticket = document.ticket();
            Set<String> to = targets.getOrDefault(ticket.id(), Set.of());
            document.set(KpiFields.FIRST_LINE_RESOLVED, firstLineResolved(ticket))
                    .set(KpiFields.ESCALATED, ticket.escalationCount() > 0)
                    .set(KpiFields.ESCALATED_TO, to.isEmpty() ? null : List.copyOf(to))
                    .set(KpiFields.REOPENED, ticket.reopenCount() > 0)
                    .set(KpiFields.IMPORTED, ticket.externalReference() != null);
        }
    }

    /** Null while not resolved; security incidents are never the first line's. */
    static Boolean firstLineResolved(TicketState ticket) {
        if (ticket.resolvedAt() == null || ticket.resolvedByLine() == null) {
            return null;
        }
        return ticket.type() != TicketType.SECURITY_INCIDENT
                && ticket.resolvedByLine() == SupportLine.FIRST
                && ticket.escalationCount() == 0;
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
