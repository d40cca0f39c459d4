package pl.krakow.coi.servicedesk.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.YearMonth;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiFixture;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;

/** The monthly report goes over SMTP (a real server: GreenMail) to the configured recipients, once a month. */
@IntegrationTest(
        properties = {
            "servicedesk.reporting.monthly-report.recipients=dyrektor@coi.krakow.pl,zastepca1@coi.krakow.pl",
            "spring.mail.host=127.0.0.1"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonthlyReportIT {

    /** A real SMTP server on a free port, up before the application context reads its port. */
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    static boolean seeded;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Autowired
    MonthlyReport report;

    @Autowired
    MonthlyReportScheduler scheduler;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    @BeforeEach
    void seed() {
        if (!seeded) {
            KpiFixture.seed(tickets, jdbc);
            seeded = true;
        }
    }

    @Test
    @Order(1)
    void theMonthlyReportIsMailedOnceWithTheWorkbookAttached() throws Exception {
        assertThat(report.send(YearMonth.of(2026, 10), false))
                .containsExactly("dyrektor@coi.krakow.pl", "zastepca1@coi.krakow.pl");
        // Sent: another replica (or a second run) sends nothing.
        assertThat(report.send(YearMonth.of(2026, 10), false)).isEmpty();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one message, one copy per recipient
        MimeMessage message = received[0];
        assertThat(message.getSubject()).contains("2026-10");
        String text = GreenMailUtil.getBody(message);
        assertThat(text).contains("Zarejestrowane / registered: 8").contains("Rozwi");
        Part attachment = attachment((Multipart) message.getContent());
        assertThat(attachment.getFileName()).isEqualTo("kpi-2026-10.xlsx");
        try (InputStream in = attachment.getInputStream();
                ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(value(rows, "created")).isEqualTo(8);
            assertThat(value(rows, "resolved")).isEqualTo(5);
            assertThat(value(rows, "backlog")).isEqualTo(3);
        }
    }

    @Test
    void anAdminCanSendAMonthAgain() {
        api.as(TestUsers.admin("admin"))
                .post()
                .uri("/api/v1/kpis/monthly-report?month=2026-09")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.recipients.length()")
                .isEqualTo(2);
        api.as(TestUsers.manager("dyrektor", "COI-DYR"))
                .post()
                .uri("/api/v1/kpis/monthly-report?month=2026-09")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theScheduleSendsLastMonth() {
        scheduler.monthly();
        assertThat(report.sent(report.lastMonth())).isTrue();
    }

    private static int value(List<Row> rows, String figure) {
        return rows.stream()
                .filter(r -> figure.equals(r.getCellText(0)))
                .findFirst()
                .orElseThrow()
                .getCellAsNumber(1)
                .orElseThrow()
                .intValue();
    }

    private static Part attachment(Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
            if (part.getContent() instanceof Multipart nested) {
                Part found = attachment(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
