package pl.krakow.coi.servicedesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TestDatabases;

class EmbeddedStackIT {

    @Test
    void sharedStackWritesAndReadsPostgres() throws Exception {
        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(EmbeddedStackIT.class);
        try (Connection connection = stack.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id serial PRIMARY KEY, note text NOT NULL)");
            statement.execute("INSERT INTO probe (note) VALUES ('drukarka nie działa')");
            ResultSet result = statement.executeQuery("SELECT note, version() FROM probe");
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("drukarka nie działa");
            assertThat(result.getString(2)).startsWith("PostgreSQL 18");
        } finally {
            TestDatabases.drop(EmbeddedStackIT.class);
        }
    }

    @Test
    void sharedStackIndexesAndSearchesElasticsearch() throws Exception {
        StackCoordinates stack = SharedStack.get();
        String index = TestDatabases.indexPrefixFor(EmbeddedStackIT.class) + "-probe";
        try (RestClient rest = RestClient.builder(
                                HttpHost.create(stack.elasticsearchUri().toString()))
                        .build();
                RestClientTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper())) {
            ElasticsearchClient client = new ElasticsearchClient(transport);
            // The integ-test-zip node answers GET / with 405; cluster health is the readiness probe.
            assertThat(client.cluster().health().status().jsonValue()).isIn("green", "yellow");
            String nodes = new String(
                    rest.performRequest(
                                    new org.elasticsearch.client.Request("GET", "/_nodes?filter_path=nodes.*.version"))
                            .getEntity()
                            .getContent()
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(nodes).contains("\"version\":\"8.19.21\"");
            client.index(i -> i.index(index)
                    .id("1")
                    .document(Map.of("title", "Drukarka nie drukuje"))
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
            client.index(i -> i.index(index)
                    .id("2")
                    .document(Map.of("title", "Brak dostępu do poczty"))
                    .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
            SearchResponse<JsonData> hits = client.search(
                    s -> s.index(index).query(q -> q.match(m -> m.field("title").query("drukarka"))), JsonData.class);
            assertThat(hits.hits().hits()).extracting(h -> h.id()).containsExactly("1");
            client.indices().delete(d -> d.index(index));
        }
    }

    @Test
    void aSecondStackNextToTheSharedOneDoesNotCollideAndStopsCompletely(@TempDir Path base) throws Exception {
        StackCoordinates shared = SharedStack.get();
        EmbeddedStack second =
                EmbeddedStack.start(EmbeddedStackOptions.defaults("second").withBaseDirectory(base));
        List<Long> pids = List.of(second.postgresPid(), second.elasticsearchPid());
        try {
            assertThat(second.postgresPort()).isNotEqualTo(shared.postgresPort());
            assertThat(second.elasticsearchUri()).isNotEqualTo(shared.elasticsearchUri());
            assertThat(second.runDirectory()).isNotEqualTo(shared.logDirectory().getParent());
            try (Connection connection = second.connect("servicedesk");
                    Statement statement = connection.createStatement()) {
                assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
            }
            try (Connection connection = shared.connect("postgres");
                    Statement statement = connection.createStatement()) {
                assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
            }
        } finally {
            second.close();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("pid %d", pid)
                    .isEmpty();
        }
        assertThat(second.runDirectory().resolve("postgresql")).doesNotExist();
        assertThat(second.logDirectory().resolve("postgresql.log")).exists();
    }

    @Test
    void aStackWhoseOwnerIsKilledHardLeavesNoOrphansBehind(@TempDir Path base) throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        pl.krakow.coi.servicedesk.testing.SharedStackAccess.classPath(),
                        "-Dservicedesk.embedded.repository="
                                + System.getProperty("servicedesk.embedded.repository", ""),
                        StackHolder.class.getName(),
                        base.toString())
                .redirectErrorStream(true)
                .start();
        String pidsLine = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PIDS ")) {
                    pidsLine = line;
                    break;
                }
            }
        }
        assertThat(pidsLine).as("holder printed its pids").isNotNull();
        String[] parts = pidsLine.split(" ");
        long postgres = Long.parseLong(parts[1]);
        long elasticsearch = Long.parseLong(parts[2]);
        Path run = Path.of(parts[3]);

        holder.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive))
                    .isEmpty();
            assertThat(ProcessHandle.of(elasticsearch).filter(ProcessHandle::isAlive))
                    .isEmpty();
        });
        assertThat(run).exists();

        // What every start does first (EmbeddedStack.start and EmbeddedElasticsearch.create).
        StaleRuns.clear(base.resolve("runs"));
        assertThat(run).as("the dead run's directory is cleared").doesNotExist();
    }

    @Test
    void orphansKnownOnlyByTheirPidFilesAreStoppedAtTheNextStart(@TempDir Path base) throws Exception {
        Path run = Files.createDirectories(base.resolve("runs").resolve("crashed-1"));
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor();
        ChildProcess.ProcessRecord.of(deadOwner.toHandle()).write(run.resolve(StaleRuns.OWNER_FILE));
        Process orphan = new ProcessBuilder("sleep", "600").start();
        ChildProcess.ProcessRecord.of(orphan.toHandle()).write(run.resolve("postgresql.pid"));

        StaleRuns.clear(base.resolve("runs"));

        assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(run).doesNotExist();
    }

    @Test
    void aFullDiskIsReportedAsSuch() {
        assertThatThrownBy(() -> Disk.requireFree(Path.of("/"), Long.MAX_VALUE / 2, "the test"))
                .isInstanceOf(EmbeddedStackException.class)
                .hasMessageContaining("Not enough disk space")
                .hasMessageContaining("MB free");
    }
}
