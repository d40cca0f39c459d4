package pl.krakow.coi.servicedesk.reporting.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.IntegrationTestCleanup;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TcpProxy;
import pl.krakow.coi.servicedesk.testing.TestDatabases;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

/**
 * A frozen Elasticsearch node (it accepts connections and answers nothing, as after SIGSTOP) makes
 * search and KPI queries answer 503 within their deadline instead of hanging; tickets are still filed;
 * once the node answers again, so does search. The application reaches the shared node through a
 * proxy of this test, which it freezes and thaws.
 */
@ExtendWith(IntegrationTestCleanup.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "servicedesk.elasticsearch.query-timeout=2s",
            "servicedesk.search.relay.max-backoff=1s",
            "servicedesk.search.index.replicas=0"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TimingSensitive
class FrozenElasticsearchIT {

    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** The deadline and what the request itself costs (token check, query building, a loaded machine). */
    static final Duration ANSWERED_WITHIN = DEADLINE.plusSeconds(4);

    static TcpProxy proxy;

    final CurrentUser director = TestUsers.manager("dyrektor", "COI-DYR");
    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    @DynamicPropertySource
    static void elasticsearchBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(FrozenElasticsearchIT.class);
        proxy = new TcpProxy(stack.elasticsearchUri());
        registry.add("spring.datasource.url", () -> stack.jdbcUrl(database));
        registry.add("spring.datasource.username", stack::username);
        registry.add("spring.datasource.password", () -> "");
        registry.add("servicedesk.elasticsearch.uris", () -> proxy.uri().toString());
        registry.add(
                "servicedesk.elasticsearch.index-prefix",
                () -> TestDatabases.indexPrefixFor(FrozenElasticsearchIT.class));
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aFrozenNodeGivesServiceUnavailableWithinTheDeadlineAndSearchReturnsWhenItThaws() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/search/tickets?q=drukarka", director).statusCode() == 200);

        proxy.freeze();
        try {
            List<CompletableFuture<Timed>> probes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                probes.add(timed("/api/v1/search/tickets?q=drukarka+" + i, director, "search-unavailable"));
                probes.add(timed("/api/v1/search/similar?text=drukarka+" + i, director, "search-unavailable"));
                probes.add(
                        timed("/api/v1/kpis?from=2026-10-01&to=2026-11-01&source=index", director, "kpis-unavailable"));
            }
            for (CompletableFuture<Timed> probe : probes) {
                Timed answer = probe.get();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.body()).as(answer.toString()).contains(answer.expectedType());
                assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
                assertThat(answer.took()).as(answer.toString()).isLessThan(ANSWERED_WITHIN);
            }
            // The system of record does not depend on the index: a ticket is filed while the node is frozen.
            HttpResponse<String> filed = post("/api/v1/tickets", anna, """
                    {"type":"INCIDENT","title":"Drukarka nie drukuje","description":"Drukarka w pokoju 12 nie drukuje"}""");
            assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        } finally {
            proxy.thaw();
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/search/tickets?q=drukarka", director).statusCode() == 200);
    }

    private CompletableFuture<Timed> timed(String path, CurrentUser user, String expectedType) {
        long start = System.nanoTime();
        return http.sendAsync(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Timed(
                        path,
                        response.statusCode(),
                        response.body(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        Duration.ofNanos(System.nanoTime() - start),
                        expectedType));
    }

    private HttpResponse<String> get(String path, CurrentUser user) throws IOException, InterruptedException {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, CurrentUser user, String json)
            throws IOException, InterruptedException {
        return http.send(
                request(path, user)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, CurrentUser user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + issuer.issue(user).accessToken())
                .header("Accept", "application/json, application/problem+json");
    }

    record Timed(String path, int status, String body, String retryAfter, Duration took, String expectedType) {}
}
