package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.util.FileSystemUtils;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.Clamd;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The application with a real ClamAV daemon (the test's own, {@link Clamd}): uploads wait for the scan, an infected
 * file is quarantined and never served, a clean one is served once scanned, and while clamd is down files wait
 * and are scanned when it is back; never served unscanned.
 */
@NeedsOutsidePrograms
@IntegrationTest(
        properties = {
            "servicedesk.attachments.scan-interval=200ms",
            "servicedesk.attachments.scan-retry=300ms",
            "servicedesk.attachments.scan-max-retry=1s",
            "servicedesk.attachments.scanner.clamd.read-timeout=10s"
        })
class AttachmentClamdIT {

    static Path directory;
    static Clamd clamd;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    @BeforeEach
    void requesterHasAnAddress() {
        people.upsert("anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "manual", Instant.now());
    }

    @DynamicPropertySource
    static void clamd(DynamicPropertyRegistry registry) throws IOException {
        directory = Files.createTempDirectory("clamd");
        clamd = Clamd.start(directory);
        registry.add("servicedesk.attachments.scanner.clamd.host", clamd::host);
        registry.add("servicedesk.attachments.scanner.clamd.port", clamd::port);
    }

    @AfterAll
    static void stopClamd() throws IOException {
        clamd.close();
        FileSystemUtils.deleteRecursively(directory);
    }

    @Test
    void anInfectedFileWaitsThenIsQuarantinedAndNeverServedAndTheUploaderSeesWhy() {
        clamd.start();
        long ticket = ticket();

        JsonNode uploaded = upload(ticket, "wynik.txt", Clamd.eicar());
        long id = uploaded.get("id").asLong();
        assertThat(uploaded.get("state").asString()).isEqualTo("PENDING_SCAN");
        assertThat(uploaded.hasNonNull("contentUrl")).isFalse();

        JsonNode quarantined = awaitState(ticket, id, "QUARANTINED");
        assertThat(quarantined.get("scanVerdict").asString()).isEqualTo("INFECTED");
        assertThat(quarantined.get("scanSignature").asString()).isEqualTo(Clamd.REPORTED_SIGNATURE);
        assertThat(quarantined.hasNonNull("contentUrl")).isFalse();

        JsonNode refused = downloadRefused(ticket, id, anna);
        assertThat(refused.get("type").asString()).endsWith("/attachment-quarantined");
        assertThat(refused.get("detail").asString()).contains(Clamd.REPORTED_SIGNATURE);
        assertThat(downloadRefused(ticket, id, firstLine).get("type").asString())
                .endsWith("/attachment-quarantined");

        JsonNode history = api.as(anna)
                .get()
                .uri("/api/v1/tickets/{id}/history", ticket)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(history.valueStream()
                        .filter(e -> e.get("type").asString().equals("ATTACHMENT_QUARANTINED"))
                        .map(e -> e.path("data").path("signature").asString()))
                .as("what the uploader reads in the ticket's history")
                .containsExactly(Clamd.REPORTED_SIGNATURE);
        // And what the uploader is told by mail: why their file cannot be downloaded (this context has no SMTP
        // server, so the delivery waits in the table; NotificationTemplatesTest renders the kind).
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT kind || '>' || recipient_email FROM"
                                        + " notification_delivery WHERE ticket_id = :ticket AND kind ="
                                        + " 'ATTACHMENT_QUARANTINED'")
                                .param("ticket", ticket)
                                .query(String.class)
                                .list())
                        .containsExactly("ATTACHMENT_QUARANTINED>anna.nowak@um.krakow.pl"));
    }

    @Test
    void aCleanFileWaitsThenIsServedByteForByte() {
        clamd.start();
        long ticket = ticket();
        byte[] content = random(3 * 1024 * 1024 + 5, 7);

        JsonNode uploaded = upload(ticket, "dane.bin", content);
        long id = uploaded.get("id").asLong();
        assertThat(uploaded.get("state").asString()).isEqualTo("PENDING_SCAN");

        JsonNode available = awaitState(ticket, id, "AVAILABLE");
        assertThat(available.get("scanVerdict").asString()).isEqualTo("CLEAN");
        byte[] downloaded = download(available.get("contentUrl").asString(), anna);
        assertThat(sha256(downloaded)).isEqualTo(sha256(content));
    }

    @Test
    void whileClamdIsDownFilesWaitAndAreScannedWhenItIsBack() {
        long ticket = ticket();
        clamd.stop();
        try {
            long clean = upload(
                            ticket,
                            "notatka.txt",
                            "Drukarka na 3 piętrze nie drukuje.".getBytes(StandardCharsets.UTF_8))
                    .get("id")
                    .asLong();
            long infected = upload(ticket, "makro.txt", Clamd.eicar()).get("id").asLong();

            // Several scan rounds and retries pass: nothing is served, nothing leaves PENDING_SCAN.
            Awaitility.await()
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        for (long id : new long[] {clean, infected}) {
                            assertThat(attachment(ticket, id).get("state").asString())
                                    .isEqualTo("PENDING_SCAN");
                            assertThat(downloadRefused(ticket, id, firstLine)
                                            .get("type")
                                            .asString())
                                    .endsWith("/attachment-pending-scan");
                        }
                    });
            assertThat(clamdHealth()).isEqualTo("DOWN");
            String scrape = scrape();
            assertThat(gauge(scrape, "servicedesk_attachments_scan_waiting")).isGreaterThanOrEqualTo(2);
            assertThat(gauge(scrape, "servicedesk_attachments_scan_wait_seconds"))
                    .isGreaterThanOrEqualTo(3);
            // Each file was tried and its failed attempts recorded: the worker backs off, file by file.
            for (long id : new long[] {clean, infected}) {
                Map<String, Object> row = jdbc.sql(
                                "SELECT scan_attempts, last_scan_error FROM attachment WHERE id = :id")
                        .param("id", id)
                        .query()
                        .singleRow();
                assertThat(((Number) row.get("scan_attempts")).intValue()).isGreaterThanOrEqualTo(2);
                assertThat((String) row.get("last_scan_error")).contains("clamd cannot be reached");
            }
        } finally {
            clamd.start();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(api.as(anna)
                                .get()
                                .uri("/api/v1/tickets/{id}/attachments", ticket)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody()
                                .valueStream()
                                .map(a -> a.get("filename").asString() + " "
                                        + a.get("state").asString()))
                        .containsExactlyInAnyOrder("notatka.txt AVAILABLE", "makro.txt QUARANTINED"));
        assertThat(clamdHealth()).isEqualTo("UP");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> gauge(scrape(), "servicedesk_attachments_scan_waiting") == 0);
        assertThat(scrape().lines()
                        .filter(line -> line.startsWith("servicedesk_attachments_scans_seconds_count{"))
                        .filter(line -> line.contains("verdict=\"unavailable\"")))
                .as("scans that gave no verdict, counted")
                .singleElement()
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .isPositive());
    }

    String scrape() {
        return api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The value of a gauge without labels but the application's, from a Prometheus scrape. */
    static double gauge(String scrape, String name) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the scrape"));
    }

    long ticket() {
        return api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Błąd w aplikacji", "description", "Plik w załączniku."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    JsonNode upload(long ticket, String filename, byte[] content) {
        return api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/attachments?filename={name}", ticket, filename)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(content)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode attachment(long ticket, long id) {
        return api.as(anna)
                .get()
                .uri("/api/v1/tickets/{ticket}/attachments/{id}", ticket, id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode awaitState(long ticket, long id, String state) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> attachment(ticket, id),
                        a -> a.get("state").asString().equals(state));
    }

    /** The problem the download of a file that is not served answers (409). */
    JsonNode downloadRefused(long ticket, long id, CurrentUser user) {
        return api.as(user)
                .get()
                .uri("/api/v1/tickets/{ticket}/attachments/{id}/content", ticket, id)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    byte[] download(String url, CurrentUser user) {
        EntityExchangeResult<byte[]> result = api.as(user)
                .get()
                .uri(url)
                .accept(MediaType.ALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult();
        return result.getResponseBody();
    }

    String clamdHealth() {
        JsonNode health = api.anonymous()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return health.path("components").path("clamd").path("status").asString();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
