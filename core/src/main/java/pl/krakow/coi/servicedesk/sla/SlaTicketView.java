package pl.krakow.coi.servicedesk.sla;

import java.util.List;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.ticket.TicketViewContributor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/** The SLA's summary in a ticket's representation, under {@code sla}. */
@Component
class SlaTicketView implements TicketViewContributor {

    private final SlaService sla;

    SlaTicketView(SlaService sla) {
        this.sla = sla;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public SlaSummary contribute(TicketState ticket) {
        return sla.summary(ticket);
    }

    @Override
    public SlaSummary contribute(TicketState ticket, List<TicketEvent> history) {
        return sla.summary(ticket, history);
    }
}
