package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.ApiConfiguration;
import pl.krakow.coi.servicedesk.testing.IntegrationTestCleanup;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TcpProxy;
import pl.krakow.coi.servicedesk.testing.TestDatabases;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The outbox relay's retries (ADR 0081) against a real Elasticsearch whose connection this test cuts (a
 * proxy): while it is down every drain fails, is counted in {@code servicedesk.search.relay.failures} and
 * the next one waits for the policy's growing pause (the relay does not hammer the node); the rows wait in
 * the outbox; once the proxy is back, the next drain sends them and the ticket is found.
 */
@ExtendWith({IntegrationTestCleanup.class, OutputCaptureExtension.class})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "servicedesk.search.relay.interval=50ms",
            "servicedesk.search.relay.min-backoff=200ms",
            "servicedesk.search.relay.max-backoff=1600ms",
            "servicedesk.search.index.replicas=0",
            "servicedesk.elasticsearch.connect-timeout=1s"
        })
@AutoConfigureRestTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(ApiConfiguration.class)
class OutboxRelayRetryIT {

    static TcpProxy proxy;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void elasticsearchBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(OutboxRelayRetryIT.class);
        proxy = new TcpProxy(stack.elasticsearchUri());
        registry.add("spring.datasource.url", () -> stack.jdbcUrl(database));
        registry.add("spring.datasource.username", stack::username);
        registry.add("spring.datasource.password", () -> "");
        registry.add("servicedesk.elasticsearch.uris", () -> proxy.uri().toString());
        registry.add(
                "servicedesk.elasticsearch.index-prefix", () -> TestDatabases.indexPrefixFor(OutboxRelayRetryIT.class));
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void whileTheConnectionIsCutTheRelayBacksOffAndItDeliversWhenItIsBack(CapturedOutput output) {
        IndexProbe probe = new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc);
        long first = file("Drukarka nie drukuje", "Drukarka w pokoju 12 nie drukuje.");
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.outboxRows() == 0);

        proxy.goDown();
        long second;
        double failuresAtCut = failures();
        try {
            second = file("Skaner nie skanuje", "Skaner w pokoju 14 nie skanuje.");
            await().atMost(Duration.ofSeconds(20)).until(() -> failures() >= failuresAtCut + 3);
            // Polls every 50 ms, but the pauses (200, 400, 800, 1600, 1600 ms…) decide: a few drains, not 60.
            double before = failures();
            sleep(Duration.ofSeconds(3));
            assertThat(failures() - before)
                    .as("failed drains in 3 s at the policy's longest pause of 1.6 s")
                    .isBetween(1.0, 3.0);
            assertThat(probe.outboxRows()).as("the change waits in the outbox").isEqualTo(1);
            assertThat(output.getAll()).contains("Elasticsearch unavailable, the outbox waits and is retried");
        } finally {
            proxy.comeUp();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.outboxRows() == 0);
        probe.awaitIndexEqualsDatabase(Duration.ofSeconds(30));
        assertThat(probe.indexedVersions().keySet()).contains(first, second);
        assertThat(output.getAll()).contains("Elasticsearch reachable again, the outbox relay resumes");
    }

    private double failures() {
        return registry.counter("servicedesk.search.relay.failures").count();
    }

    private long file(String title, String description) {
        return api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "description", description))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
