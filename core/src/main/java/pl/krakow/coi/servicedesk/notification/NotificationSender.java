package pl.krakow.coi.servicedesk.notification;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due deliveries by SMTP (ADR 0086). Each of its threads claims a batch of due rows at a time with
 * {@code FOR UPDATE SKIP LOCKED}, marking them {@code SENDING} under a lease of its own, so across replicas each
 * row is claimed by one thread; renders and composes each, sends the batch over one connection, and marks each
 * row {@code SENT}, or {@code PENDING} again after a back-off that doubles with each attempt, or {@code FAILED}
 * (dead letter) after the last attempt. A row whose lease ran out (its replica stopped) is claimed again.
 *
 * <p>It is woken by {@link DeliverySignal} when this replica enqueued something, and polls otherwise. Nothing here
 * runs in a ticket's transaction: a slow or failing mail server never slows down or fails a change.
 */
@Component
@ConditionalOnWorkerRole
class NotificationSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final NotificationTemplates templates;
    private final NotificationMails mails;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationOutbox outbox;
    private final DeliverySignal signal;
    private final NotificationMetrics metrics;
    private final NotificationProperties.Sender settings;
    private final Clock clock;
    private final String instance = "sender-" + UUID.randomUUID();
    private final AtomicLong claims = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    NotificationSender(
            JdbcClient jdbc,
            JsonMapper json,
            NotificationTemplates templates,
            NotificationMails mails,
            ObjectProvider<JavaMailSender> mailSender,
            NotificationOutbox outbox,
            DeliverySignal signal,
            NotificationMetrics metrics,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.templates = templates;
        this.mails = mails;
        this.mailSender = mailSender;
        this.outbox = outbox;
        this.signal = signal;
        this.metrics = metrics;
        this.settings = properties.sender();
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        if (mailSender.getIfAvailable() == null) {
            // No SMTP server configured (spring.mail.host): deliveries wait in the table until one is.
            log.warn("No mail server configured (spring.mail.host): notifications are recorded, not sent");
            return;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::loop, "notification-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            long generation = signal.generation();
            int sent = 0;
            try {
                sent = sendDue();
            } catch (RuntimeException e) {
                // The database may be down for a moment: the rows stay, and their leases run out.
                log.warn("Sending notifications failed: {}", e.toString());
            }
            if (sent >= settings.batchSize()) {
                continue;
            }
            try {
                signal.awaitAfter(generation, settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Claims one batch of due deliveries and sends it.
     *
     * @return how many were claimed
     */
    int sendDue() {
        String token = instance + "-" + claims.incrementAndGet();
        Instant now = clock.instant();
        List<Claimed> batch = jdbc.sql("""
                        UPDATE notification_delivery d
                        SET state = 'SENDING', lease_until = :leaseUntil, leased_by = :token, attempts = d.attempts + 1
                        WHERE d.id IN (
                            SELECT id FROM notification_delivery
                            WHERE (state = 'PENDING' AND next_attempt_at <= :now)
                               OR (state = 'SENDING' AND lease_until < :now)
                            ORDER BY next_attempt_at, id
                            LIMIT :batch
                            FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.kind, d.ticket_id, d.recipient_email, d.recipient_name, d.content::text,
                            d.message_id, d.attempts, d.created_at
                        """)
                .param("leaseUntil", Timestamp.from(now.plus(settings.lease())))
                .param("token", token)
                .param("now", Timestamp.from(now))
                .param("batch", settings.batchSize())
                .query((rs, row) -> new Claimed(
                        rs.getLong("id"),
                        NotificationKind.valueOf(rs.getString("kind")),
                        (Long) rs.getObject("ticket_id"),
                        rs.getString("recipient_email"),
                        rs.getString("recipient_name"),
                        rs.getString("content"),
                        rs.getString("message_id"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        if (batch.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, Claimed> messages = new IdentityHashMap<>();
        Map<Claimed, String> subjects = new IdentityHashMap<>();
        for (Claimed delivery : batch) {
            try {
                NotificationContent content = json.readValue(delivery.content(), NotificationContent.class);
                RenderedMail rendered = templates.render(content);
                MimeMessage message =
                        mails.compose(rendered, content, delivery.email(), delivery.name(), thread(delivery));
                messages.put(message, delivery);
                subjects.put(delivery, rendered.subject());
            } catch (RuntimeException e) {
                // A delivery that cannot be rendered fails on its own, never the batch.
                failed(delivery, token, e);
            }
        }
        if (messages.isEmpty()) {
            return batch.size();
        }
        Map<Object, Exception> failures = Map.of();
        try {
            mailSender.getObject().send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            if (failures.isEmpty()) {
                failures = new IdentityHashMap<>();
                for (MimeMessage message : messages.keySet()) {
                    failures.put(message, e);
                }
            }
        } catch (MailException e) {
            failures = new IdentityHashMap<>();
            for (MimeMessage message : messages.keySet()) {
                failures.put(message, e);
            }
        }
        List<Long> sentIds = new ArrayList<>();
        List<String> sentSubjects = new ArrayList<>();
        Instant sentAt = clock.instant();
        for (Map.Entry<MimeMessage, Claimed> entry : messages.entrySet()) {
            Claimed delivery = entry.getValue();
            Exception failure = failed(failures, entry.getKey());
            if (failure == null) {
                sentIds.add(delivery.id());
                sentSubjects.add(subjects.get(delivery));
                metrics.sent(delivery.kind(), Duration.between(delivery.createdAt(), sentAt));
            } else {
                failed(delivery, token, failure);
            }
        }
        if (!sentIds.isEmpty()) {
            jdbc.sql("""
                            UPDATE notification_delivery d
                            SET state = 'SENT', sent_at = :sentAt, subject = v.subject, lease_until = NULL,
                                last_error = NULL
                            FROM unnest(CAST(:ids AS bigint[]), CAST(:subjects AS varchar[])) AS v(id, subject)
                            WHERE d.id = v.id AND d.leased_by = :token AND d.state = 'SENDING'
                            """)
                    .param("sentAt", Timestamp.from(sentAt))
                    .param("ids", sentIds.toArray(Long[]::new))
                    .param("subjects", sentSubjects.toArray(String[]::new))
                    .param("token", token)
                    .update();
        }
        return batch.size();
    }

    private static Exception failed(Map<Object, Exception> failures, MimeMessage message) {
        for (Map.Entry<Object, Exception> failure : failures.entrySet()) {
            if (failure.getKey() == message) {
                return failure.getValue();
            }
        }
        return null;
    }

    private MailThread thread(Claimed delivery) {
        if (delivery.ticketId() == null) {
            return new MailThread(delivery.messageId(), null, List.of());
        }
        String root = outbox.threadRoot(delivery.ticketId());
        return new MailThread(delivery.messageId(), root, List.of(root));
    }

    private void failed(Claimed delivery, String token, Exception failure) {
        boolean dead = delivery.attempts() >= settings.maxAttempts();
        Duration backoff = backoff(delivery.attempts());
        String error = String.valueOf(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        Throwable cause = failure.getCause();
        if (cause != null && cause.getMessage() != null) {
            error = error + ": " + cause.getMessage();
        }
        jdbc.sql("""
                        UPDATE notification_delivery
                        SET state = :state, next_attempt_at = :next, last_error = :error, lease_until = NULL
                        WHERE id = :id AND leased_by = :token AND state = 'SENDING'
                        """)
                .param("state", dead ? DeliveryState.FAILED.name() : DeliveryState.PENDING.name())
                .param("next", Timestamp.from(clock.instant().plus(backoff)))
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("id", delivery.id())
                .param("token", token)
                .update();
        metrics.failed(delivery.kind(), dead);
        log.info(
                "Notification {} to {} failed (attempt {}{}): {}",
                delivery.id(),
                delivery.email(),
                delivery.attempts(),
                dead ? ", dead-lettered" : ", retried in " + backoff,
                error);
    }

    /** The wait after attempt {@code attempts}: the initial back-off, doubled per further attempt, capped. */
    Duration backoff(int attempts) {
        Duration wait = settings.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private record Claimed(
            long id,
            NotificationKind kind,
            Long ticketId,
            String email,
            String name,
            String content,
            String messageId,
            int attempts,
            Instant createdAt) {}
}
