package pl.krakow.coi.servicedesk.notification;

import java.util.Collection;
import java.util.Optional;

/**
 * What the e-mail channel needs of the notifications: which ticket a reply answers, whether a message is the desk's
 * own, who took part in a ticket's mail, and bounces.
 */
public interface NotificationThreads {

    /**
     * The ticket a message belongs to, from the ids it answers ({@code In-Reply-To}, {@code References}): a
     * notification's {@code Message-ID} or a ticket's thread id ({@code ticket-<id>@<domain>}). Ids without angle
     * brackets; the first that resolves wins.
     */
    Optional<Long> ticketOf(Collection<String> messageIds);

    /** Whether the desk made this {@code Message-ID} (a notification, a thread id, an auto-reply of the channel). */
    boolean isOwn(String messageId);

    /** Whether {@code email} was told about the ticket (sent or not): a participant of its mail. */
    boolean notified(long ticketId, String email);

    /**
     * Marks the notifications with these {@code Message-ID}s undelivered (state {@code BOUNCED}, with the reason in
     * the ticket's log): only those to {@code recipient} when it is given.
     *
     * @return how many deliveries were marked
     */
    int markBounced(Collection<String> messageIds, String recipient, String reason);

    /** A new {@code Message-ID} (without brackets) for a mail the desk sends outside the notifications. */
    String newMessageId(String purpose);
}
