package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * A notification rendered and composed by the application's beans, sent through the application's
 * {@link JavaMailSender} to a real SMTP server (GreenMail), arrives as it was composed: the threading and robot
 * headers intact, text and HTML alternatives, Polish letters in the subject and the body.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.from=Centrum Obsługi Informatycznej <servicedesk@coi.krakow.pl>"
        })
class NotificationMailIT {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Autowired
    NotificationTemplates templates;

    @Autowired
    NotificationMails mails;

    @Autowired
    JavaMailSender sender;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void a_sent_notification_keeps_its_headers_parts_and_polish_letters() throws Exception {
        NotificationContent content = new NotificationContent(
                NotificationKind.RESOLVED,
                Locale.forLanguageTag("pl"),
                "Łucja Żółtowska",
                42L,
                "INC-2026-000123",
                "Nie działa drukarka w pokoju 214",
                "RESOLVED",
                false,
                "Jan Kowalski",
                "Wymieniono bęben światłoczuły.\nProszę sprawdzić wydruk.",
                Instant.parse("2026-12-08T11:00:00Z"),
                null,
                "https://servicedesk.krakow.pl/tickets/42",
                List.of(),
                List.of());
        MailThread thread = mails.thread(42L, "event-977", "lucja.zoltowska@um.krakow.pl");

        MimeMessage composed = mails.compose(
                templates.render(content), content, "lucja.zoltowska@um.krakow.pl", "Łucja Żółtowska", thread);
        sender.send(composed);
        // A retry of the same delivery goes out under the same Message-ID.
        sender.send(mails.compose(
                templates.render(content), content, "lucja.zoltowska@um.krakow.pl", "Łucja Żółtowska", thread));

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(received[1].getMessageID()).isEqualTo(mail.getMessageID());

        assertThat(mail.getMessageID()).isEqualTo("<" + thread.messageId() + ">");
        assertThat(thread.messageId()).matches("ticket-42-event-977-[0-9a-f]{12}@coi\\.krakow\\.pl");
        assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<ticket-42@coi.krakow.pl>");
        assertThat(mail.getHeader("References", null)).isEqualTo("<ticket-42@coi.krakow.pl>");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(mail.getHeader("X-ServiceDesk-Ticket", null)).isEqualTo("INC-2026-000123");

        assertThat(mail.getSubject())
                .isEqualTo("[INC-2026-000123] Twoje zgłoszenie zostało rozwiązane: Nie działa drukarka w pokoju 214");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Centrum Obsługi Informatycznej");
        assertThat(from.getAddress()).isEqualTo("servicedesk@coi.krakow.pl");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getPersonal()).isEqualTo("Łucja Żółtowska");

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("Wymieniono bęben światłoczuły.", "potwierdź rozwiązanie", "zostało rozwiązane");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("Wymieniono bęben światłoczuły.", "https://servicedesk.krakow.pl/tickets/42");
        // What went over the wire is 7-bit safe: the Polish letters travel encoded.
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain("ł", "ż", "ę");
    }
}
