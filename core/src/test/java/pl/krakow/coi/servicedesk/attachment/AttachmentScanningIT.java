package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scanning states with a fake scanner: clean, infected, and a scanner that is down and comes back. */
@IntegrationTest(
        properties = {"servicedesk.attachments.scan-interval=200ms", "servicedesk.attachments.scan-retry=300ms"})
@Import(AttachmentScanningIT.FakeScannerConfiguration.class)
class AttachmentScanningIT {

    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** Infected when the content holds the EICAR string; gives no verdict while {@link #down} is set. */
    static final class FakeScanner implements VirusScanner {

        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger scans = new AtomicInteger();

        @Override
        public Verdict scan(InputStream content) throws ScannerUnavailable {
            scans.incrementAndGet();
            try {
                String text = new String(content.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (down.get()) {
                    throw new ScannerUnavailable("connection refused", null);
                }
                return text.contains(EICAR) ? Verdict.infected("Eicar-Test-Signature") : Verdict.clean();
            } catch (IOException e) {
                throw new ScannerUnavailable("unreadable", e);
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FakeScannerConfiguration {
        @Bean
        FakeScanner fakeScanner() {
            return new FakeScanner();
        }
    }

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    FakeScanner scanner;

    @Autowired
    JdbcClient jdbc;

    AttachmentClient api;

    @BeforeEach
    void client() {
        api = new AttachmentClient(port, issuer, JsonMapper.builder().build());
        scanner.down.set(false);
    }

    @Test
    void aCleanFileWaitsForItsVerdictThenIsServed() {
        long ticket = api.ticket(anna);
        byte[] png = Samples.png(1000);
        scanner.down.set(true);
        JsonNode uploaded =
                api.raw(AttachmentApiIT.path(ticket), anna, "zrzut.png", png).json();
        assertThat(uploaded.get("state").asString()).isEqualTo("PENDING_SCAN");
        String content = AttachmentApiIT.path(ticket) + "/" + uploaded.get("id").asLong() + "/content";

        var waiting = api.get(content, anna);
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.problem()).isEqualTo("attachment-pending-scan");

        // The scanner is down: the file is tried again and again, and never passes unscanned.
        int before = scanner.scans.get();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scanner.scans.get() >= before + 2);
        assertThat(state(uploaded)).isEqualTo("PENDING_SCAN");
        assertThat(api.get(content, anna).status()).isEqualTo(409);

        scanner.down.set(false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> state(uploaded).equals("AVAILABLE"));
        var served = api.get(content, anna);
        assertThat(served.status()).isEqualTo(200);
        assertThat(AttachmentClient.sha256(served.body())).isEqualTo(AttachmentClient.sha256(png));
        assertThat(api.get(
                                AttachmentApiIT.path(ticket) + "/"
                                        + uploaded.get("id").asLong(),
                                anna)
                        .json()
                        .get("scanVerdict")
                        .asString())
                .isEqualTo("CLEAN");
    }

    @Test
    void anInfectedFileIsQuarantinedNeverServedAndTheUploaderIsToldWhy() {
        long ticket = api.ticket(anna);
        JsonNode uploaded = api.raw(
                        AttachmentApiIT.path(ticket), anna, "faktura.txt", EICAR.getBytes(StandardCharsets.US_ASCII))
                .json();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> state(uploaded).equals("QUARANTINED"));

        JsonNode seen = api.get(
                        AttachmentApiIT.path(ticket) + "/" + uploaded.get("id").asLong(), anna)
                .json();
        assertThat(seen.get("scanSignature").asString()).isEqualTo("Eicar-Test-Signature");
        assertThat(seen.has("contentUrl")).isFalse();
        var download =
                api.get(AttachmentApiIT.path(ticket) + "/" + uploaded.get("id").asLong() + "/content", anna);
        assertThat(download.status()).isEqualTo(409);
        assertThat(download.problem()).isEqualTo("attachment-quarantined");
        String history = new String(
                api.get("/api/v1/tickets/" + ticket + "/history", anna).body(), StandardCharsets.UTF_8);
        assertThat(history).contains("ATTACHMENT_QUARANTINED", "Eicar-Test-Signature", "faktura.txt");
    }

    @Test
    void eachFileIsScannedOnce() {
        long ticket = api.ticket(anna);
        JsonNode uploaded = api.raw(
                        AttachmentApiIT.path(ticket), anna, "a.txt", "tekst\n".getBytes(StandardCharsets.UTF_8))
                .json();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> state(uploaded).equals("AVAILABLE"));
        assertThat(jdbc.sql("SELECT scan_attempts FROM attachment WHERE id = :id")
                        .param("id", uploaded.get("id").asLong())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private String state(JsonNode uploaded) {
        return jdbc.sql("SELECT state FROM attachment WHERE id = :id")
                .param("id", uploaded.get("id").asLong())
                .query(String.class)
                .single();
    }
}
