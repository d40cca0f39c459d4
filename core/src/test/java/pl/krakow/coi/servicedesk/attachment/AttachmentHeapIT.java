package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 100 MB file goes up and comes down through an instance whose heap is 256 MB: the application runs in a child
 * JVM started with {@code -Xmx256m} (an in-process instance could not have a heap of its own), on this test's
 * database and index, sharing this context's token key so that the tokens issued here are valid there. The
 * test's own context only migrates the database and issues tokens.
 */
@IntegrationTest
class AttachmentHeapIT {

    static final long SIZE = 100L * 1000 * 1000;
    static final Path KEY = issuerKey();

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    Environment environment;

    Process child;
    Path log;
    Path gcLog;

    @DynamicPropertySource
    static void sharedKey(DynamicPropertyRegistry registry) {
        registry.add("servicedesk.security.local-issuer.key-location", KEY::toString);
    }

    @AfterEach
    void stopChild() throws Exception {
        if (child != null) {
            child.destroy();
            if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void a100MegabyteFileGoesUpAndComesDownThroughA256MegabyteHeap() throws Exception {
        int port = freePort();
        child = start(port);
        awaitReady(port);
        String token = issuer.issue(anna).accessToken();
        AttachmentClient client =
                new AttachmentClient(port, issuer, JsonMapper.builder().build());
        long ticket = client.ticket(anna);

        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets/" + ticket
                                + "/attachments?filename=duzy.bin"))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new RandomContent(SIZE, sent)), SIZE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body() + tail()).isEqualTo(201);
        String expected = HexFormat.of().formatHex(sent.digest());
        assertThat(upload.body()).contains(expected);
        long id = JsonMapper.builder().build().readTree(upload.body()).get("id").asLong();

        HttpResponse<InputStream> download = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets/" + ticket
                                + "/attachments/" + id + "/content"))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).as(tail()).isEqualTo(200);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.update(buffer, 0, n);
                count += n;
            }
        }
        assertThat(count).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(expected);
        assertThat(child.isAlive()).as("the 256 MB instance survived" + tail()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        // What the heap held after each evacuating collection (a remark or cleanup pause frees nothing, so its
        // figure is no measure of what is live): a file held whole would keep it above the file's size.
        java.util.regex.Matcher after = java.util.regex.Pattern.compile(
                        "Pause (?:Young|Full)[^\\n]*->(\\d+)M\\((\\d+)M\\)")
                .matcher(Files.readString(gcLog));
        long peak = 0;
        long capacity = 0;
        while (after.find()) {
            peak = Math.max(peak, Long.parseLong(after.group(1)));
            capacity = Math.max(capacity, Long.parseLong(after.group(2)));
        }
        System.out.printf(
                "attachment heap test: live heap after GC at most %d MiB of at most %d MiB%n", peak, capacity);
        assertThat(capacity).isLessThanOrEqualTo(256);
        assertThat(peak).as("MiB live after a collection").isLessThan(SIZE / (1 << 20));
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        log = Files.createTempFile("attachment-heap-child", ".log");
        gcLog = Files.createTempFile("attachment-heap-gc", ".log");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                System.getProperty("java.class.path"),
                "org.springframework.boot.SpringApplication",
                "--spring.main.sources=pl.krakow.coi.servicedesk.CoreTestApplication",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=",
                "--servicedesk.elasticsearch.uris=" + environment.getProperty("servicedesk.elasticsearch.uris"),
                "--servicedesk.elasticsearch.index-prefix="
                        + environment.getProperty("servicedesk.elasticsearch.index-prefix"),
                "--servicedesk.security.local-issuer.key-location=" + KEY,
                "--servicedesk.embedded.enabled=false",
                "--servicedesk.demo-data.enabled=false",
                "--servicedesk.instance.roles=api",
                "--servicedesk.attachments.max-file-size=110MB",
                "--servicedesk.attachments.max-ticket-size=300MB",
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--server.port=" + port));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child JVM stopped" + tail()).isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the child JVM did not start" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path issuerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(
                                    generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path file = Files.createTempFile("attachment-heap-issuer", ".pem");
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} pseudo-random bytes, made as they are read (never held whole), digested on the way. */
    static final class RandomContent extends InputStream {

        private final SplittableRandom random = new SplittableRandom(84);
        private final MessageDigest digest;
        private long left;

        RandomContent(long size, MessageDigest digest) {
            this.left = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            digest.update(b, off, n);
            left -= n;
            return n;
        }
    }
}
