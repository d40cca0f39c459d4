package pl.krakow.coi.servicedesk.sla;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * A ticket's service levels: for each target its due time, remaining business time, state and clock,
 * the alerts raised, and with {@code explain=true} the segments that make up the elapsed time. Whoever
 * may see the ticket may see its service levels.
 */
@RestController
class SlaController {

    private final SlaService sla;
    private final CurrentUsers currentUsers;

    SlaController(SlaService sla, CurrentUsers currentUsers) {
        this.sla = sla;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/api/v1/tickets/{ref}/sla")
    SlaDtos.TicketSlaView ticket(@PathVariable String ref, @RequestParam(defaultValue = "false") boolean explain) {
        return SlaDtos.TicketSlaView.of(sla.ofTicket(ref, currentUsers.current(), explain), explain);
    }
}
