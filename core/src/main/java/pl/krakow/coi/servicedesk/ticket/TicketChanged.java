package pl.krakow.coi.servicedesk.ticket;

import java.util.List;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/** Published (within the transaction) when a ticket was saved; listeners act after commit. */
public record TicketChanged(TicketState ticket, List<TicketEvent> events) {}
