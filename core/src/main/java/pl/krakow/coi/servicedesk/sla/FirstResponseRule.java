package pl.krakow.coi.servicedesk.sla;

import java.util.List;
import java.util.Optional;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;

/**
 * The response target is met by the first of: an assignment to a person, an agent starting work, a
 * question to the requester, a public comment by an agent, or the resolution, done by anyone but the
 * requester. This is the rule by which {@code Ticket} sets {@code firstResponseAt}; a test holds the
 * two together. Escalating or reassigning to a unit's queue is not a response, nor is an internal
 * comment.
 */
final class FirstResponseRule {

    private FirstResponseRule() {}

    public static boolean isResponse(TicketEvent event) {
        Actor.Kind kind = event.actor().kind();
        return switch (event.type()) {
            case ASSIGNED, WORK_STARTED, WAITING_FOR_REQUESTER, RESOLVED -> kind != Actor.Kind.REQUESTER;
            case COMMENTED ->
                kind == Actor.Kind.AGENT && "PUBLIC".equals(event.data().get("visibility"));
            default -> false;
        };
    }

    /** The first response among {@code events} (in their order), if any. */
    public static Optional<TicketEvent> first(List<TicketEvent> events) {
        return events.stream().filter(FirstResponseRule::isResponse).findFirst();
    }
}
