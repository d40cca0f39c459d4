package pl.krakow.coi.servicedesk.ingest.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import pl.krakow.coi.servicedesk.notification.NotificationThreads;
import pl.krakow.coi.servicedesk.platform.events.AfterCommit;

/**
 * {@link AutoReplies} by SMTP (Spring's mail sender, present when {@code spring.mail.host} is set): one plain-text
 * mail, Polish then English, marked as automatic so that no well-behaved program answers it; claimed in the mail's
 * transaction, sent after it commits.
 */
@Component
class SmtpAutoReplies implements AutoReplies {

    private static final Logger log = LoggerFactory.getLogger(SmtpAutoReplies.class);

    /** At most one answer per sender and reason within this time. */
    static final Duration PER = Duration.ofHours(1);

    private static final String TEMPLATES = "mail/auto-replies/";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationThreads threads;
    private final MailLedger ledger;
    private final Clock clock;
    private final Map<Reason, Template> templates = new EnumMap<>(Reason.class);
    private final Properties causes;
    private final Map<Reason, Counter> sent = new EnumMap<>(Reason.class);

    SmtpAutoReplies(
            ObjectProvider<JavaMailSender> mailSender,
            NotificationThreads threads,
            MailLedger ledger,
            Clock clock,
            MeterRegistry registry) {
        this.mailSender = mailSender;
        this.threads = threads;
        this.ledger = ledger;
        this.clock = clock;
        for (Reason reason : Reason.values()) {
            templates.put(
                    reason,
                    Template.read(
                            TEMPLATES + reason.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".txt"));
            sent.put(
                    reason,
                    Counter.builder("servicedesk.mail.auto-replies")
                            .description("Auto-replies sent to senders of mail that was not taken")
                            .tag("reason", reason.name())
                            .register(registry));
        }
        this.causes = causes(TEMPLATES + "causes.properties");
    }

    @Override
    public void send(
            MailboxSettings mailbox, String to, String inReplyTo, String subject, Reason reason, String detail) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No mail server configured (spring.mail.host): no auto-reply ({}) sent", reason);
            return;
        }
        if (to == null || to.isBlank() || to.equalsIgnoreCase(mailbox.address())) {
            return;
        }
        // Serialised per sender like the rate limit; the claim is atomic on its own, the lock keeps the order.
        ledger.serialise(to);
        if (!ledger.claimAutoReply(to, reason.name(), clock.instant(), PER)) {
            log.debug("An auto-reply ({}) went to this sender within {}: none now", reason, PER);
            return;
        }
        String messageId = threads.newMessageId("auto-reply");
        Template template = templates.get(reason);
        Map<String, String> values = Map.of(
                "subject",
                subject == null || subject.isBlank() ? MailSubjects.NO_SUBJECT : subject,
                "code",
                detail == null ? "" : detail,
                "cause.pl",
                cause(detail, "pl"),
                "cause.en",
                cause(detail, "en"));
        String text = template.body(values);
        String title = template.subject(values);
        AfterCommit.run(() -> {
            try {
                MimeMessage message = new KeptIdMessage(Session.getInstance(new Properties()));
                message.setFrom(new InternetAddress(mailbox.address()));
                message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
                message.setSubject(title, StandardCharsets.UTF_8.name());
                message.setText(text, StandardCharsets.UTF_8.name());
                message.setHeader("Message-ID", "<" + messageId + ">");
                message.setHeader("Auto-Submitted", "auto-replied");
                message.setHeader("X-Auto-Response-Suppress", "All");
                message.setHeader("X-ServiceDesk-Notification", "auto-reply");
                message.setHeader("Precedence", "bulk");
                if (inReplyTo != null && !inReplyTo.isBlank()) {
                    message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
                    message.setHeader("References", "<" + inReplyTo + ">");
                }
                message.setSentDate(java.util.Date.from(clock.instant()));
                sender.send(message);
                sent.get(reason).increment();
            } catch (MessagingException | MailException e) {
                log.warn("An auto-reply ({}) could not be sent: {}", reason, e.getMessage());
            }
        });
    }

    private String cause(String detail, String language) {
        if (detail == null || detail.isBlank()) {
            return causes.getProperty("default." + language, "");
        }
        String code =
                detail.contains(":") ? detail.substring(0, detail.indexOf(':')).strip() : detail.strip();
        return causes.getProperty(code + "." + language, causes.getProperty("default." + language, ""));
    }

    private static Properties causes(String path) {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        return properties;
    }

    /**
     * A text file: its first line {@code Subject: …}, a blank line, the body; {@code {name}} stands for a value.
     */
    record Template(String subjectLine, String bodyText) {

        static Template read(String path) {
            String all;
            try (InputStream in = new ClassPathResource(path).getInputStream()) {
                all = StreamUtils.copyToString(in, StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
            int end = all.indexOf('\n');
            if (!all.startsWith("Subject:") || end < 0) {
                throw new IllegalStateException(path + " must start with a Subject: line");
            }
            return new Template(
                    all.substring("Subject:".length(), end).strip(),
                    all.substring(end + 1).strip() + "\n");
        }

        String subject(Map<String, String> values) {
            return fill(subjectLine, values).replaceAll("[\\r\\n]+", " ");
        }

        String body(Map<String, String> values) {
            return fill(bodyText, values);
        }

        private static String fill(String text, Map<String, String> values) {
            String filled = text;
            for (Map.Entry<String, String> value : values.entrySet()) {
                filled = filled.replace("{" + value.getKey() + "}", value.getValue());
            }
            return filled;
        }
    }

    /** Keeps the Message-ID set here: {@link MimeMessage#saveChanges()} would otherwise make a new one. */
    private static final class KeptIdMessage extends MimeMessage {

        KeptIdMessage(Session session) {
            super(session);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
