package pl.krakow.coi.servicedesk.ingest.legacy;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;

/**
 * Registers each legacy ticket with its replayed history in the chunk's transaction
 * ({@link TicketService#registerWithHistory}: original actors and times; the SLA engine computes from them),
 * and keeps what the old system said about it in {@code legacy_ticket}.
 */
class BuildWriter implements ItemWriter<LegacyTicket> {

    private final TicketService tickets;
    private final JdbcClient jdbc;
    private final RunFence fence;
    private final Clock clock;
    private final long runId;

    BuildWriter(TicketService tickets, JdbcClient jdbc, RunFence fence, Clock clock, long runId) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.fence = fence;
        this.clock = clock;
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends LegacyTicket> chunk) {
        for (LegacyTicket legacy : chunk.getItems()) {
            LegacyTicketBuilder.Plan plan = legacy.plan();
            Ticket ticket =
                    tickets.registerWithHistory(plan.ticket(), plan.registrar(), plan.openedAt(), plan.history());
            IncidentUpdate last = legacy.updates().get(legacy.updates().size() - 1);
            jdbc.sql("""
                            INSERT INTO legacy_ticket (ticket_id, external_reference, run_id, rows_applied, made_sla,
                                reassignment_count, reopen_count, imported_at)
                            VALUES (:ticket, :ref, :run, :rows, :madeSla, :reassignments, :reopens, :now)
                            """)
                    .param("ticket", ticket.id())
                    .param("ref", plan.ticket().externalReference())
                    .param("run", runId)
                    .param("rows", legacy.updates().size())
                    .param("madeSla", last.get("made_sla") == null ? null : Boolean.valueOf(last.get("made_sla")))
                    .param("reassignments", integer(last.get("reassignment_count")))
                    .param("reopens", integer(last.get("reopen_count")))
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        }
        fence.check(runId);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
