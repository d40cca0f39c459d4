package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketChanges;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The full reindex: a new index built from PostgreSQL while tickets keep changing, the alias swapped
 * with no downtime, nothing lost; stopped and restarted where it stopped; abandoned.
 */
@IntegrationTest(
        properties = {
            "servicedesk.search.reindex.chunk-size=100",
            "servicedesk.search.reindex.partitions=4",
            "servicedesk.search.reindex.threads=2"
        })
class ReindexIT {

    static final int GENERATED = 10_000;

    final CurrentUser admin = TestUsers.admin("admin");

    @Autowired
    Api api;

    @Autowired
    TicketService service;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    TicketIndex index;

    @Autowired
    Reindexes reindexes;

    SearchFixtures fixtures;
    IndexProbe probe;
    static boolean generated;

    @BeforeEach
    void corpus() {
        fixtures = new SearchFixtures(service);
        probe = new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc);
        if (!generated) {
            GeneratedTickets.insert(jdbc, json, 1, GENERATED);
            for (int i = 0; i < 50; i++) {
                fixtures.incident("Zgłoszenie przez API " + i, "Opis zgłoszenia numer " + i + " z portalu.");
            }
            generated = true;
        }
    }

    @Test
    void aReindexWhileTicketsAreWrittenEndsWithTheIndexEqualToTheDatabase() throws Exception {
        probe.awaitSearchable(lastTicketId(), 0);
        GeneratedTickets.insert(jdbc, json, 200_001, 205_000);
        Set<String> before = index.indicesOf(index.alias());
        assertThat(probe.indexedVersions())
                .as("tickets that bypassed the outbox are not indexed yet")
                .doesNotContainKey(lastTicketId());

        Writers writers = new Writers(2);
        writers.start();
        JsonNode started = post("/api/v1/search/reindex", HttpStatus.ACCEPTED);
        long execution = started.get("executionId").asLong();
        int changesBefore = writers.changes.get();
        JsonNode done = awaitEnd(execution, Duration.ofMinutes(4));
        int changesDuring = writers.changes.get() - changesBefore;
        writers.stop();

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("reindexState").asString()).isEqualTo("COMPLETED");
        assertThat(changesDuring)
                .as("tickets were written while the reindex ran")
                .isGreaterThan(20);
        assertThat(writers.failures).isEmpty();
        probe.awaitIndexEqualsDatabase(Duration.ofSeconds(60));
        Map<Long, Long> database = probe.databaseVersions();
        assertThat(probe.indexedVersions()).isEqualTo(database);
        assertThat(database).hasSizeGreaterThan(GENERATED);

        Set<String> after = index.indicesOf(index.alias());
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(after.iterator().next()).startsWith(index.alias() + "-v1-");
        assertThat(mergePolicy(after.iterator().next()))
                .as("the published index merges its small segments as a live index should (ADR 0064)")
                .containsExactly("100mb", "4");
        for (String old : before) {
            assertThat(client.indices().exists(e -> e.index(old)).value())
                    .as(old + " deleted")
                    .isFalse();
        }
        assertThat(index.indicesOf(index.reindexAlias()))
                .as("reindex alias removed")
                .isEmpty();
        assertThat(done.get("ticketsWritten").asLong()).isGreaterThanOrEqualTo(GENERATED);
        JsonNode found = api.as(TestUsers.firstLine("jan.kowalski"))
                .get()
                .uri(u -> u.path("/api/v1/search/tickets")
                        .queryParam("q", "INC-2019-0000042")
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(found.get("hits").get(0).get("number").asString()).isEqualTo("INC-2019-0000042");
    }

    @Test
    void aStoppedReindexRestartsWhereItStoppedAndNothingChangedMeanwhileIsLost() throws Exception {
        Set<String> before = index.indicesOf(index.alias());
        long tickets = jdbc.sql("SELECT count(*) FROM ticket").query(Long.class).single();
        JsonNode started = post("/api/v1/search/reindex", HttpStatus.ACCEPTED);
        long execution = started.get("executionId").asLong();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status(execution).get("ticketsWritten").asLong() >= 1000);
        post("/api/v1/search/reindex/" + execution + "/stop", HttpStatus.OK);
        JsonNode stopped = awaitEnd(execution, Duration.ofMinutes(2));
        assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("ticketsWritten").asLong()).isLessThan(tickets);
        assertThat(index.indicesOf(index.alias()))
                .as("the alias still serves the old index")
                .isEqualTo(before);
        String target = stopped.get("targetIndex").asString();
        assertThat(stopped.get("reindexState").asString()).isEqualTo("RUNNING");

        JsonNode conflict = post("/api/v1/search/reindex", HttpStatus.CONFLICT);
        assertThat(conflict.get("type").asString()).endsWith("/reindex-running");

        // Changed while the reindex is stopped: the relay writes it to the new index as well.
        TicketState changed = fixtures.comment(
                lastTicketId(), "Komentarz w trakcie zatrzymanej przebudowy indeksu", Comment.Visibility.PUBLIC);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.indexedVersions(target).getOrDefault(changed.id(), -1L) == changed.version());

        JsonNode restarted = post("/api/v1/search/reindex/" + execution + "/restart", HttpStatus.ACCEPTED);
        long second = restarted.get("executionId").asLong();
        assertThat(second).isNotEqualTo(execution);
        JsonNode done = awaitEnd(second, Duration.ofMinutes(4));
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("targetIndex").asString()).isEqualTo(target);
        assertThat(done.get("ticketsRead").asLong())
                .as("each range resumed after its last committed chunk: every ticket read once")
                .isEqualTo(tickets);
        assertThat(index.indicesOf(index.alias())).containsExactly(target);
        assertThat(client.cat().segments(c -> c.index(target)).valueBody())
                .as("the bulk load's segments merged into one before the index was published (ADR 0064)")
                .hasSize(1);
        probe.awaitIndexEqualsDatabase(Duration.ofSeconds(60));
    }

    @Test
    void theLiveIndexGetsTheMergePolicyAtStartUpWhenItWasCreatedWithout() throws Exception {
        String live = index.indicesOf(index.alias()).iterator().next();
        client.indices()
                .putSettings(
                        p -> p.index(live)
                                .withJson(
                                        new StringReader(
                                                "{\"index.merge.policy.segments_per_tier\": null, \"index.merge.policy.floor_segment\": null}")));
        assertThat(mergePolicy(live)).containsExactly(null, null);

        index.ensureExists();

        assertThat(mergePolicy(live)).containsExactly("100mb", "4");
    }

    @Test
    void anAbandonedReindexDeletesItsIndexAndLeavesTheCurrentOneServing() throws Exception {
        Set<String> before = index.indicesOf(index.alias());
        JsonNode started = post("/api/v1/search/reindex", HttpStatus.ACCEPTED);
        long execution = started.get("executionId").asLong();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status(execution).get("ticketsWritten").asLong() >= 500);
        post("/api/v1/search/reindex/" + execution + "/stop", HttpStatus.OK);
        JsonNode stopped = awaitEnd(execution, Duration.ofMinutes(2));
        String target = stopped.get("targetIndex").asString();

        JsonNode abandoned = post("/api/v1/search/reindex/" + execution + "/abandon", HttpStatus.OK);
        assertThat(abandoned.get("status").asString()).isEqualTo("ABANDONED");
        assertThat(abandoned.get("reindexState").asString()).isEqualTo("ABANDONED");
        assertThat(client.indices().exists(e -> e.index(target)).value()).isFalse();
        assertThat(index.indicesOf(index.alias())).isEqualTo(before);
        post("/api/v1/search/reindex/" + execution + "/restart", HttpStatus.CONFLICT);

        TicketState changed = fixtures.comment(lastTicketId(), "Po porzuceniu przebudowy", Comment.Visibility.PUBLIC);
        probe.awaitSearchable(changed.id(), changed.version());
        api.as(TestUsers.firstLine("jan.kowalski"))
                .post()
                .uri("/api/v1/search/reindex")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    /** A test that failed half-way must not leave its reindex running for the next one. */
    @org.junit.jupiter.api.AfterEach
    void abandonLeftovers() {
        reindexes.running().ifPresent(running -> {
            long execution = running.jobExecutionId();
            api.as(admin)
                    .post()
                    .uri("/api/v1/search/reindex/" + execution + "/stop")
                    .exchange();
            awaitEnd(execution, Duration.ofMinutes(1));
            post("/api/v1/search/reindex/" + execution + "/abandon", HttpStatus.OK);
        });
    }

    private long lastTicketId() {
        return jdbc.sql("SELECT max(id) FROM ticket").query(Long.class).single();
    }

    private JsonNode awaitEnd(long execution, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = status(execution).get("status").asString();
            return !List.of("STARTING", "STARTED", "STOPPING").contains(status);
        });
        return status(execution);
    }

    private JsonNode status(long execution) {
        return api.as(admin)
                .get()
                .uri("/api/v1/search/reindex/{id}", execution)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode post(String path, HttpStatus expected) {
        return api.as(admin)
                .post()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** The index's own floor segment and segments per tier; null where it has Elasticsearch's defaults. */
    private List<String> mergePolicy(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        elasticsearch.uris().get(0) + "/" + name + "/_settings?flat_settings=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode settings = json.readTree(response.body()).get(name).get("settings");
        List<String> values = new ArrayList<>();
        for (String key : List.of("index.merge.policy.floor_segment", "index.merge.policy.segments_per_tier")) {
            values.add(settings.has(key) ? settings.get(key).asString() : null);
        }
        return values;
    }

    /** Threads that keep registering, commenting on and resolving tickets (old and new ones). */
    final class Writers {

        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger changes = new AtomicInteger();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final ExecutorService pool;
        final List<Future<?>> futures = new ArrayList<>();
        final int threads;

        Writers(int threads) {
            this.threads = threads;
            this.pool = Executors.newFixedThreadPool(threads);
        }

        void start() {
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                futures.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            change(random);
                            changes.incrementAndGet();
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Throwable e) {
                            if (!(e instanceof org.springframework.dao.OptimisticLockingFailureException)) {
                                failures.add(e);
                            }
                        }
                    }
                }));
            }
        }

        void change(Random random) {
            long max = lastTicketId();
            long id = 1 + (long) random.nextInt((int) max);
            switch (random.nextInt(3)) {
                case 0 ->
                    fixtures.incident("Nowe zgłoszenie w trakcie przebudowy", "Drukarka nie drukuje, pokój " + id);
                case 1 ->
                    fixtures.comment(id, "Uzupełnienie informacji " + random.nextInt(), Comment.Visibility.PUBLIC);
                default ->
                    TicketChanges.apply(service, id, (ticket, now) -> {
                        if (ticket.status() != TicketStatus.RESOLVED
                                && ticket.status().isOpen()) {
                            ticket.resolve(
                                    Resolution.FIXED,
                                    "Rozwiązano w trakcie przebudowy",
                                    SearchFixtures.firstLine(),
                                    now);
                        } else {
                            ticket.comment(
                                    "Dopisek do zamkniętego",
                                    Comment.Visibility.PUBLIC,
                                    SearchFixtures.firstLine(),
                                    now);
                        }
                    });
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
    }
}
