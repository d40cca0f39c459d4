package pl.krakow.coi.servicedesk.ticket;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Questions other capabilities ask about tickets without a user (imports, the KPI reconciliation). What a user may
 * see goes through {@link TicketService} and {@link TicketQueries}, which apply {@link TicketAccess}.
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
}
