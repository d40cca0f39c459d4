package pl.krakow.coi.servicedesk.routing;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/** Routing suggestions for free text before filing, and for a filed ticket, as the caller may see them. */
@RestController
class RoutingController {

    private final RoutingService routing;
    private final TicketService tickets;
    private final CurrentUsers currentUsers;

    RoutingController(RoutingService routing, TicketService tickets, CurrentUsers currentUsers) {
        this.routing = routing;
        this.tickets = tickets;
        this.currentUsers = currentUsers;
    }

    record SuggestionRequest(
            @Size(max = 200) String title,
            @Size(max = 20000) String description,
            @Size(max = 40) String categoryCode,
            @Positive Long configurationItemId) {}

    @PostMapping("/api/v1/routing/suggestions")
    RoutingSuggestions suggest(@jakarta.validation.Valid @RequestBody SuggestionRequest request) {
        boolean noText = (request.title() == null || request.title().isBlank())
                && (request.description() == null || request.description().isBlank());
        if (noText && request.categoryCode() == null && request.configurationItemId() == null) {
            throw ServiceDeskException.invalid(
                    "routing-query-empty", "Give a title, a description, a category or a configuration item");
        }
        return routing.suggest(
                new RoutingService.RoutingQuery(
                        request.title(), request.description(), request.categoryCode(), request.configurationItemId()),
                currentUsers.current());
    }

    @GetMapping("/api/v1/tickets/{ref}/routing-suggestions")
    RoutingSuggestions forTicket(@PathVariable String ref) {
        CurrentUser user = currentUsers.current();
        TicketState ticket = tickets.get(ref, user);
        return routing.suggest(
                new RoutingService.RoutingQuery(
                        ticket.title(), ticket.description(), ticket.categoryCode(), ticket.configurationItemId()),
                user);
    }
}
