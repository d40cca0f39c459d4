package pl.krakow.coi.servicedesk.sla;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.ticket.TicketChanged;

/**
 * Keeps {@code sla_ticket} in step with the tickets, in the transaction that changes the ticket: a
 * new ticket is bound to the current configuration revision, and every change asks the timers to
 * look at the ticket again. Nothing is lost if the application stops right after the commit.
 */
@Component
class SlaTicketListener {

    private final SlaTickets slaTickets;
    private final Clock clock;

    SlaTicketListener(SlaTickets slaTickets, Clock clock) {
        this.slaTickets = slaTickets;
        this.clock = clock;
    }

    @EventListener
    void on(TicketChanged change) {
        slaTickets.changed(change.ticket().id(), clock.instant());
    }
}
