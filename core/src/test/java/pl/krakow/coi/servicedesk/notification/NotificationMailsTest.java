package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The MIME message of a notification: its parts, addresses, subject and threading headers. */
class NotificationMailsTest {

    static final NotificationContent CONTENT = new NotificationContent(
            NotificationKind.RESOLVED,
            Locale.forLanguageTag("pl"),
            "Anna Nowak",
            42L,
            "INC-2026-000123",
            "Drukarka nie drukuje",
            "RESOLVED",
            false,
            "Jan Kowalski",
            "Wymieniono toner.",
            null,
            null,
            "https://servicedesk.krakow.pl/tickets/42",
            List.of(),
            List.of());

    static NotificationMails mails(String from, String domain) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", new JavaMailSenderImpl());
        return new NotificationMails(
                new NotificationMailProperties(from, domain, null, Duration.ofMinutes(1), null),
                beans.getBeanProvider(JavaMailSender.class));
    }

    final NotificationMails mails = mails("Service Desk COI – Kraków <servicedesk@coi.krakow.pl>", null);

    @Test
    void thread_ids_are_stable_per_ticket_source_and_recipient() {
        MailThread thread = mails.thread(42L, "event-977", "Anna.Nowak@um.krakow.pl");

        String hash = NotificationMails.recipientHash("anna.nowak@um.krakow.pl");
        assertThat(hash).matches("[0-9a-f]{12}");
        assertThat(thread.messageId()).isEqualTo("ticket-42-event-977-" + hash + "@coi.krakow.pl");
        assertThat(thread.inReplyTo()).isEqualTo("ticket-42@coi.krakow.pl");
        assertThat(thread.references()).containsExactly("ticket-42@coi.krakow.pl");
        assertThat(mails.thread(42L, "event-977", " anna.nowak@UM.krakow.pl")).isEqualTo(thread);
        assertThat(mails.thread(42L, "event-977", "jan.kowalski@um.krakow.pl").messageId())
                .isNotEqualTo(thread.messageId());
        assertThat(mails.thread(42L, "event-978", "anna.nowak@um.krakow.pl").messageId())
                .isNotEqualTo(thread.messageId());
        // A source with characters a Message-ID cannot hold is made safe; a mail of no ticket answers nothing.
        assertThat(mails.thread(null, "licence 30d/7", "ewa@coi.krakow.pl").messageId())
                .matches("notification-licence-30d-7-[0-9a-f]{12}@coi\\.krakow\\.pl");
        assertThat(mails.thread(null, "licence", "ewa@coi.krakow.pl").inReplyTo())
                .isNull();
        // The configured domain wins over the sender's.
        assertThat(mails("sd@coi.krakow.pl", "servicedesk.krakow.pl").ticketRoot(42))
                .isEqualTo("ticket-42@servicedesk.krakow.pl");
    }

    @Test
    void a_composed_mail_is_text_and_html_alternatives_with_the_threading_and_robot_headers() throws Exception {
        RenderedMail rendered = new RenderedMail(
                "[INC-2026-000123] Twoje zgłoszenie zostało rozwiązane: Drukarka",
                "Zażółć gęślą jaźń\n",
                "<p>Zażółć gęślą jaźń</p>");
        MailThread thread = mails.thread(42L, "event-977", "anna.nowak@um.krakow.pl");

        MimeMessage message = mails.compose(rendered, CONTENT, "anna.nowak@um.krakow.pl", "Anna Nowak-Żółć", thread);
        // Sending saves the message again: the Message-ID must survive it, and a round trip through bytes.
        message.saveChanges();
        MimeMessage read = roundTrip(message);

        assertThat(read.getMessageID()).isEqualTo("<" + thread.messageId() + ">");
        assertThat(read.getHeader("In-Reply-To", null)).isEqualTo("<ticket-42@coi.krakow.pl>");
        assertThat(read.getHeader("References", null)).isEqualTo("<ticket-42@coi.krakow.pl>");
        assertThat(read.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(read.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(read.getHeader(NotificationMails.TICKET_HEADER, null)).isEqualTo("INC-2026-000123");
        assertThat(read.getHeader(NotificationMails.NOTIFICATION_HEADER, null)).isEqualTo("RESOLVED");

        assertThat(read.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(read.getSubject()).isEqualTo(rendered.subject());
        InternetAddress from = (InternetAddress) read.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("servicedesk@coi.krakow.pl");
        assertThat(from.getPersonal()).isEqualTo("Service Desk COI – Kraków");
        InternetAddress to = (InternetAddress) read.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo("anna.nowak@um.krakow.pl");
        assertThat(to.getPersonal()).isEqualTo("Anna Nowak-Żółć");

        assertThat(read.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) read.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getContent()).isEqualTo("Zażółć gęślą jaźń\n");
        assertThat(html.getContent()).isEqualTo("<p>Zażółć gęślą jaźń</p>");
    }

    @Test
    void a_reply_address_when_configured_is_the_reply_to() throws Exception {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", new JavaMailSenderImpl());
        NotificationMails replying = new NotificationMails(
                new NotificationMailProperties(
                        "sd@coi.krakow.pl", null, null, Duration.ofMinutes(1), "Service Desk <helpdesk@coi.krakow.pl>"),
                beans.getBeanProvider(JavaMailSender.class));
        RenderedMail rendered = new RenderedMail("[INC-2026-000123] x", "x\n", "<p>x</p>");
        MailThread thread = replying.thread(42L, "event-977", "anna.nowak@um.krakow.pl");
        MimeMessage read = roundTrip(replying.compose(rendered, CONTENT, "anna.nowak@um.krakow.pl", null, thread));
        assertThat(((InternetAddress) read.getReplyTo()[0]).getAddress()).isEqualTo("helpdesk@coi.krakow.pl");
        MimeMessage silent = roundTrip(mails.compose(rendered, CONTENT, "anna.nowak@um.krakow.pl", null, thread));
        assertThat(silent.getHeader("Reply-To", null)).isNull();
    }

    @Test
    void a_licence_mail_has_no_ticket_header_and_a_recipient_without_a_name_is_addressed_plainly() throws Exception {
        NotificationContent licences = new NotificationContent(
                NotificationKind.LICENCE_EXPIRING,
                Locale.ENGLISH,
                "Ewa",
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of());

        MimeMessage message = mails.compose(
                new RenderedMail("Licences", "text", "<p>html</p>"),
                licences,
                "ewa@coi.krakow.pl",
                null,
                mails.thread(null, "licence-7-30", "ewa@coi.krakow.pl"));

        assertThat(message.getHeader(NotificationMails.TICKET_HEADER)).isNull();
        assertThat(message.getHeader(NotificationMails.NOTIFICATION_HEADER, null))
                .isEqualTo("LICENCE_EXPIRING");
        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(message.getHeader("References")).isNull();
        assertThat(message.getHeader("To", null)).isEqualTo("ewa@coi.krakow.pl");
    }

    static MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
    }
}
