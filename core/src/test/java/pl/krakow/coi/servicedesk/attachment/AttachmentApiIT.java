package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest(
        properties = {"servicedesk.attachments.max-file-size=6MB", "servicedesk.attachments.max-ticket-size=16MB"})
class AttachmentApiIT {

    static final int MB = 1 << 20;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-03");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser otherUnit = TestUsers.agent("tomasz.wrobel", "IT-04-4");

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    JdbcClient jdbc;

    AttachmentClient api;

    @BeforeEach
    void client() {
        api = new AttachmentClient(port, issuer, JsonMapper.builder().build());
    }

    @Test
    void binaryFilesComeBackByteForByteRawAndMultipart() {
        long ticket = api.ticket(anna);
        byte[] random = Samples.random(5 * MB + 17, 42);
        byte[] png = Samples.png(300_000);

        var rawUpload = api.raw(path(ticket), anna, "dane.bin", random);
        var partUpload = api.multipart(path(ticket), anna, "zrzut.png", png);

        assertThat(rawUpload.status()).as("%s", rawUpload).isEqualTo(201);
        assertThat(partUpload.status()).as("%s", partUpload).isEqualTo(201);
        assertThat(rawUpload.header("Location")).matches("/api/v1/tickets/" + ticket + "/attachments/\\d+");
        JsonNode raw = rawUpload.json();
        assertThat(raw.get("size").asLong()).isEqualTo(random.length);
        assertThat(raw.get("sha256").asString()).isEqualTo(AttachmentClient.sha256(random));
        assertThat(raw.get("state").asString()).isEqualTo("AVAILABLE");
        assertThat(raw.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(partUpload.json().get("contentType").asString()).isEqualTo("image/png");

        var download = api.get(raw.get("contentUrl").asString(), anna);
        assertThat(download.status()).isEqualTo(200);
        assertThat(AttachmentClient.sha256(download.body())).isEqualTo(AttachmentClient.sha256(random));
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(ContentDisposition.parse(download.header("Content-Disposition"))
                        .isAttachment())
                .isTrue();

        var image = api.get(partUpload.json().get("contentUrl").asString(), firstLine);
        assertThat(AttachmentClient.sha256(image.body())).isEqualTo(AttachmentClient.sha256(png));
        assertThat(image.header("Content-Type")).isEqualTo("image/png");

        // Stored as 1 MiB chunks, none more than the content needs.
        long chunks = jdbc.sql("SELECT count(*) FROM attachment_chunk WHERE attachment_id = :id")
                .param("id", raw.get("id").asLong())
                .query(Long.class)
                .single();
        assertThat(chunks).isEqualTo(6);
        assertThat(api.get(path(ticket), piotr).status()).isEqualTo(404);
    }

    @Test
    void aFileOverTheLimitIs413AndLeavesNothing() {
        long ticket = api.ticket(anna);
        byte[] tooBig = Samples.random(6 * MB + 1, 1);

        var declared = api.raw(path(ticket), anna, "duzy.bin", tooBig);
        var chunked = api.send(
                "POST",
                path(ticket) + "?filename=duzy.bin",
                anna,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooBig)),
                "Content-Type",
                "application/octet-stream");
        var part = api.multipart(path(ticket), anna, "duzy.bin", tooBig);

        assertThat(declared.status()).as("%s", declared).isEqualTo(413);
        assertThat(declared.problem()).isEqualTo("attachment-too-large");
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
        assertThat(chunked.status()).as("%s", chunked).isEqualTo(413);
        assertThat(chunked.problem()).isEqualTo("attachment-too-large");
        assertThat(part.status()).as("%s", part).isEqualTo(413);
        assertThat(part.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rowsOf(ticket)).isZero();
        assertThat(orphanChunks()).isZero();
    }

    @Test
    void aTicketHoldsAtMostItsLimitEvenUnderConcurrentUploads() throws Exception {
        long ticket = api.ticket(anna);
        byte[] file = Samples.random(3 * MB, 3);
        List<Callable<AttachmentClient.Answer>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "czesc-" + i + ".bin";
            uploads.add(() -> api.raw(path(ticket), anna, name, file));
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<AttachmentClient.Answer> answer : pool.invokeAll(uploads)) {
                statuses.add(answer.get().status());
                if (answer.get().status() == 413) {
                    assertThat(answer.get().problem()).isEqualTo("ticket-attachments-too-large");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // 16 MB hold five files of 3 MiB (15 MiB), not six.
        assertThat(statuses).containsOnly(201, 413);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5);
        assertThat(usedBy(ticket)).isLessThanOrEqualTo(16L * MB);

        // Removing one makes room again.
        long first = api.get(path(ticket), anna).json().get(0).get("id").asLong();
        assertThat(api.send("DELETE", path(ticket) + "/" + first, anna, HttpRequest.BodyPublishers.noBody())
                        .status())
                .isEqualTo(200);
        assertThat(api.raw(path(ticket), anna, "jeszcze.bin", file).status()).isEqualTo(201);
        assertThat(orphanChunks()).isZero();
    }

    @Test
    void executablesScriptsAndMacrosAreRefusedWhateverTheirName() {
        long ticket = api.ticket(anna);
        for (byte[] content :
                List.of(Samples.elf(), Samples.pe(), Samples.shellScript(), Samples.docm(), Samples.jar())) {
            var answer = api.raw(path(ticket), anna, "zrzut.png", content);
            assertThat(answer.status()).as("%s", answer).isEqualTo(415);
            assertThat(answer.problem()).isEqualTo("attachment-type-denied");
            var part = api.multipart(path(ticket), anna, "zrzut.png", content);
            assertThat(part.status()).as("%s", part).isEqualTo(415);
        }
        var script = api.raw(path(ticket), anna, "skrypt.ps1", "Get-Process\n".getBytes(StandardCharsets.UTF_8));
        assertThat(script.status()).isEqualTo(415);
        assertThat(rowsOf(ticket)).isZero();
    }

    @Test
    void namesAreSanitisedAndServedAsUtf8() {
        long ticket = api.ticket(anna);
        var traversal = api.raw(path(ticket), anna, "../../etc/Zażółć\u0007 gęślą.png", Samples.png(10));
        assertThat(traversal.status()).as("%s", traversal).isEqualTo(201);
        assertThat(traversal.json().get("filename").asString()).isEqualTo("Zażółć gęślą.png");

        // The name from Content-Disposition, RFC 8187 encoded.
        var disposition = api.send(
                "POST",
                path(ticket),
                anna,
                HttpRequest.BodyPublishers.ofByteArray(Samples.png(10)),
                "Content-Type",
                "image/png",
                "Content-Disposition",
                "attachment; filename*=UTF-8''%C5%BCaba%5C..%5Cwyj%C4%85tek.png");
        assertThat(disposition.status()).as("%s", disposition).isEqualTo(201);
        assertThat(disposition.json().get("filename").asString()).isEqualTo("wyjątek.png");

        var download =
                api.get(traversal.json().get("contentUrl").asString(), anna).header("Content-Disposition");
        assertThat(download).contains("filename*=UTF-8''");
        assertThat(ContentDisposition.parse(download).getFilename()).isEqualTo("Zażółć gęślą.png");
    }

    @Test
    void aRequesterNeverSeesAnInternalCommentsFile() {
        long ticket = api.ticket(anna);
        long internalComment = api.comment(ticket, firstLine, "Sprawdzam logi serwera wydruku.", true);
        long publicComment = api.comment(ticket, firstLine, "Proszę o zrzut ekranu.", false);

        var internal = api.raw(commentPath(ticket, internalComment), firstLine, "logi-serwera.txt", text("log"));
        var open = api.raw(commentPath(ticket, publicComment), firstLine, "instrukcja.txt", text("instrukcja"));
        var internalOnTicket = api.raw(path(ticket) + "?internal=true", firstLine, "notatka.txt", text("n"));
        assertThat(internal.status()).as("%s", internal).isEqualTo(201);
        assertThat(internal.json().get("visibility").asString()).isEqualTo("INTERNAL");
        assertThat(open.json().get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(internalOnTicket.json().get("visibility").asString()).isEqualTo("INTERNAL");
        long internalId = internal.json().get("id").asLong();

        // Staff see all three; the requester only the public one, by list, by id, by download and in history.
        assertThat(api.get(path(ticket), firstLine).json().size()).isEqualTo(3);
        JsonNode seen = api.get(path(ticket), anna).json();
        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.get(0).get("filename").asString()).isEqualTo("instrukcja.txt");
        assertThat(api.get(path(ticket) + "/" + internalId, anna).status()).isEqualTo(404);
        assertThat(api.get(path(ticket) + "/" + internalId + "/content", anna).status())
                .isEqualTo(404);
        String history = new String(
                api.get("/api/v1/tickets/" + ticket + "/history", anna).body(), StandardCharsets.UTF_8);
        assertThat(history).contains("instrukcja.txt").doesNotContain("logi-serwera", "notatka");
        String staffHistory = new String(
                api.get("/api/v1/tickets/" + ticket + "/history", firstLine).body(), StandardCharsets.UTF_8);
        assertThat(staffHistory).contains("ATTACHMENT_ADDED", "logi-serwera.txt", "notatka.txt");

        // Search: staff find the ticket by an internal file's name, the requester only by a public one's.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(found("serwera", firstLine)).contains(ticket);
            assertThat(found("instrukcja", anna)).contains(ticket);
        });
        assertThat(found("serwera", anna)).doesNotContain(ticket);
        assertThat(found("notatka", anna)).doesNotContain(ticket);

        // A requester may neither upload an internal file nor attach to an agent's comment.
        assertThat(api.raw(path(ticket) + "?internal=true", anna, "a.txt", text("a"))
                        .status())
                .isEqualTo(403);
        assertThat(api.raw(commentPath(ticket, publicComment), anna, "a.txt", text("a"))
                        .status())
                .isEqualTo(403);
        assertThat(api.raw(commentPath(ticket, internalComment), anna, "a.txt", text("a"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void removalIsSoftAuditedAndInTheHistory() {
        long ticket = api.ticket(anna);
        var upload = api.raw(path(ticket), anna, "pomylka.txt", text("nie ten plik"));
        long id = upload.json().get("id").asLong();

        assertThat(api.send("DELETE", path(ticket) + "/" + id, piotr, HttpRequest.BodyPublishers.noBody())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", path(ticket) + "/" + id, otherUnit, HttpRequest.BodyPublishers.noBody())
                        .status())
                .isEqualTo(404);
        var removed = api.send(
                "DELETE",
                path(ticket) + "/" + id + "?reason=Dane+osobowe",
                firstLine,
                HttpRequest.BodyPublishers.noBody());
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.json().get("state").asString()).isEqualTo("REMOVED");
        assertThat(removed.json().get("removedBy").asString()).isEqualTo("jan.kowalski");

        var download = api.get(path(ticket) + "/" + id + "/content", anna);
        assertThat(download.status()).isEqualTo(410);
        assertThat(download.problem()).isEqualTo("attachment-removed");
        assertThat(api.send("DELETE", path(ticket) + "/" + id, anna, HttpRequest.BodyPublishers.noBody())
                        .status())
                .isEqualTo(410);
        String history = new String(
                api.get("/api/v1/tickets/" + ticket + "/history", anna).body(), StandardCharsets.UTF_8);
        assertThat(history).contains("ATTACHMENT_REMOVED", "pomylka.txt");
        // The record stays for the audit.
        assertThat(rowsOf(ticket)).isEqualTo(1);
    }

    @Test
    void badInputGetsAClearErrorAndLeavesNothing() throws Exception {
        long ticket = api.ticket(anna);
        var empty = api.raw(path(ticket), anna, "pusty.txt", new byte[0]);
        assertThat(empty.status()).as("%s", empty).isEqualTo(400);
        assertThat(empty.problem()).isEqualTo("attachment-empty");
        var emptyPart = api.multipart(path(ticket), anna, "pusty.txt", new byte[0]);
        assertThat(emptyPart.status()).as("%s", emptyPart).isEqualTo(400);

        var nameless = api.send(
                "POST",
                path(ticket),
                anna,
                HttpRequest.BodyPublishers.ofByteArray(text("x")),
                "Content-Type",
                "text/plain");
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.problem()).isEqualTo("attachment-filename-missing");

        // A client that declares 3 MiB, sends 1.5 MiB and goes away.
        api.cutShort(path(ticket), anna, "urwany.bin", 3L * MB, Samples.random(3 * MB / 2, 9));
        // A zip bomb is only a zip to the detector: accepted at once, as the zip it is.
        byte[] bomb = Samples.zipBomb(256);
        long started = System.nanoTime();
        var zip = api.raw(path(ticket), anna, "bomba.zip", bomb);
        assertThat(zip.status()).as("%s", zip).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(zip.json().get("contentType").asString()).isEqualTo("application/zip");

        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    assertThat(rowsOf(ticket)).isEqualTo(1);
                    assertThat(orphanChunks()).isZero();
                });
        assertThat(api.get("/api/v1/tickets/" + ticket, anna).status()).isEqualTo(200);
    }

    /** The ids of the tickets {@code user}'s search for {@code q} finds. */
    List<Long> found(String q, CurrentUser user) {
        var answer = api.get("/api/v1/search/tickets?facets=none&q=" + q, user);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        answer.json().get("hits").forEach(hit -> ids.add(hit.get("id").asLong()));
        return ids;
    }

    static byte[] text(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String path(long ticket) {
        return "/api/v1/tickets/" + ticket + "/attachments";
    }

    static String commentPath(long ticket, long comment) {
        return "/api/v1/tickets/" + ticket + "/comments/" + comment + "/attachments";
    }

    long rowsOf(long ticket) {
        return jdbc.sql("SELECT count(*) FROM attachment WHERE ticket_id = :t")
                .param("t", ticket)
                .query(Long.class)
                .single();
    }

    long usedBy(long ticket) {
        return jdbc.sql("SELECT coalesce(sum(size), 0) FROM attachment WHERE ticket_id = :t AND state <> 'REMOVED'")
                .param("t", ticket)
                .query(Long.class)
                .single();
    }

    /** Chunks beyond what the recorded sizes need, or of no attachment: there must be none. */
    long orphanChunks() {
        return jdbc.sql("SELECT (SELECT count(*) FROM attachment_chunk)"
                        + " - (SELECT coalesce(sum((size + 1048575) / 1048576), 0) FROM attachment)")
                .query(Long.class)
                .single();
    }
}
