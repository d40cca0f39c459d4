package pl.krakow.coi.servicedesk.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * STAND-IN until the {@code mailtpl} branch is merged (which replaces this file): composes the MIME message of a
 * rendered notification.
 */
@Component
class NotificationMails {

    private final JavaMailSender sender;

    NotificationMails(JavaMailSender sender) {
        this.sender = sender;
    }

    MimeMessage compose(
            RenderedMail mail, NotificationContent content, String toAddress, String toName, MailThread thread) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom("servicedesk@coi.krakow.pl");
            helper.setTo(toAddress);
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader("Message-ID", "<" + thread.messageId() + ">");
            if (thread.inReplyTo() != null) {
                message.setHeader("In-Reply-To", "<" + thread.inReplyTo() + ">");
            }
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
