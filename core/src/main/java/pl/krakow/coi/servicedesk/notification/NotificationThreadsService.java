package pl.krakow.coi.servicedesk.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;

/**
 * {@link NotificationThreads} over the deliveries ({@code notification_delivery}) and the formats of the ids the
 * desk makes, all with the configured {@code servicedesk.notifications.message-id-domain}:
 *
 * <ul>
 *   <li>a ticket's thread root {@code ticket-<id>@<domain>} (every notification answers it);
 *   <li>a delivery's {@code ticket-<id>-<source>-<recipient hash>@<domain>}, or {@code <source>-<recipient
 *       hash>@<domain>} for a mail of no ticket ({@link NotificationOutbox#messageId});
 *   <li>{@code notification-…@<domain>} ({@link NotificationMails#thread} for a mail of no ticket);
 *   <li>{@code desk-<purpose>-<uuid>@<domain>} ({@link #newMessageId}, the channel's own mails).
 * </ul>
 */
@Component
class NotificationThreadsService implements NotificationThreads {

    private static final Pattern TICKET_ID = Pattern.compile("ticket-(\\d{1,18})(?:-[^@]*)?");
    private static final String OWN_PREFIX = "desk-";

    private final JdbcClient jdbc;
    private final TicketLookup tickets;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final String domain;

    NotificationThreadsService(
            JdbcClient jdbc,
            TicketLookup tickets,
            NotificationMetrics metrics,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.metrics = metrics;
        this.clock = clock;
        this.domain = properties.messageIdDomain().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<Long> ticketOf(Collection<String> messageIds) {
        if (messageIds == null) {
            return Optional.empty();
        }
        for (String raw : messageIds) {
            String id = bare(raw);
            if (id == null) {
                continue;
            }
            Optional<Long> delivered =
                    jdbc.sql("""
                            SELECT ticket_id FROM notification_delivery
                            WHERE message_id = :id AND ticket_id IS NOT NULL LIMIT 1
                            """).param("id", id).query(Long.class).optional();
            if (delivered.isPresent()) {
                return delivered;
            }
            Optional<Long> threaded =
                    ticketInId(id).filter(ticket -> tickets.state(ticket).isPresent());
            if (threaded.isPresent()) {
                return threaded;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isOwn(String messageId) {
        String id = bare(messageId);
        if (id == null || !ofDesk(id)) {
            return false;
        }
        String local = id.substring(0, id.lastIndexOf('@'));
        return TICKET_ID.matcher(local).matches()
                || local.startsWith("notification-")
                || local.startsWith(OWN_PREFIX)
                || jdbc.sql("SELECT EXISTS (SELECT 1 FROM notification_delivery WHERE message_id = :id)")
                        .param("id", id)
                        .query(Boolean.class)
                        .single();
    }

    @Override
    public boolean notified(long ticketId, String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM notification_delivery
                                       WHERE ticket_id = :ticket AND lower(recipient_email) = lower(:email))
                        """)
                .param("ticket", ticketId)
                .param("email", email.strip())
                .query(Boolean.class)
                .single();
    }

    @Override
    @Transactional
    public int markBounced(Collection<String> messageIds, String recipient, String reason) {
        List<String> ids = new ArrayList<>();
        if (messageIds != null) {
            messageIds.stream()
                    .map(NotificationThreadsService::bare)
                    .filter(id -> id != null)
                    .forEach(ids::add);
        }
        if (ids.isEmpty()) {
            return 0;
        }
        String why = reason == null || reason.isBlank() ? "Bounced" : reason.strip();
        List<String> kinds = jdbc.sql("""
                        UPDATE notification_delivery
                        SET state = 'BOUNCED', last_error = left(:reason, 2000)
                        WHERE message_id = ANY(:ids) AND state = 'SENT'
                          AND (CAST(:recipient AS varchar) IS NULL OR lower(recipient_email) = lower(:recipient))
                        RETURNING kind
                        """)
                .param("ids", ids.toArray(String[]::new))
                .param("recipient", recipient == null || recipient.isBlank() ? null : recipient.strip())
                .param("reason", "Bounced at " + clock.instant() + ": " + why)
                .query(String.class)
                .list();
        kinds.forEach(kind -> metrics.bounced(NotificationKind.valueOf(kind)));
        return kinds.size();
    }

    @Override
    public String newMessageId(String purpose) {
        String what = purpose == null
                ? ""
                : purpose.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
        return OWN_PREFIX + (what.isEmpty() ? "mail" : what.toLowerCase(Locale.ROOT)) + "-" + UUID.randomUUID() + "@"
                + domain;
    }

    /** The ticket a thread id of the desk names ({@code ticket-<id>@…}, {@code ticket-<id>-…@…}). */
    private Optional<Long> ticketInId(String id) {
        if (!ofDesk(id)) {
            return Optional.empty();
        }
        Matcher matcher = TICKET_ID.matcher(id.substring(0, id.lastIndexOf('@')));
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private boolean ofDesk(String id) {
        int at = id.lastIndexOf('@');
        return at > 0 && id.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain);
    }

    /** The id without angle brackets and space; null when nothing is left. */
    private static String bare(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.strip();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        if (id.endsWith(">")) {
            id = id.substring(0, id.length() - 1);
        }
        id = id.strip();
        return id.isEmpty() ? null : id;
    }
}
