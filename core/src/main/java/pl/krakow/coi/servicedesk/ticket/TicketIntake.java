package pl.krakow.coi.servicedesk.ticket;

import java.util.Optional;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Named use cases for a channel that acts for a person without a session of theirs (the e-mail channel): the same
 * domain rules as the API, in the caller's transaction. The channel has decided who the person is; these do not
 * check a session's permissions.
 */
public interface TicketIntake {

    /** Registers a ticket at the first line, like any ticket (number, SLA, routing suggestions on view). */
    TicketState register(Ticket.NewTicket request, Actor actor);

    /**
     * A public comment by {@code author}. The requester's reply to a ticket waiting for them resumes it and its SLA
     * clocks, as the API's answer does.
     */
    TicketState reply(long ticketId, String body, Actor author);

    /** Reopens a resolved ticket, {@code reason} as the public reason (the requester's reply). */
    TicketState reopen(long ticketId, String reason, Actor author);

    /** Records that {@code ticketId} refers to {@code linkedTicketId}, and why; both tickets list the link. */
    TicketLink link(long ticketId, long linkedTicketId, TicketLink.Kind kind, Actor actor);

    Optional<TicketState> find(long ticketId);

    /** A ticket by its number ({@code INC-2026-000123}), case-insensitive. */
    Optional<TicketState> findByNumber(String number);
}
