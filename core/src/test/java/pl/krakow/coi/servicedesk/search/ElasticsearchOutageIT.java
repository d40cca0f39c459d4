package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.embedded.EmbeddedElasticsearch;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStackOptions;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.ApiConfiguration;
import pl.krakow.coi.servicedesk.testing.IntegrationTestCleanup;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TestDatabases;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Elasticsearch down: tickets are still filed and changed (PostgreSQL is the system of record), search
 * answers 503 {@code search-unavailable}, and when Elasticsearch is back the outbox catches up and
 * nothing is lost. The application runs on the shared PostgreSQL but on an Elasticsearch node of its
 * own, which this test stops and starts (the shared node serves the other tests): first the
 * application starts while the node is still down, then the running node goes away and comes back.
 */
@ExtendWith(IntegrationTestCleanup.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "servicedesk.search.relay.max-backoff=1s",
            "servicedesk.search.index.bootstrap-retry=1s",
            "servicedesk.search.index.replicas=0",
            "servicedesk.elasticsearch.connect-timeout=1s",
            "servicedesk.elasticsearch.socket-timeout=10s"
        })
@AutoConfigureRestTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(ApiConfiguration.class)
class ElasticsearchOutageIT {

    static final Duration NODE_START = Duration.ofMinutes(3);
    static EmbeddedElasticsearch node;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @DynamicPropertySource
    static void ownElasticsearchNode(DynamicPropertyRegistry registry) {
        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(ElasticsearchOutageIT.class);
        node = EmbeddedElasticsearch.create(
                EmbeddedStackOptions.defaults("outage").withElasticsearchHeap("384m"));
        registry.add("spring.datasource.url", () -> stack.jdbcUrl(database));
        registry.add("spring.datasource.username", stack::username);
        registry.add("spring.datasource.password", () -> "");
        registry.add("servicedesk.elasticsearch.uris", () -> node.uri().toString());
        registry.add("servicedesk.elasticsearch.index-prefix", () -> "outage");
    }

    @AfterAll
    static void removeNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void ticketsAreAcceptedWhileElasticsearchIsDownAndTheOutboxCatchesUpWhenItReturns() {
        IndexProbe probe = new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc);
        assertThat(node.isRunning()).isFalse();

        // 1. The application started while Elasticsearch was not there: tickets are accepted.
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(file("Skaner nie działa " + i, "Skaner w pokoju 20" + i + " nie reaguje na przycisk."));
        }
        comment(ids.get(0), "Skaner dalej nie działa po restarcie");
        assertSearchUnavailable();
        assertThat(probe.outboxRows()).isEqualTo(5);
        assertThat(metric("servicedesk_search_outbox_rows")).isEqualTo(5.0);
        assertThat(metric("servicedesk_search_outbox_lag_seconds")).isGreaterThan(0.0);

        // 2. Elasticsearch comes up: the index is created in the background, the outbox drains.
        node.start(NODE_START);
        probe.awaitIndexEqualsDatabase(Duration.ofSeconds(60));
        assertThat(found("skaner nie dziala")).containsAll(ids);

        // 3. The running node goes away: tickets are still filed and changed.
        node.stop();
        assertSearchUnavailable();
        for (int i = 0; i < 3; i++) {
            ids.add(file("Monitor gaśnie " + i, "Monitor w sali " + i + " gaśnie po kilku minutach."));
        }
        comment(ids.get(1), "Wymieniono kabel zasilający skanera");
        comment(ids.get(5), "Monitor zgaśnie znów jutro?");
        assertThat(probe.outboxRows()).isGreaterThanOrEqualTo(5);

        // 4. It comes back with its data: the changes made meanwhile are caught up, none lost.
        node.start(NODE_START);
        probe.awaitIndexEqualsDatabase(Duration.ofSeconds(60));
        assertThat(probe.indexedVersions()).isEqualTo(probe.databaseVersions()).hasSize(7);
        assertThat(found("monitor gasnie")).containsAll(ids.subList(4, 7));
        assertThat(found("kabel zasilajacy")).containsExactly(ids.get(1));
        assertThat(metric("servicedesk_search_outbox_rows")).isZero();
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

    private void comment(long id, String body) {
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", body))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private void assertSearchUnavailable() {
        for (String uri : List.of("/api/v1/search/tickets?q=skaner", "/api/v1/search/similar?text=skaner")) {
            api.as(firstLine)
                    .get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://servicedesk.coi.krakow.pl/problems/search-unavailable");
        }
    }

    private List<Long> found(String q) {
        JsonNode result = api.as(anna)
                .get()
                .uri(u -> u.path("/api/v1/search/tickets").queryParam("q", q).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return TicketSearchIT.ids(result);
    }

    private double metric(String name) {
        String scrape = api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("No metric " + name);
    }
}
