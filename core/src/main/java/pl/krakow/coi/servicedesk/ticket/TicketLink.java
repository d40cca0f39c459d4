package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;

/**
 * One ticket refers to another.
 *
 * @param ticketId the ticket that refers
 * @param linkedTicketId the ticket it refers to
 * @param linkedNumber the number of the ticket it refers to
 * @param kind why
 * @param createdAt when
 */
public record TicketLink(long ticketId, long linkedTicketId, String linkedNumber, Kind kind, Instant createdAt) {

    public enum Kind {
        /** A follow-up of a closed ticket (a reply to it by e-mail opened a new one). */
        FOLLOW_UP,
        /** Someone who is not a participant wrote about the ticket (zammad#5064): a new ticket, not a comment. */
        MENTIONS
    }
}
