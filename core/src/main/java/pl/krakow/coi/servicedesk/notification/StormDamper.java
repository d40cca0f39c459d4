package pl.krakow.coi.servicedesk.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds back a storm (ADR 0086): a flapping alert's ticket, or a burst of changes, must not send hundreds of mails
 * to one person. Within a sliding window, an address gets at most so many mails in all, and at most so many about
 * one ticket; what goes beyond is suppressed ({@code DAMPED}) and stays in the ticket's log.
 */
@Component
class StormDamper {

    private final JdbcClient jdbc;
    private final NotificationProperties.Damping limits;

    StormDamper(JdbcClient jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.damping();
    }

    /**
     * Serialises, until the calling transaction ends, the enqueueing of mails to these addresses across threads and
     * replicas: without it two events handled at once both count the same window and both pass the limit. The locks
     * are taken in one order (sorted addresses), so two enqueues cannot deadlock.
     */
    void serialise(Collection<String> emails) {
        emails.stream()
                .map(email -> email.toLowerCase(Locale.ROOT))
                .distinct()
                .sorted()
                .forEach(email -> jdbc.sql(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('notification-recipient:' || :email, 0))) l")
                        .param("email", email)
                        .query(Integer.class)
                        .single());
    }

    /** Whether one more mail to {@code email} (about {@code ticketId}, if any) would go beyond a limit. */
    boolean holdsBack(String email, Long ticketId, Instant now) {
        // Every mail that was or will be sent counts: a BOUNCED one was sent too (a recipient whose mailbox bounces
        // must not get more mails because of it); only those never sent (SUPPRESSED) do not.
        Counts counts = jdbc.sql("""
                        SELECT count(*) AS all_tickets,
                               count(*) FILTER (WHERE ticket_id = :ticket) AS this_ticket
                        FROM notification_delivery
                        WHERE lower(recipient_email) = lower(:email) AND created_at > :since AND state <> 'SUPPRESSED'
                        """)
                .param("email", email)
                .param("ticket", ticketId)
                .param("since", Timestamp.from(now.minus(limits.window())))
                .query((rs, row) -> new Counts(rs.getLong("all_tickets"), rs.getLong("this_ticket")))
                .single();
        return counts.all() >= limits.perRecipient()
                || (ticketId != null && counts.ticket() >= limits.perRecipientAndTicket());
    }

    private record Counts(long all, long ticket) {}
}
