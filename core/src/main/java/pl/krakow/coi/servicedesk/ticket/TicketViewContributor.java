package pl.krakow.coi.servicedesk.ticket;

import java.util.List;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Adds a property of another capability to a ticket's representation (the answer of
 * {@code GET /api/v1/tickets/{id}}, of the creation and of every action), e.g. the SLA's summary under
 * {@code sla}. Implement it as a bean. The ticket capability knows only the property's name, so it
 * depends on no capability that builds on tickets (as the search document's contributors do for the
 * index).
 */
public interface TicketViewContributor {

    /** The property's name in the representation. It must clash neither with the ticket's own nor another's. */
    String name();

    /** The property's value for {@code ticket}, serialised as JSON; null when there is none. */
    Object contribute(TicketState ticket);

    /**
     * As {@link #contribute(TicketState)}, with the ticket's whole history already at hand (a ticket just
     * registered: the events its registration recorded), so that it need not be read again.
     */
    default Object contribute(TicketState ticket, List<TicketEvent> history) {
        return contribute(ticket);
    }
}
