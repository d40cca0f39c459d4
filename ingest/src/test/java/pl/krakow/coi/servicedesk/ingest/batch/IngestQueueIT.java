package pl.krakow.coi.servicedesk.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.IngestCalls;
import pl.krakow.coi.servicedesk.ingest.SecondInstance;
import pl.krakow.coi.servicedesk.ingest.assets.AssetFiles;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The queue of import runs across replicas (ADR 0050): a run launched on an API-only replica is executed by a
 * worker; a run whose worker stopped sending heartbeats is taken over by another worker and restarted from its
 * last committed chunk, the frozen worker fenced out; the same job on the same file is refused while it runs.
 *
 * <p>This test's own context is a worker that heartbeats only through its chunks (the scheduled heartbeat is
 * hourly) and runs one import at a time: frozen inside a chunk, it goes stale.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.chunks.assets=500",
            "servicedesk.ingest.worker.poll-interval=200ms",
            "servicedesk.ingest.worker.concurrency=1",
            "servicedesk.ingest.worker.heartbeat-interval=1h"
        })
class IngestQueueIT {

    static final CurrentUser CMDB_ADMIN = TestUsers.with("anna.cmdb", "IT-01-3", Role.CMDB_ADMIN);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    IngestWorker worker;

    @Autowired
    LocalRuns local;

    @Test
    void aRunLaunchedOnAnApiOnlyReplicaIsExecutedByAWorker() {
        try (SecondInstance apiOnly = SecondInstance.start(environment, Map.of("servicedesk.instance.roles", "api"))) {
            assertThat(apiOnly.context().getBeanNamesForType(IngestWorker.class))
                    .as("an API-only replica takes nothing from the queue")
                    .isEmpty();
            IngestCalls remote = new IngestCalls(apiOnly.api());
            long run = remote.start(
                    CMDB_ADMIN, "asset-import", "api-only.csv", AssetFiles.workstations(300_000, 1000), Map.of());
            JsonNode done = remote.completed(CMDB_ADMIN, run);
            assertThat(done.get("worker").asString())
                    .as("the worker replica ran it")
                    .isEqualTo(worker.id());
            assertThat(done.get("attempt").asInt()).isEqualTo(1);
            assertThat(done.get("written").asLong()).isEqualTo(1000);
            assertThat(count("CZC0300000X", "CZC0300999X")).isEqualTo(1000);
            JsonNode here = new IngestCalls(api).run(CMDB_ADMIN, run);
            assertThat(here.get("status").asString())
                    .as("every replica answers for every run")
                    .isEqualTo("COMPLETED");
        }
    }

    @Test
    void aRunWhoseWorkerStoppedHeartbeatingIsRestartedByAnotherWorkerFromItsLastCommittedChunk() {
        IngestCalls ingest = new IngestCalls(api);
        jdbc.sql("CREATE TABLE queue_test_freeze (frozen boolean)").update();
        jdbc.sql("""
                CREATE FUNCTION queue_test_wait() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    WHILE EXISTS (SELECT 1 FROM queue_test_freeze) LOOP
                        PERFORM pg_sleep(0.05);
                    END LOOP;
                    RETURN NULL;
                END $$
                """).update();
        jdbc.sql("CREATE TRIGGER queue_test_wait BEFORE INSERT ON configuration_item FOR EACH STATEMENT"
                        + " EXECUTE FUNCTION queue_test_wait()")
                .update();
        try {
            long run = ingest.start(
                    CMDB_ADMIN, "asset-import", "dies.csv", AssetFiles.workstations(400_000, 20_000), Map.of());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> ingest.run(CMDB_ADMIN, run).get("read").asLong() >= 2000);
            // This worker freezes in its next chunk (a stuck disk, a stop-the-world pause): no more heartbeats.
            jdbc.sql("INSERT INTO queue_test_freeze VALUES (true)").update();

            try (SecondInstance rescuer = SecondInstance.start(
                    environment,
                    Map.of(
                            "servicedesk.ingest.chunks.assets", "500",
                            "servicedesk.ingest.worker.poll-interval", "200ms",
                            "servicedesk.ingest.worker.heartbeat-interval", "500ms",
                            "servicedesk.ingest.worker.stale-after", "3s"))) {
                String rescuerId = rescuer.bean(IngestWorker.class).id();
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode taken = ingest.run(CMDB_ADMIN, run);
                    assertThat(taken.get("attempt").asInt()).isEqualTo(2);
                    assertThat(taken.get("worker").asString()).isEqualTo(rescuerId);
                    assertThat(taken.get("status").asString()).isEqualTo("RUNNING");
                    assertThat(stepsOf(taken.get("jobExecutionId").asLong()))
                            .as("the restarted step has begun from the saved position")
                            .isPositive();
                });
                long committed = count("CZC0400000X", "CZC0419999X");
                assertThat(committed).isBetween(2000L, 19_500L);
                List<String> executions = executions(run);
                assertThat(executions)
                        .as("the dead worker's execution marked failed, a new one restarting it")
                        .containsExactly("FAILED", "STARTED");

                jdbc.sql("DELETE FROM queue_test_freeze").update();
                JsonNode done = ingest.completed(CMDB_ADMIN, run);

                assertThat(done.get("attempt").asInt()).isEqualTo(2);
                assertThat(done.get("worker").asString()).isEqualTo(rescuerId);
                assertThat(done.get("written").asLong())
                        .as("over both executions")
                        .isEqualTo(20_000);
                assertThat(count("CZC0400000X", "CZC0419999X")).isEqualTo(20_000);
                assertThat(jdbc.sql("SELECT count(DISTINCT serial_number) FROM configuration_item"
                                        + " WHERE serial_number BETWEEN 'CZC0400000X' AND 'CZC0419999X'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(20_000);
                assertThat(jdbc.sql("""
                                        SELECT count(*) FROM ci_event e JOIN configuration_item c ON c.id = e.ci_id
                                        WHERE c.serial_number BETWEEN 'CZC0400000X' AND 'CZC0419999X'
                                        """).query(Long.class).single())
                        .as("each device created once: the frozen worker's chunk was rolled back")
                        .isEqualTo(20_000);
                long restartedRead = jdbc.sql("""
                                SELECT sum(read_count) FROM batch_step_execution
                                WHERE job_execution_id = :execution AND step_name LIKE '%:part%'
                                """)
                        .param("execution", done.get("jobExecutionId").asLong())
                        .query(Long.class)
                        .single();
                assertThat(restartedRead)
                        .as("the restart read only what was not committed")
                        .isEqualTo(20_000 - committed);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(local.snapshot())
                                .as("the frozen worker woke up, was fenced out and let the run go")
                                .isEmpty());
                assertThat(ingest.run(CMDB_ADMIN, run).get("status").asString())
                        .as("the fenced-out worker did not overwrite the outcome")
                        .isEqualTo("COMPLETED");
            }
        } finally {
            jdbc.sql("DELETE FROM queue_test_freeze").update();
            jdbc.sql("DROP TRIGGER queue_test_wait ON configuration_item").update();
            jdbc.sql("DROP FUNCTION queue_test_wait()").update();
            jdbc.sql("DROP TABLE queue_test_freeze").update();
        }
    }

    @Test
    void theSameJobOnTheSameFileIsRefusedWhileItRuns() {
        IngestCalls ingest = new IngestCalls(api);
        String content = AssetFiles.workstations(500_000, 30_000);
        long file = ingest.upload(CMDB_ADMIN, "twice.csv", content);
        long run = ingest.launch(CMDB_ADMIN, "asset-import", file, Map.of())
                .expect(202)
                .id();

        JsonNode refused = ingest.launch(CMDB_ADMIN, "asset-import", file, Map.of())
                .problem(409, "run-in-progress")
                .body();
        assertThat(refused.get("runId").asLong()).isEqualTo(run);
        long sameContent = ingest.upload(CMDB_ADMIN, "twice-copy.csv", content);
        ingest.launch(CMDB_ADMIN, "asset-import", sameContent, Map.of())
                .problem(409, "run-in-progress")
                .body();
        Awaitility.await()
                .until(() ->
                        ingest.run(CMDB_ADMIN, run).get("status").asString().equals("RUNNING"));
        ingest.launch(CMDB_ADMIN, "asset-import", file, Map.of()).problem(409, "run-in-progress");

        ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/stop", Map.of(), run)
                .expect(200);
        assertThat(ingest.await(CMDB_ADMIN, run).get("status").asString()).isEqualTo("STOPPED");
        long again = ingest.launch(CMDB_ADMIN, "asset-import", file, Map.of())
                .expect(202)
                .id();
        assertThat(again).as("a stopped run no longer holds the file").isNotEqualTo(run);
        ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/restart", Map.of(), run)
                .problem(409, "run-in-progress");
        // Stopped however far it got: queued, just claimed (before its job execution is known), or running.
        JsonNode stopping = ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/stop", Map.of(), again)
                .expect(200)
                .body();
        JsonNode stopped = ingest.await(CMDB_ADMIN, again);
        assertThat(stopped.get("status").asString())
                .as("asked to stop when %s; ended %s", stopping, stopped)
                .isEqualTo("STOPPED");
    }

    private long count(String fromSerial, String toSerial) {
        return jdbc.sql("SELECT count(*) FROM configuration_item WHERE serial_number BETWEEN :from AND :to")
                .param("from", fromSerial)
                .param("to", toSerial)
                .query(Long.class)
                .single();
    }

    private long stepsOf(long jobExecutionId) {
        return jdbc.sql("SELECT count(*) FROM batch_step_execution WHERE job_execution_id = :execution")
                .param("execution", jobExecutionId)
                .query(Long.class)
                .single();
    }

    private List<String> executions(long run) {
        return jdbc.sql("""
                        SELECT e.status FROM batch_job_execution e
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM ingest_run WHERE id = :run)
                        ORDER BY e.job_execution_id
                        """).param("run", run).query(String.class).list();
    }
}
