package pl.krakow.coi.servicedesk.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way into the notification pipeline: what happened ({@code source}, a stable key such as
 * {@code ticket-event:977} or {@code licence-expiry:12:30}) becomes one delivery row per recipient address, in the
 * caller's transaction. The rows are deduplicated by (source, address): enqueueing the same source again inserts
 * nothing for the addresses it already has, so a redelivered event notifies nobody twice. A recipient who turned
 * the kind off, or whom the storm damper holds back, gets a {@code SUPPRESSED} row (the ticket's log shows it);
 * the others a {@code PENDING} one, which this replica's sender is woken for once the transaction commits.
 */
@Component
class NotificationOutbox {

    /** Why a delivery was not sent. */
    enum Suppression {
        /** The person turned this kind of notification off. */
        OPTED_OUT,
        /** The storm damper's limits for the recipient were reached (ADR 0086). */
        DAMPED
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final NotificationSettings settings;
    private final StormDamper damper;
    private final DeliverySignal signal;
    private final NotificationMetrics metrics;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationOutbox(
            JdbcClient jdbc,
            JsonMapper json,
            NotificationSettings settings,
            StormDamper damper,
            DeliverySignal signal,
            NotificationMetrics metrics,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.damper = damper;
        this.signal = signal;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Enqueues a notification of {@code source} to each of {@code recipients} (an address given twice counts
     * once); {@code content} says what each is told, or null to tell that one nothing.
     *
     * @return how many deliveries were inserted (sent or suppressed); 0 when the source had them all already
     */
    int enqueue(String source, List<Recipient> recipients, Function<Recipient, NotificationContent> content) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("A notification needs its source");
        }
        Instant now = clock.instant();
        damper.serialise(recipients.stream().map(Recipient::email).toList());
        Set<String> addresses = new HashSet<>();
        int inserted = 0;
        boolean pending = false;
        for (Recipient recipient : recipients) {
            if (!addresses.add(recipient.email().toLowerCase(Locale.ROOT))) {
                continue;
            }
            NotificationContent model = content.apply(recipient);
            if (model == null) {
                continue;
            }
            Suppression suppression = null;
            if (recipient.username() != null && !settings.wants(recipient.username(), model.kind())) {
                suppression = Suppression.OPTED_OUT;
            } else if (damper.holdsBack(recipient.email(), model.ticketId(), now)) {
                suppression = Suppression.DAMPED;
            }
            String state = suppression == null ? DeliveryState.PENDING.name() : DeliveryState.SUPPRESSED.name();
            int rows = jdbc.sql("""
                            INSERT INTO notification_delivery (source, ticket_id, kind, recipient_username,
                                recipient_name, recipient_email, locale, content, message_id, state, suppressed_reason,
                                next_attempt_at, created_at)
                            VALUES (:source, :ticket, :kind, :username, :name, :email, :locale, CAST(:content AS jsonb),
                                :messageId, :state, :reason, :now, :now)
                            ON CONFLICT (source, lower(recipient_email)) DO NOTHING
                            """)
                    .param("source", source)
                    .param("ticket", model.ticketId())
                    .param("kind", model.kind().name())
                    .param("username", recipient.username())
                    .param("name", recipient.displayName())
                    .param("email", recipient.email())
                    .param("locale", model.locale().toLanguageTag())
                    .param("content", json.writeValueAsString(model))
                    .param("messageId", messageId(source, model.ticketId(), recipient.email()))
                    .param("state", state)
                    .param("reason", suppression == null ? null : suppression.name())
                    .param("now", Timestamp.from(now))
                    .update();
            if (rows == 1) {
                inserted++;
                pending |= suppression == null;
                metrics.enqueued(model.kind(), suppression == null ? DeliveryState.PENDING : DeliveryState.SUPPRESSED);
            }
        }
        if (pending) {
            wakeAfterCommit();
        }
        return inserted;
    }

    /**
     * The delivery's {@code Message-ID} (without angle brackets): derived from what it is, so the same on every
     * attempt, and unique per (source, address) as the rows are.
     */
    String messageId(String source, Long ticketId, String email) {
        String prefix = ticketId == null ? "" : "ticket-" + ticketId + "-";
        return prefix + source.replaceAll("[^A-Za-z0-9.-]", "-") + "-" + shortHash(email.toLowerCase(Locale.ROOT)) + "@"
                + properties.messageIdDomain();
    }

    /** The root of a ticket's thread: every mail about the ticket answers it. */
    String threadRoot(long ticketId) {
        return "ticket-" + ticketId + "@" + properties.messageIdDomain();
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        } else {
            signal.wake();
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
