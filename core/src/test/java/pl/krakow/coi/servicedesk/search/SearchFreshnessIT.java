package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;

/**
 * Freshness: the time from a committed change (the API answered) to the moment a search sees it, for
 * every change of a steady load through the real API (tickets filed and commented on, 10 changes a
 * second: far above the City Hall's daily average). A single watcher queries Elasticsearch every 25
 * ms for all changes not yet seen. Writes {@code target/search-freshness.md}.
 */
@IntegrationTest
@TimingSensitive
class SearchFreshnessIT {

    static final int CHANGES = 300;
    static final long INTERVAL_MS = 100;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");

    @Autowired
    Api api;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Test
    void committedChangesAreSearchableWithinTwoSecondsAtThe99thPercentile() throws Exception {
        String alias = elasticsearch.indexName("tickets");
        file("Rozgrzewka", "Pierwsze zgłoszenie tworzy indeks.");
        Thread.sleep(3000);

        Map<String, long[]> pending = new ConcurrentHashMap<>(); // "id:version" -> {id, version, committedAt}
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(alias, pending, latencies, writing), "freshness-watcher");
        watcher.start();

        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        List<Long> recent = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < CHANGES; i++) {
            int n = i;
            load.schedule(
                    () -> {
                        long[] change = n % 3 == 2 && !recent.isEmpty()
                                ? comment(recent.get(recent.size() - 1), "Uzupełnienie " + n)
                                : file("Zgłoszenie pomiarowe " + n, "Drukarka w pokoju " + n + " nie drukuje.");
                        long committed = System.nanoTime();
                        if (n % 3 != 2) {
                            recent.add(change[0]);
                        }
                        pending.put(change[0] + ":" + change[1], new long[] {change[0], change[1], committed});
                    },
                    n * INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
        }
        load.shutdown();
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        writing.set(false);
        watcher.join();

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p50 = percentile(sorted, 50);
        long p95 = percentile(sorted, 95);
        long p99 = percentile(sorted, 99);
        String report = String.format(
                "# Search freshness%n%n%d changes through the API at %d/s (2 writers), commit → searchable:%n%n"
                        + "| p50 | p95 | p99 | max |%n|---|---|---|---|%n| %d ms | %d ms | %d ms | %d ms |%n%n"
                        + "Index refresh interval 1 s; the relay runs after each commit.%n",
                sorted.size(), 1000 / INTERVAL_MS, p50, p95, p99, sorted.get(sorted.size() - 1));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/search-freshness.md"), report);
        System.out.println(report);

        assertThat(pending).as("changes never seen by search").isEmpty();
        assertThat(sorted).hasSize(CHANGES);
        assertThat(p99).as("p99 commit → searchable, ms").isLessThan(2000);
    }

    private void watch(String alias, Map<String, long[]> pending, List<Long> latencies, AtomicBoolean writing) {
        while (writing.get() || !pending.isEmpty()) {
            try {
                if (!pending.isEmpty()) {
                    List<long[]> waiting = new ArrayList<>(pending.values());
                    List<FieldValue> ids = waiting.stream()
                            .map(w -> FieldValue.of(w[0]))
                            .distinct()
                            .toList();
                    SearchResponse<Map<String, Object>> found = client.search(
                            s -> s.index(alias)
                                    .size(ids.size())
                                    .source(src -> src.filter(f -> f.includes("id", "version")))
                                    .query(q -> q.terms(t -> t.field("id").terms(v -> v.value(ids)))),
                            TicketSearch.SOURCE);
                    long now = System.nanoTime();
                    Map<Long, Long> versions = new java.util.HashMap<>();
                    for (Hit<Map<String, Object>> hit : found.hits().hits()) {
                        versions.put(
                                ((Number) hit.source().get("id")).longValue(),
                                ((Number) hit.source().get("version")).longValue());
                    }
                    for (long[] w : waiting) {
                        Long version = versions.get(w[0]);
                        if (version != null && version >= w[1] && pending.remove(w[0] + ":" + w[1]) != null) {
                            latencies.add((now - w[2]) / 1_000_000);
                        }
                    }
                }
                Thread.sleep(25);
            } catch (Exception e) {
                // keep watching; a failed query only delays the measurement
            }
        }
    }

    private long[] file(String title, String description) {
        JsonNode ticket = api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "description", description))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return new long[] {ticket.get("id").asLong(), ticket.get("version").asLong()};
    }

    private long[] comment(long id, String body) {
        JsonNode ticket = api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", body))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return new long[] {id, ticket.get("version").asLong()};
    }

    private static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
