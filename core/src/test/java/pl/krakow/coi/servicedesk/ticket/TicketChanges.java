package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;
import java.util.function.BiConsumer;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * For tests that build a ticket's history quickly (fixtures, corpora): applies operations of the ticket directly,
 * with their own actors, without {@link TicketAccess}. The application has no such door (ADR 0080).
 */
public final class TicketChanges {

    private TicketChanges() {}

    public static TicketState apply(TicketService service, long id, BiConsumer<Ticket, Instant> change) {
        return service.change(id, change);
    }
}
