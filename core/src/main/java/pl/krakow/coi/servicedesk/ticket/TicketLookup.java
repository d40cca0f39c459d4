package pl.krakow.coi.servicedesk.ticket;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Questions other capabilities ask about tickets without a user (imports, the KPI reconciliation, the SLA's
 * clocks, the search index's documents). What a user may see goes through {@link TicketService} and
 * {@link TicketQueries}, which apply {@link TicketAccess}.
 */
@Service
public class TicketLookup {

    private final Tickets tickets;

    TicketLookup(Tickets tickets) {
        this.tickets = tickets;
    }

    /** Whether a ticket was imported with this external reference (an import's key). */
    public boolean existsWithExternalReference(String reference) {
        return tickets.findByExternalReference(reference).isPresent();
    }

    /** The current state of the tickets of these ids; unknown ids are left out. */
    public List<TicketState> states(Collection<Long> ids) {
        return tickets.findAll(ids);
    }

    /** The current state of the ticket {@code id}, if there is one. */
    public Optional<TicketState> state(long id) {
        return tickets.find(id).map(Ticket::state);
    }

    /** The comments of these tickets, by ticket id, in the order they were written. */
    public Map<Long, List<Comment>> comments(Collection<Long> ticketIds) {
        return tickets.comments(ticketIds);
    }

    /** The ticket's events, oldest first. */
    public List<TicketEvent> history(long ticketId) {
        return tickets.history(ticketId);
    }

    /** The events of these tickets, by ticket id, oldest first. */
    public Map<Long, List<TicketEvent>> histories(Collection<Long> ticketIds) {
        return tickets.events(ticketIds);
    }
}
