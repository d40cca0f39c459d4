package pl.krakow.coi.servicedesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
 * PostgreSQL restarting while requests run: every answer is a success or 503 {@code database-unavailable}
 * with {@code Retry-After} (never a 500), requests succeed again as soon as the server is back, and the
 * outbox relay names PostgreSQL, not Elasticsearch, as the server that failed.
 *
 * <p>The application reaches the shared PostgreSQL through a proxy of this test. A restart is what a
 * client sees of {@code pg_ctl restart -m fast}: the server terminates every backend of the application
 * ({@code pg_terminate_backend}, the same FATAL 57P01 "terminating connection due to administrator
 * command"), refuses connections while it is down (the proxy cuts and refuses them) and then accepts them
 * again. Only this test's database is touched, so the tests running beside it are not.
 */
@ExtendWith({IntegrationTestCleanup.class, OutputCaptureExtension.class})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"servicedesk.search.index.replicas=0", "servicedesk.search.relay.interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TimingSensitive
class DatabaseRestartIT {

    static final Duration DOWNTIME = Duration.ofSeconds(2);
    static TcpProxy proxy;
    static String database;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser agent = TestUsers.firstLine("jan.kowalski");
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    LocalTokenIssuer issuer;

    @DynamicPropertySource
    static void postgresBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
        StackCoordinates stack = SharedStack.get();
        database = TestDatabases.create(DatabaseRestartIT.class);
        URI jdbc = URI.create(stack.jdbcUrl(database).substring("jdbc:".length()));
        proxy = new TcpProxy(URI.create("tcp://" + jdbc.getHost() + ":" + jdbc.getPort()));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        registry.add("spring.datasource.username", stack::username);
        registry.add("spring.datasource.password", () -> "");
        registry.add(
                "servicedesk.elasticsearch.uris", () -> stack.elasticsearchUri().toString());
        registry.add(
                "servicedesk.elasticsearch.index-prefix", () -> TestDatabases.indexPrefixFor(DatabaseRestartIT.class));
    }

    @AfterAll
    static void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aRestartGivesOnlyServiceUnavailableWithRetryAfterAndRequestsSucceedRightAfter(CapturedOutput output)
            throws Exception {
        assertThat(file("Warm-up").statusCode()).isEqualTo(201);

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        int restarts = 0;
        // A restart is felt only by requests that hold a connection at that moment; restart until one did.
        while (restarts < 4 && answers.stream().noneMatch(a -> a.status() == 503)) {
            restarts++;
            answers.addAll(underLoad(this::restart));
            Answer after = timed(() -> get("/api/v1/tickets?open=true", agent));
            assertThat(after.status()).as("right after the restart: " + after).isEqualTo(200);
            assertThat(after.took()).as("right after the restart").isLessThan(Duration.ofSeconds(3));
        }

        assertThat(answers).as("answers during %d restart(s)", restarts).allSatisfy(answer -> {
            if (answer.status() != 200 && answer.status() != 201) {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
                assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
                assertThat(answer.body()).as(answer.toString()).contains("/problems/database-unavailable");
            }
        });
        assertThat(answers).anyMatch(answer -> answer.status() == 503);
        assertThat(output.getAll()).doesNotContain("Elasticsearch unavailable");
    }

    /** Files tickets and reads queues from four clients while {@code disturbance} runs. */
    private List<Answer> underLoad(ThrowingRunnable disturbance) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean filing = i % 2 == 0;
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    answers.add(timed(() -> filing ? file("Restart") : get("/api/v1/tickets?open=true", agent)));
                }
                return null;
            }));
        }
        Thread.sleep(500);
        disturbance.run();
        Thread.sleep(500);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return answers;
    }

    private void restart() throws SQLException, InterruptedException {
        proxy.goDown();
        StackCoordinates stack = SharedStack.get();
        try (Connection admin = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.username(), "");
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND pid <> pg_backend_pid()");
        }
        Thread.sleep(DOWNTIME.toMillis());
        proxy.comeUp();
    }

    private Answer timed(ThrowingSupplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = request.get();
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            return new Answer(-1, "", null, e.toString(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private HttpResponse<String> file(String title) throws IOException, InterruptedException {
        return http.send(
                request("/api/v1/tickets", anna)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"title\":\"" + title + "\",\"description\":\"Drukarka w pokoju 12 nie drukuje\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, CurrentUser user) throws IOException, InterruptedException {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, CurrentUser user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + issuer.issue(user).accessToken())
                .header("Accept", "application/json, application/problem+json");
    }

    record Answer(int status, String contentType, String retryAfter, String body, Duration took) {}

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
