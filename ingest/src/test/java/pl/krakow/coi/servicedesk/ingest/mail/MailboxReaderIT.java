package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TcpProxy;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The reader against a real IMAP server (GreenMail) behind a TCP proxy the tests cut: each mail processed once and
 * moved after commit, IDLE, a dropped connection, a crash between commit and move, a mail too large, a processor that
 * throws, and the mails of a ticket.
 */
@IntegrationTest
@Import(RecordingMailProcessor.class)
class MailboxReaderIT {

    static final String PASSWORD = "Imap-Passw0rd-for-the-desk";
    static final TestMailServer SERVER = new TestMailServer();
    static final GreenMailUser DESK = SERVER.user("desk@coi.krakow.pl", "desk", PASSWORD);
    static final TcpProxy PROXY = proxy();
    static final Path SECRET = secret(PASSWORD);

    static final CurrentUser ADMIN = TestUsers.admin("ada");
    static final CurrentUser AGENT = TestUsers.firstLine("jan");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        String prefix = "servicedesk.mail.mailboxes.desk.";
        registry.add(prefix + "address", () -> "desk@coi.krakow.pl");
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", PROXY::port);
        registry.add(prefix + "security", () -> "NONE");
        registry.add(prefix + "username", () -> "desk");
        registry.add(prefix + "password-ref", () -> "file:" + SECRET);
        registry.add(prefix + "max-message-size", () -> "64KB");
        // Minutes: a mail that arrives within seconds came by IDLE.
        registry.add(prefix + "poll-interval", () -> "10m");
        registry.add("servicedesk.mail.reader.check-interval", () -> "300ms");
        registry.add("servicedesk.mail.reader.lease-duration", () -> "20s");
        registry.add("servicedesk.mail.reader.initial-backoff", () -> "200ms");
        registry.add("servicedesk.mail.reader.max-backoff", () -> "1s");
        registry.add("servicedesk.mail.reader.max-attempts", () -> "2");
        registry.add("servicedesk.mail.reader.read-timeout", () -> "20s");
    }

    @AfterEach
    void noHooks() {
        RecordingMailProcessor.HOOKS.clear();
        PROXY.comeUp();
    }

    @AfterAll
    static void stopServer() throws IOException {
        PROXY.close();
        SERVER.close();
    }

    @Test
    void aMailIsProcessedOnceStoredByteForByteAndMovedToProcessed() {
        byte[] raw = TestMailServer.mail(
                "first@client.example", "anna@um.krakow.pl", "Drukarka nie działa — Zażółć gęślą jaźń", "Pomocy.");
        SERVER.deliver(DESK, raw);

        awaitInFolder("Processed", "first@client.example");
        assertThat(effects("first@client.example")).isEqualTo(1);
        JsonNode row = jdbc.sql("SELECT id, outcome, sender, dedupe_key FROM mail_message WHERE message_id = ?")
                .param("first@client.example")
                .query((rs, n) -> JsonNodes.row(rs))
                .single();
        assertThat(row.get("outcome").asString()).isEqualTo("TICKET_CREATED");
        assertThat(row.get("sender").asString()).isEqualTo("anna@um.krakow.pl");
        assertThat(row.get("dedupe_key").asString()).isEqualTo("id:first@client.example");
        assertThat(SERVER.subjects(DESK, "INBOX")).isEmpty();

        byte[] original = api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mail/messages/{id}/original", row.get("id").asLong())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("message/rfc822")
                .expectHeader()
                .valueMatches("Content-Disposition", "attachment;.*")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        // The 8-bit subject header is kept exactly as the server holds it.
        assertThat(new String(original, StandardCharsets.UTF_8)).contains("Zażółć gęślą jaźń");
        assertThat(original).isEqualTo(raw);

        assertThat(meters.get(MailMetrics.MESSAGES)
                        .tags("mailbox", "desk", "outcome", "TICKET_CREATED")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get(MailMetrics.LAG).timer().count()).isPositive();
        assertThat(meters.get(MailMetrics.HELD).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aMailWithoutAMessageIdCountsOnceByItsContent() {
        byte[] raw = TestMailServer.mail(null, "anna@um.krakow.pl", "No id", "The same bytes twice.");
        SERVER.deliver(DESK, raw);
        awaitInFolder("Processed", "No id");
        // A byte-identical copy (a resend, a second delivery) is the same mail: moved, not processed again.
        SERVER.deliver(DESK, raw);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(SERVER.subjects(DESK, "Processed"))
                        .filteredOn("No id"::equals)
                        .hasSize(2));
        assertThat(jdbc.sql("SELECT count(*) FROM mail_test_effect WHERE subject = 'No id'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT dedupe_key FROM mail_message WHERE subject = 'No id'")
                        .query(String.class)
                        .list())
                .containsExactly("sha256:" + MailboxReader.sha256(raw));
    }

    @Test
    void idlePicksUpANewMailAtOnce() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT idle FROM mail_mailbox_status WHERE mailbox = 'desk' AND last_read_at IS NOT NULL")
                                .query(Boolean.class)
                                .optional())
                        .contains(true));
        long started = System.nanoTime();
        SERVER.deliver(DESK, TestMailServer.mail("idle@client.example", "anna@um.krakow.pl", "IDLE", "x"));
        // The poll interval is ten minutes: only IDLE brings it this soon (generous for a loaded machine).
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(effects("idle@client.example")).isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aConnectionDroppedMidFetchLosesNothingAndDuplicatesNothing() {
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean cut = new AtomicBoolean();
        RecordingMailProcessor.HOOKS.put("Drop ", subject -> {
            if (seen.incrementAndGet() == 7 && cut.compareAndSet(false, true)) {
                // The connection goes while this mail commits and the rest of the batch waits to be fetched.
                PROXY.goDown();
                CompletableFuture.runAsync(
                        PROXY::comeUp, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            }
        });
        for (int i = 0; i < 25; i++) {
            SERVER.deliver(
                    DESK, TestMailServer.mail("drop-" + i + "@client.example", "anna@um.krakow.pl", "Drop " + i, "x"));
        }
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(SERVER.subjects(DESK, "Processed"))
                        .filteredOn(s -> s.startsWith("Drop "))
                        .hasSize(25));
        assertThat(cut).isTrue();
        for (int i = 0; i < 25; i++) {
            assertThat(effects("drop-" + i + "@client.example"))
                    .as("mail %d", i)
                    .isEqualTo(1);
        }
        assertThat(SERVER.subjects(DESK, "INBOX")).isEmpty();
    }

    @Test
    void aCrashBetweenCommitAndMoveMovesTheMailLaterWithoutProcessingItAgain() {
        AtomicBoolean cut = new AtomicBoolean();
        RecordingMailProcessor.HOOKS.put("Crash", subject -> {
            if (cut.compareAndSet(false, true)) {
                // Committed next, but the move that follows fails: the reader has lost its server.
                PROXY.goDown();
                CompletableFuture.runAsync(
                        PROXY::comeUp, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            }
        });
        SERVER.deliver(DESK, TestMailServer.mail("crash@client.example", "anna@um.krakow.pl", "Crash", "x"));

        awaitInFolder("Processed", "Crash");
        assertThat(cut).isTrue();
        assertThat(effects("crash@client.example")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_message WHERE message_id = 'crash@client.example'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMailOverTheLimitIsQuarantinedWithoutBeingDownloaded() {
        String big = "x".repeat(100 * 1024);
        SERVER.deliver(DESK, TestMailServer.mail("big@client.example", "anna@um.krakow.pl", "Big", big));

        awaitInFolder("Quarantine", "Big");
        assertThat(jdbc.sql("SELECT count(*) FROM mail_test_effect WHERE subject = 'Big' AND kind = 'TOO_LARGE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_test_effect WHERE subject = 'Big' AND kind = 'PROCESS'")
                        .query(Long.class)
                        .single())
                .isZero();
        JsonNode row = jdbc.sql(
                        "SELECT id, outcome, reason, size_bytes, raw IS NULL AS no_raw FROM mail_message WHERE message_id = 'big@client.example'")
                .query((rs, n) -> JsonNodes.row(rs))
                .single();
        assertThat(row.get("outcome").asString()).isEqualTo("QUARANTINED");
        assertThat(row.get("reason").asString()).isEqualTo("TOO_LARGE");
        assertThat(row.get("size_bytes").asLong()).isGreaterThan(100 * 1024);
        assertThat(row.get("no_raw").asBoolean()).isTrue();
        JsonNode quarantined = api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mail/messages?outcome=QUARANTINED&mailbox=desk")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode listed = null;
        for (JsonNode mail : quarantined) {
            if ("big@client.example".equals(mail.get("messageId").asString())) {
                listed = mail;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("reason").asString()).isEqualTo("TOO_LARGE");
        assertThat(listed.get("originalUrl") == null
                        || listed.get("originalUrl").isNull())
                .isTrue();
        api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mail/messages/{id}/original", row.get("id").asLong())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat(type.toString()).endsWith("/mail-original-not-stored"));
    }

    @Test
    void aHeldMailGoesToQuarantine() {
        SERVER.deliver(DESK, TestMailServer.mail("hold@client.example", "stranger@example.com", "Hold: who?", "x"));
        awaitInFolder("Quarantine", "Hold: who?");
        assertThat(effects("hold@client.example")).isEqualTo(1);
    }

    @Test
    void aMailTheProcessorFailsOnStaysThenIsQuarantinedAsProcessingFailed() {
        AtomicInteger attempts = new AtomicInteger();
        RecordingMailProcessor.HOOKS.put("Bug", subject -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug in the processor");
        });
        SERVER.deliver(DESK, TestMailServer.mail("bug@client.example", "anna@um.krakow.pl", "Bug", "x"));
        // Left in place after the first failure; the next pass (a later mail ends the IDLE) tries once more.
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() >= 1);
        SERVER.deliver(DESK, TestMailServer.mail("after-bug@client.example", "anna@um.krakow.pl", "After bug", "x"));

        awaitInFolder("Quarantine", "Bug");
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(effects("bug@client.example")).isZero();
        assertThat(jdbc.sql("SELECT outcome || '/' || reason FROM mail_message WHERE message_id = 'bug@client.example'")
                        .query(String.class)
                        .single())
                .isEqualTo("QUARANTINED/PROCESSING_FAILED");
        awaitInFolder("Processed", "After bug");
    }

    @Test
    void staffSeeTheMailsOfATicketAndRequestersDoNot() {
        byte[] raw = TestMailServer.mail("ticket@client.example", "ewa@um.krakow.pl", "Ticket: no network", "x");
        SERVER.deliver(DESK, raw);
        awaitInFolder("Processed", "Ticket: no network");
        long ticketId = jdbc.sql("SELECT ticket_id FROM mail_message WHERE message_id = 'ticket@client.example'")
                .query(Long.class)
                .single();

        JsonNode mails = api.as(AGENT)
                .get()
                .uri("/api/v1/tickets/{ref}/mails", ticketId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).get("sender").asString()).isEqualTo("ewa@um.krakow.pl");
        String originalUrl = mails.get(0).get("originalUrl").asString();
        assertThat(originalUrl).startsWith("/api/v1/tickets/" + ticketId + "/mails/");
        byte[] original = api.as(AGENT)
                .get()
                .uri(originalUrl)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(original).isEqualTo(raw);

        // The requester (an external one here, so no one signs in as them): a requester of the register gets 403
        // or the 404 of a ticket they may not see, never the mails.
        int status = api.as(TestUsers.requester("ewa", "UM-01"))
                .get()
                .uri("/api/v1/tickets/{ref}/mails", ticketId)
                .exchange()
                .returnResult(byte[].class)
                .getStatus()
                .value();
        assertThat(status).isIn(403, 404);
        api.as(AGENT)
                .get()
                .uri("/api/v1/admin/mail/messages")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        api.as(ADMIN)
                .get()
                .uri("/api/v1/admin/mail/messages?outcome=LOST")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat(type.toString()).endsWith("/invalid-mail-outcome"));
    }

    private long effects(String messageId) {
        return jdbc.sql("SELECT count(*) FROM mail_test_effect WHERE message_id = ?")
                .param("<" + messageId + ">")
                .query(Long.class)
                .single();
    }

    private void awaitInFolder(String folder, String subjectOrId) {
        // Beyond the reader's fresh SELECT (idle-restart, a minute): GreenMail now and then loses the IDLE
        // notification of a mail, which the reader then finds only at that SELECT.
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(SERVER.subjects(DESK, folder))
                        .anySatisfy(subject -> assertThat(subject).isIn(subjectOrId, subjectFor(subjectOrId))));
    }

    /** The subject of the mail whose id is given, when a test names the mail by its id. */
    private String subjectFor(String messageId) {
        return jdbc.sql("SELECT subject FROM mail_test_effect WHERE message_id = ? LIMIT 1")
                .param("<" + messageId + ">")
                .query(String.class)
                .optional()
                .orElse("(none)");
    }

    private static TcpProxy proxy() {
        try {
            return new TcpProxy(URI.create("imap://127.0.0.1:" + SERVER.imapPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path secret(String value) {
        try {
            Path file = Files.createTempFile("mailbox-secret", ".txt");
            Files.writeString(file, value + "\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
