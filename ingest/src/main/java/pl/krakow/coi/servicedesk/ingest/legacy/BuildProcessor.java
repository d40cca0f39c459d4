package pl.krakow.coi.servicedesk.ingest.legacy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.batch.RowRejected;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the staged updates of one ticket number, leaves out a ticket imported before (filtered: a re-run
 * creates no duplicate), and replays its history in memory first: a history our lifecycle refuses rejects
 * the ticket (skipped, with the reason) before anything is written.
 */
class BuildProcessor implements ItemProcessor<String, LegacyTicket> {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TicketLookup tickets;
    private final LegacyOptions options;
    private final Set<String> categories;
    private final long runId;

    BuildProcessor(
            JdbcClient jdbc,
            JsonMapper json,
            TicketLookup tickets,
            LegacyOptions options,
            Set<String> categories,
            long runId) {
        this.jdbc = jdbc;
        this.json = json;
        this.tickets = tickets;
        this.options = options;
        this.categories = categories;
        this.runId = runId;
    }

    @Override
    public LegacyTicket process(String number) {
        if (tickets.existsWithExternalReference(options.referencePrefix() + number)) {
            return null;
        }
        List<IncidentUpdate> updates = jdbc.sql("""
                        SELECT line, number, updated_at, data::text AS data FROM legacy_incident_row
                        WHERE run_id = :run AND number = :number ORDER BY updated_at, line
                        """)
                .param("run", runId)
                .param("number", number)
                .query((rs, n) -> new IncidentUpdate(
                        rs.getLong("line"),
                        rs.getString("number"),
                        rs.getTimestamp("updated_at").toInstant(),
                        json.readValue(rs.getString("data"), MAP)))
                .list();
        if (options.skipUnmappedGroups()) {
            for (IncidentUpdate update : updates) {
                String group = update.get("assignment_group");
                if (group != null && !options.groups().containsKey(group)) {
                    throw new RowRejected(
                            update.line(),
                            "assignment_group",
                            group,
                            "Ticket " + number + " passed through group " + group
                                    + ", which is not mapped to a unit (options.groups); skipped, as"
                                    + " unmappedGroups=skip asks");
                }
            }
        }
        LegacyTicketBuilder.Plan plan;
        try {
            plan = LegacyTicketBuilder.plan(updates, options, categories);
            Ticket trial = Ticket.register(
                    plan.ticket(), TicketNumber.of(TicketType.INCIDENT, 2000, 1), plan.registrar(), plan.openedAt());
            plan.history().accept(trial);
        } catch (ServiceDeskException | IllegalArgumentException e) {
            throw new RowRejected(
                    updates.get(0).line(),
                    "number",
                    number,
                    "Ticket " + number + " cannot be imported: " + e.getMessage());
        }
        return new LegacyTicket(number, updates, plan);
    }
}
