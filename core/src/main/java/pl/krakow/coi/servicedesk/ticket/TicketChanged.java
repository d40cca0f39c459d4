package pl.krakow.coi.servicedesk.ticket;

import java.util.List;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Published (within the transaction) when a ticket was saved, for listeners in this process: the SLA in
 * the transaction, the search relay and the metrics after commit. Not persisted, not resubmitted; other
 * capabilities listen to {@link TicketEventRecorded} instead (ADR 0079).
 */
public record TicketChanged(TicketState ticket, List<TicketEvent> events) {}
