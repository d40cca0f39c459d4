package pl.krakow.coi.servicedesk.ticket.domain;

import java.time.Instant;

/**
 * A comment on a ticket. Public comments are seen by the requester; internal ones only by staff.
 */
public record Comment(Long id, Actor author, Visibility visibility, String body, Instant createdAt) {

    public enum Visibility {
        PUBLIC,
        INTERNAL
    }

    public static final int MAX_LENGTH = 20_000;

    public Comment {
        if (body == null || body.isBlank()) {
            throw TicketRuleViolation.invalidInput("comment-empty", "A comment needs some text");
        }
        if (body.length() > MAX_LENGTH) {
            throw TicketRuleViolation.invalidInput(
                    "comment-too-long", "A comment may have at most " + MAX_LENGTH + " characters");
        }
    }
}
