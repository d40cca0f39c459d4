package pl.krakow.coi.servicedesk.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.reporting.kpi.IndexWaiter;
import pl.krakow.coi.servicedesk.reporting.kpi.TicketRows;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.Reindexing;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/**
 * Exports over 20 500 tickets, more than forty pages of the index: the CSV is streamed page by page
 * (read here line by line, never whole), and the workbook carries the report and the tickets.
 */
@IntegrationTest(properties = "servicedesk.reporting.export.page-size=500")
class ExportIT {

    static final int TICKETS = 20_500;
    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IndexWaiter index;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        // 20 500 tickets registered over September 2026, every 2 minutes, a third resolved at the first line.
        jdbc.sql("""
                        INSERT INTO ticket (number, type, title, description, requester_username, requester_name,
                            requester_unit, channel, category_code, impact, urgency, priority, status, support_line,
                            assigned_unit, resolution, resolution_note, resolved_by_unit, resolved_by_line,
                            created_at, updated_at, resolved_at, handled_by_units, version)
                        SELECT 'INC-2026-' || lpad(g::text, 7, '0'), 'INCIDENT', 'Awaria drukarki, "pokój" ' || g,
                            'Drukarka nie drukuje, komunikat:' || chr(10) || 'błąd 0x' || g, 'pracownik' || (g % 97),
                            'Pracownik ' || (g % 97), 'KP-01', (ARRAY['PORTAL', 'EMAIL', 'PHONE'])[1 + g % 3],
                            'WS-PRINTER-FAULT', 'MEDIUM', 'MEDIUM', 'P3',
                            CASE WHEN g % 3 = 0 THEN 'RESOLVED' ELSE 'NEW' END, 'FIRST', 'IT-02-2',
                            CASE WHEN g % 3 = 0 THEN 'FIXED' END, CASE WHEN g % 3 = 0 THEN 'Naprawiono' END,
                            CASE WHEN g % 3 = 0 THEN 'IT-02-2' END, CASE WHEN g % 3 = 0 THEN 'FIRST' END,
                            timestamptz '2026-09-01 00:00+02' + g * interval '2 minutes',
                            timestamptz '2026-09-01 00:00+02' + g * interval '2 minutes',
                            CASE WHEN g % 3 = 0 THEN timestamptz '2026-09-01 01:00+02' + g * interval '2 minutes' END,
                            ARRAY['IT-02-2']::varchar[], 0
                        FROM generate_series(1, :n) g
                        """).param("n", TICKETS).update();
        Reindexing.runToCompletion(api, Duration.ofMinutes(5));
        index.awaitCaughtUp();
        seeded = true;
    }

    @Test
    void theCsvStreamsEveryTicketPageByPage() throws Exception {
        double pagesBefore = pages();
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/kpis/export/tickets.csv?from=2026-09-01&to=2026-10-01"))
                .header("Authorization", "Bearer " + issuer.issue(DIRECTOR).accessToken())
                .build();
        HttpResponse<Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        AtomicLong records = new AtomicLong();
        Set<String> numbers = new HashSet<>();
        String[] header = new String[1];
        boolean[] inQuotes = {false};
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (header[0] == null) {
                    header[0] = line;
                    return;
                }
                // A quoted field may hold a line break (the descriptions are not exported, but be exact).
                if (!inQuotes[0]) {
                    records.incrementAndGet();
                    numbers.add(line.substring(0, line.indexOf(',')));
                }
                long quotes = line.chars().filter(c -> c == '"').count();
                if (quotes % 2 == 1) {
                    inQuotes[0] = !inQuotes[0];
                }
            });
        }
        assertThat(header[0]).isEqualTo("\ufeff" + String.join(",", TicketRows.COLUMNS));
        assertThat(records.get()).isEqualTo(TICKETS);
        assertThat(numbers).hasSize(TICKETS).contains("INC-2026-0000001", "INC-2026-0020500");
        // 500 tickets per page: 41 full pages and an empty one at least; never the whole result at once.
        assertThat(pages() - pagesBefore).isGreaterThanOrEqualTo(TICKETS / 500.0);
    }

    @Test
    void theWorkbookHoldsTheReportAndTheTickets() throws Exception {
        byte[] xlsx = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis/export/report.xlsx?from=2026-09-01&to=2026-09-08&tickets=true")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (InputStream in = new java.io.ByteArrayInputStream(xlsx);
                ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("KPI", "Series", "Units", "Tickets");
            List<Row> kpi = sheets.get(0).read();
            Row created = kpi.stream()
                    .filter(r -> "created".equals(r.getCellText(0)))
                    .findFirst()
                    .orElseThrow();
            // 1–7 September: ticket g is registered at g × 2 minutes after midnight, g = 1 … 5039.
            assertThat(created.getCellAsNumber(1).orElseThrow().intValue()).isEqualTo(5039);
            List<Row> tickets = sheets.get(3).read();
            assertThat(tickets).hasSize(5040);
            assertThat(tickets.get(0).getCellText(0)).isEqualTo("number");
            assertThat(tickets.get(1).getCellText(0)).isEqualTo("INC-2026-0000001");
        }
    }

    @Test
    void exportsAreForManagers() {
        api.as(TestUsers.firstLine("jan.kowalski"))
                .get()
                .uri("/api/v1/kpis/export/tickets.csv")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private double pages() {
        return registry.get("servicedesk.reporting.export.pages").counter().count();
    }
}
