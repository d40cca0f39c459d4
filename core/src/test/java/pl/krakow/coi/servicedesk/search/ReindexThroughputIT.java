package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk-indexing throughput of the full reindex, with the default job settings, on a generated corpus
 * of Polish tickets. The size is {@code -Dsearch.benchmark.tickets} (default 20 000, so the suite
 * stays quick); the figure for a million tickets is measured with
 *
 * <pre>
 * ./mvnw verify -pl core -Djacoco.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ReindexThroughputIT -Dsearch.benchmark.tickets=1000000
 * </pre>
 *
 * The report goes to {@code core/target/reindex-throughput.md}.
 */
@IntegrationTest
@TimingSensitive
class ReindexThroughputIT {

    static final int TICKETS = Integer.getInteger("search.benchmark.tickets", 20_000);
    /** A floor far below what the job does on a laptop, so a broken bulk path (one request per document) fails. */
    static final double MINIMUM_DOCS_PER_SECOND = 800;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    TicketIndex index;

    @Autowired
    JobRepository jobs;

    @Autowired
    SearchProperties properties;

    @Test
    void aReindexBulkIndexesThousandsOfTicketsPerSecond() throws Exception {
        Instant generating = Instant.now();
        for (long from = 1; from <= TICKETS; from += 100_000) {
            GeneratedTickets.insert(jdbc, json, from, Math.min(TICKETS, from + 99_999));
        }
        Duration generation = Duration.between(generating, Instant.now());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !index.indicesOf(index.alias()).isEmpty());

        JsonNode started = api.as(TestUsers.admin("admin"))
                .post()
                .uri("/api/v1/search/reindex")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        long execution = started.get("executionId").asLong();
        await().atMost(Duration.ofMinutes(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !jobs.getJobExecution(execution).isRunning());
        var job = jobs.getJobExecution(execution);
        assertThat(job.getStatus().name()).isEqualTo("COMPLETED");

        List<StepExecution> steps = List.copyOf(job.getStepExecutions());
        StepExecution copy = steps.stream()
                .filter(s -> s.getStepName().equals(ReindexJobConfiguration.COPY_STEP))
                .findFirst()
                .orElseThrow();
        long written = steps.stream()
                .filter(s -> s.getStepName().startsWith(ReindexJobConfiguration.COPY_WORKER + ":"))
                .mapToLong(StepExecution::getWriteCount)
                .sum();
        Duration copying = Duration.between(copy.getStartTime(), copy.getEndTime());
        Duration total = Duration.between(job.getStartTime(), job.getEndTime());
        double docsPerSecond = written / (copying.toMillis() / 1000.0);
        long indexed = index.count(index.alias());

        String report = String.format(
                "# Reindex throughput%n%n"
                        + "| tickets | generated in | copy step | whole job | documents/s (copy) | documents/s (job) |%n"
                        + "|---|---|---|---|---|---|%n"
                        + "| %d | %.1f s | %.1f s | %.1f s | %.0f | %.0f |%n%n"
                        + "Settings: chunk %s, partitions %s, threads %s; %d processors; load average %.1f.%n",
                written,
                generation.toMillis() / 1000.0,
                copying.toMillis() / 1000.0,
                total.toMillis() / 1000.0,
                docsPerSecond,
                written / (total.toMillis() / 1000.0),
                properties.reindex().chunkSize(),
                properties.reindex().partitions(),
                properties.reindex().threads(),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/reindex-throughput.md"), report);
        System.out.println(report);

        assertThat(written).isEqualTo(TICKETS);
        assertThat(indexed).isEqualTo(TICKETS);
        assertThat(docsPerSecond).isGreaterThan(MINIMUM_DOCS_PER_SECOND);
    }
}
