package pl.krakow.coi.servicedesk.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Composes a rendered notification into the MIME message the SMTP server receives: {@code multipart/alternative}
 * (plain text, then HTML, both UTF-8), From, To, Subject (encoded words where needed), and the headers that thread
 * it and keep robots from answering it:
 *
 * <ul>
 *   <li>{@code Message-ID}, {@code In-Reply-To}, {@code References} from the {@link MailThread}; the
 *       {@code Message-ID} is kept when the message is saved or sent (a plain {@link MimeMessage} would replace
 *       it), so a retry of one delivery carries the same id;
 *   <li>{@code Auto-Submitted: auto-generated} (RFC 3834) and {@code X-Auto-Response-Suppress: All}, so
 *       out-of-office replies do not answer;
 *   <li>{@code X-ServiceDesk-Ticket: <number>} (or {@code X-ServiceDesk-Notification} alone when there is no
 *       ticket), by which the desk's own e-mail channel recognises, and never reads back, its notifications.
 * </ul>
 */
@Component
@EnableConfigurationProperties(NotificationMailProperties.class)
class NotificationMails {

    static final String TICKET_HEADER = "X-ServiceDesk-Ticket";
    static final String NOTIFICATION_HEADER = "X-ServiceDesk-Notification";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final String domain;

    NotificationMails(NotificationMailProperties properties, ObjectProvider<JavaMailSender> mailSender) {
        this.mailSender = mailSender;
        this.from = parseFrom(properties.from());
        this.replyTo = properties.replyTo() == null ? null : parseFrom(properties.replyTo());
        String configured = properties.messageIdDomain();
        this.domain = configured == null || configured.isBlank() ? domainOf(from) : configured.strip();
    }

    /**
     * The MIME message of one delivery.
     *
     * @param mail the rendered subject and bodies
     * @param content what was rendered (its kind and ticket number go into the headers)
     * @param toAddress the recipient's e-mail address
     * @param toName the recipient's display name, or null
     * @param thread the delivery's place in its ticket's thread
     */
    MimeMessage compose(
            RenderedMail mail, NotificationContent content, String toAddress, String toName, MailThread thread) {
        try {
            MimeMessage message = new ThreadedMimeMessage(session());
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            if (replyTo != null) {
                helper.setReplyTo(replyTo);
            }
            helper.setTo(
                    toName == null || toName.isBlank()
                            ? new InternetAddress(toAddress, true)
                            : new InternetAddress(toAddress, toName.strip(), StandardCharsets.UTF_8.name()));
            helper.setSubject(mail.subject());

            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            alternative.addBodyPart(text);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(html);
            message.setContent(alternative);

            message.setHeader("Message-ID", bracket(thread.messageId()));
            if (thread.inReplyTo() != null && !thread.inReplyTo().isBlank()) {
                message.setHeader("In-Reply-To", bracket(thread.inReplyTo()));
            }
            if (!thread.references().isEmpty()) {
                message.setHeader(
                        "References",
                        thread.references().stream()
                                .map(NotificationMails::bracket)
                                .collect(Collectors.joining(" ")));
            }
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader("Precedence", "bulk");
            message.setHeader(NOTIFICATION_HEADER, content.kind().name());
            if (content.ticketNumber() != null) {
                message.setHeader(TICKET_HEADER, content.ticketNumber());
            }
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Cannot compose the notification to " + toAddress, e);
        }
    }

    /**
     * The thread ids of one delivery: its own {@code ticket-<id>-<source>-<recipient hash>@<domain>}, answering and
     * referring to the ticket's root {@code ticket-<id>@<domain>}. The same (ticket, source, recipient) always gives
     * the same id, so a resend is recognisable and no two recipients share one.
     *
     * @param ticketId the ticket, or null for a mail of no ticket (a licence expiry): then the id is
     *     {@code notification-<source>-<recipient hash>@<domain>} and it answers nothing
     * @param source what caused the delivery, e.g. {@code event-977}
     * @param recipientAddress the recipient's e-mail address
     */
    MailThread thread(Long ticketId, String source, String recipientAddress) {
        String own = safe(source) + "-" + recipientHash(recipientAddress) + "@" + domain;
        if (ticketId == null) {
            return new MailThread("notification-" + own, null, List.of());
        }
        String root = ticketRoot(ticketId);
        return new MailThread("ticket-" + ticketId + "-" + own, root, List.of(root));
    }

    /** The id every mail about the ticket answers: {@code ticket-<id>@<domain>}. */
    String ticketRoot(long ticketId) {
        return "ticket-" + ticketId + "@" + domain;
    }

    /** The right-hand side of the ids. */
    String domain() {
        return domain;
    }

    /** A short, stable, not reversible token of an address (case-insensitive). */
    static String recipientHash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // A Message-ID's left-hand side is a dot-atom: keep letters, digits, dots and hyphens.
    private static String safe(String source) {
        String cleaned = source == null ? "" : source.replaceAll("[^A-Za-z0-9.-]+", "-");
        cleaned = cleaned.replaceAll("^[.-]+|[.-]+$", "");
        return cleaned.isEmpty() ? "notification" : cleaned;
    }

    private static String bracket(String id) {
        String bare = id.strip();
        return bare.startsWith("<") ? bare : "<" + bare + ">";
    }

    private Session session() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender instanceof JavaMailSenderImpl impl) {
            return impl.getSession();
        }
        return Session.getInstance(new Properties());
    }

    private static InternetAddress parseFrom(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            if (address.getPersonal() != null) {
                // Re-set so that a Polish display name is sent as an encoded word in UTF-8.
                address.setPersonal(address.getPersonal(), StandardCharsets.UTF_8.name());
            }
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("servicedesk.notifications.from is not an address: " + from, e);
        }
    }

    private static String domainOf(InternetAddress address) {
        String value = address.getAddress();
        int at = value.lastIndexOf('@');
        return at < 0 ? "localhost" : value.substring(at + 1);
    }

    /** Keeps the Message-ID the composer set: {@link MimeMessage#saveChanges()} would otherwise make a new one. */
    static final class ThreadedMimeMessage extends MimeMessage {

        ThreadedMimeMessage(Session session) {
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
