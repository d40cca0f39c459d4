package pl.krakow.coi.servicedesk.ticket;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * {@link TicketIntake} over the ticket use cases' internals: the ticket is locked, the domain operation applied and
 * state, events, comments and outbox rows stored together, as for the API, but without {@link TicketAccess} (the
 * channel decided who acts).
 */
@Service
class TicketIntakeService implements TicketIntake {

    private final TicketService service;
    private final Tickets tickets;
    private final TicketLinks links;
    private final Clock clock;

    TicketIntakeService(TicketService service, Tickets tickets, TicketLinks links, Clock clock) {
        this.service = service;
        this.tickets = tickets;
        this.links = links;
        this.clock = clock;
    }

    @Override
    @Transactional
    public TicketState register(Ticket.NewTicket request, Actor actor) {
        return service.registerAt(request, actor, clock.instant()).state();
    }

    @Override
    @Transactional
    public TicketState reply(long ticketId, String body, Actor author) {
        return service.change(
                ticketId,
                (ticket, at) -> ticket.comment(body, Comment.Visibility.PUBLIC, asRecorded(ticket, author), at));
    }

    @Override
    @Transactional
    public TicketState reopen(long ticketId, String reason, Actor author) {
        return service.change(ticketId, (ticket, at) -> ticket.reopen(reason, asRecorded(ticket, author), at));
    }

    @Override
    @Transactional
    public TicketLink link(long ticketId, long linkedTicketId, TicketLink.Kind kind, Actor actor) {
        Objects.requireNonNull(kind, "kind");
        if (ticketId == linkedTicketId) {
            throw ServiceDeskException.invalid(
                    "ticket-link-to-itself", "Ticket " + ticketId + " cannot refer to itself");
        }
        TicketState linked = tickets.find(linkedTicketId)
                .map(Ticket::state)
                .orElseThrow(() -> ServiceDeskException.notFound("Ticket", linkedTicketId));
        Optional<TicketLinks.Stored> existing = links.find(ticketId, linkedTicketId);
        if (existing.isEmpty()) {
            // The referring ticket's lock serialises two links of the same pair: the second finds the first's row.
            service.change(ticketId, (ticket, at) -> {
                if (links.insert(ticketId, linkedTicketId, kind, actor.username(), at)) {
                    ticket.recordLink(linked.number(), kind.name(), actor, at);
                }
            });
            existing = links.find(ticketId, linkedTicketId);
        }
        TicketLinks.Stored link = existing.orElseThrow();
        return new TicketLink(ticketId, linkedTicketId, linked.number().value(), link.kind(), link.createdAt());
    }

    @Override
    public Optional<TicketState> find(long ticketId) {
        return tickets.find(ticketId).map(Ticket::state);
    }

    @Override
    public Optional<TicketState> findByNumber(String number) {
        if (number == null) {
            return Optional.empty();
        }
        // Numbers are stored upper-case; a subject's "[inc-2026-000123]" is the same ticket.
        String normalised = number.strip().toUpperCase(Locale.ROOT);
        return TicketNumber.looksLike(normalised)
                ? tickets.findByNumber(normalised).map(Ticket::state)
                : Optional.empty();
    }

    /**
     * The requester as the ticket knows them: a channel may spell an external requester's address in another case
     * ({@code mail:Anna@…}) than the ticket stores it, and the domain tells the requester's reply by the username.
     */
    private static Actor asRecorded(Ticket ticket, Actor actor) {
        String requester = ticket.state().requester().username();
        if (actor.kind() == Actor.Kind.REQUESTER
                && !actor.username().equals(requester)
                && actor.username().equalsIgnoreCase(requester)) {
            return new Actor(requester, actor.displayName(), actor.unit(), actor.kind());
        }
        return actor;
    }
}
