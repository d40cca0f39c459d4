package pl.krakow.coi.servicedesk.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * The notification log and the dead letters (docs/notifications.md).
 *
 * <ul>
 *   <li>{@code GET /api/v1/tickets/{ref}/notifications}: who was told what about a ticket and when, with the
 *       delivery state. Staff who may see the ticket ({@code TicketAccess}) see every delivery; a requester sees
 *       only those addressed to them; anyone else gets the 404 of a ticket they may not see.
 *   <li>{@code GET /api/v1/admin/notifications?state=FAILED}: deliveries in a state, newest first (admins);
 *       {@code BOUNCED} lists those a bounce answered, the reason in {@code lastError}.
 *   <li>{@code POST /api/v1/admin/notifications/{id}/retry}: a dead letter is sent again from its first attempt.
 * </ul>
 */
@RestController
class NotificationController {

    private static final String COLUMNS = """
            id, source, ticket_id, kind, recipient_username, recipient_name, recipient_email, locale, subject,
            message_id, state, suppressed_reason, attempts, next_attempt_at, last_error, created_at, sent_at
            """;

    private final JdbcClient jdbc;
    private final TicketService tickets;
    private final CurrentUsers currentUsers;
    private final DeliverySignal signal;
    private final Clock clock;

    NotificationController(
            JdbcClient jdbc, TicketService tickets, CurrentUsers currentUsers, DeliverySignal signal, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.currentUsers = currentUsers;
        this.signal = signal;
        this.clock = clock;
    }

    /** One delivery as the log shows it. */
    record Delivery(
            long id,
            String source,
            Long ticketId,
            String kind,
            String recipientUsername,
            String recipientName,
            String recipientEmail,
            String locale,
            String subject,
            String messageId,
            String state,
            String suppressedReason,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant sentAt) {}

    @GetMapping("/api/v1/tickets/{ref}/notifications")
    List<Delivery> ofTicket(@PathVariable String ref) {
        CurrentUser user = currentUsers.current();
        TicketState ticket = tickets.get(ref, user);
        boolean staff = user.hasAny(Role.AGENT, Role.MANAGER, Role.ADMIN);
        return jdbc.sql("SELECT " + COLUMNS + """
                        FROM notification_delivery
                        WHERE ticket_id = :ticket AND (:staff OR recipient_username = :me)
                        ORDER BY id
                        """)
                .param("ticket", ticket.id())
                .param("staff", staff)
                .param("me", user.username())
                .query(NotificationController::map)
                .list();
    }

    @GetMapping("/api/v1/admin/notifications")
    @PreAuthorize("hasRole('ADMIN')")
    List<Delivery> list(
            @RequestParam(defaultValue = "FAILED") String state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        DeliveryState wanted;
        try {
            wanted = DeliveryState.valueOf(state.strip());
        } catch (IllegalArgumentException e) {
            throw ServiceDeskException.invalid(
                    "invalid-notification-state",
                    "state is one of PENDING, SENDING, SENT, FAILED, SUPPRESSED, BOUNCED, not " + state);
        }
        if (size < 1 || size > 100 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 100, page 0 to 10000");
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                        FROM notification_delivery WHERE state = :state ORDER BY id DESC LIMIT :size OFFSET :offset
                        """)
                .param("state", wanted.name())
                .param("size", size)
                .param("offset", page * size)
                .query(NotificationController::map)
                .list();
    }

    @PostMapping("/api/v1/admin/notifications/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    Delivery retry(@PathVariable long id) {
        int updated = jdbc.sql("""
                        UPDATE notification_delivery
                        SET state = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = NULL, leased_by = NULL
                        WHERE id = :id AND state = 'FAILED'
                        """)
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        Delivery delivery = jdbc.sql("SELECT " + COLUMNS + " FROM notification_delivery WHERE id = :id")
                .param("id", id)
                .query(NotificationController::map)
                .optional()
                .orElseThrow(() -> ServiceDeskException.notFound("Notification", id));
        if (updated == 0) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "notification-not-failed",
                    "Not a dead letter",
                    "Notification " + id + " is " + delivery.state() + "; only a FAILED one is retried",
                    Map.of("state", delivery.state()));
        }
        signal.wake();
        return delivery;
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getString("source"),
                (Long) rs.getObject("ticket_id"),
                rs.getString("kind"),
                rs.getString("recipient_username"),
                rs.getString("recipient_name"),
                rs.getString("recipient_email"),
                rs.getString("locale"),
                rs.getString("subject"),
                rs.getString("message_id"),
                rs.getString("state"),
                rs.getString("suppressed_reason"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
