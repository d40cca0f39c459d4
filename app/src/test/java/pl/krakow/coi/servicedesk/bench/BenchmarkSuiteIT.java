package pl.krakow.coi.servicedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TestDatabases;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark suite of issue 10 (method: ADR 0060). It generates the dataset ({@link BenchmarkDataset}:
 * tickets with their histories and comments, and {@link BenchmarkInventory}: configuration items with
 * relationships, licences, people) straight into PostgreSQL with COPY; starts the application's executable jar
 * (three times, for the start-up time) against the embedded stack; reindexes it through the API (three times);
 * measures the machine's limits for the same documents (a raw COPY of the ticket rows, a raw Elasticsearch bulk
 * of the ticket documents); drives the HTTP API with {@code wrk} and its Lua scripts in {@code bench/wrk}
 * (creation, an agents' mix, search with and without facets) and the agents' mix also at a fixed arrival rate with
 * Gatling ({@link AgentsMixSimulation}), with bearer tokens from {@code POST /api/v1/auth/token}; times the
 * dashboard's KPI requests ({@link KpiDashboardBenchmarkIT#requests}) and the lag from commit to searchable;
 * reads the application's resident memory; and writes the report.
 *
 * <p>In the normal suite it runs on {@value #SMOKE} tickets for a few seconds per figure and asserts that every
 * figure is produced and the load ran without errors, not the timings. The benchmark itself is {@code bench/run}
 * (BENCHMARKS.md, "How to measure"); with {@code -Dbenchmark.write=true} it writes its section there;
 * always {@code app/target/benchmark-suite.md}.
 */
@TimingSensitive
@NeedsOutsidePrograms
class BenchmarkSuiteIT {

    static final int SMOKE = 2_000;
    static final int TICKETS = Integer.getInteger("benchmark.tickets", SMOKE);
    static final boolean FULL = TICKETS > SMOKE;
    static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    /** Full reindexes: each takes minutes at 1 000 000 on a busy machine. */
    static final int REINDEXES = Integer.getInteger("benchmark.reindexes", RUNS);
    /** Start-ups: the slowest step of the smoke, which needs one. */
    static final int STARTS = Integer.getInteger("benchmark.starts", FULL ? RUNS : 1);

    static final int SECONDS = Integer.getInteger("benchmark.seconds", FULL ? 30 : 3);
    static final int CREATE_CONNECTIONS = Integer.getInteger("benchmark.create-connections", 16);
    static final int AGENT_CONNECTIONS = Integer.getInteger("benchmark.agent-connections", 8);
    /**
     * Agents' actions started per second in the mix at a fixed arrival rate (ADR 0067): about half of what the
     * mix reaches at {@link #AGENT_CONNECTIONS} connections on the 1 000 000 dataset here.
     */
    static final double MIX_RATE = Double.parseDouble(System.getProperty("benchmark.mix-rate", FULL ? "12" : "10"));

    static final int FRESHNESS_SAMPLES = Integer.getInteger("benchmark.freshness-samples", FULL ? 40 : 5);
    static final int DASHBOARD_LOADS = Integer.getInteger("benchmark.dashboard-loads", FULL ? 20 : 2);
    static final int RAW_SAMPLE = Math.min(TICKETS, Integer.getInteger("benchmark.raw-sample", 200_000));
    static final String PASSWORD = "benchmark";
    static final Path WRK_SCRIPTS =
            Path.of("..", "bench", "wrk").toAbsolutePath().normalize();

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    static StackCoordinates stack;
    static AppProcess app;

    @AfterAll
    static void cleanUp() throws Exception {
        if (app != null) {
            app.close();
        }
        if (stack != null && !Boolean.getBoolean("benchmark.keep")) {
            TestDatabases.drop(BenchmarkSuiteIT.class);
            http.send(
                    HttpRequest.newBuilder(stack.elasticsearchUri()
                                    .resolve("/" + TestDatabases.indexPrefixFor(BenchmarkSuiteIT.class) + "*"))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void theSuiteProducesEveryFigure() throws Exception {
        Wrk.ensureInstalled();
        Report report = new Report(TICKETS, RUNS);
        stack = SharedStack.get();
        String database = TestDatabases.create(BenchmarkSuiteIT.class);
        String prefix = TestDatabases.indexPrefixFor(BenchmarkSuiteIT.class);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(stack.jdbcUrl(database));
        dataSource.setUser(stack.username());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant now = Clock.systemUTC().instant();
        report.loadBefore = Machine.loadAverage();

        // 1. The dataset, in bulk; then the machine's COPY limit for the same rows.
        BenchmarkDataset.Result written = BenchmarkDataset.write(dataSource, json, TICKETS, 2026, now);
        assertThat(written.tickets()).isEqualTo(TICKETS);
        assertThat(written.inventory()).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single())
                .as("the people register")
                .isEqualTo(written.inventory().people());
        report.dataset = written;
        createAccounts(jdbc);
        phase("dataset");
        for (int run = 0; run < RUNS; run++) {
            report.rawCopy.add(BenchmarkDataset.rawCopy(dataSource, json, RAW_SAMPLE, 2026 + run, now)
                    .perSecond());
        }

        phase("raw COPY");

        // 2. The application on the loaded database as the image starts it: start-up time, three starts, the last
        // one stays; before each, a start without the class data sharing archive, for the comparison.
        List<String> arguments = List.of(
                "--spring.datasource.url=" + stack.jdbcUrl(database),
                "--spring.datasource.username=" + stack.username(),
                "--spring.datasource.password=",
                "--servicedesk.elasticsearch.uris=" + stack.elasticsearchUri(),
                "--servicedesk.elasticsearch.index-prefix=" + prefix,
                "--servicedesk.search.index.replicas=0",
                "--servicedesk.demo-data.enabled=false");
        for (int run = 0; run < STARTS; run++) {
            try (AppProcess plain = AppProcess.start(arguments, false)) {
                report.startupWithoutArchive.add(plain.startup().toMillis() / 1000.0);
            }
            app = AppProcess.start(arguments);
            report.startup.add(app.startup().toMillis() / 1000.0);
            report.startedIn.add(app.startedIn());
            report.startupRss.add(app.residentMemory() / 1024.0);
            if (run < STARTS - 1) {
                app.close();
            }
        }
        String base = "http://localhost:" + app.port();
        phase("start-ups");
        String requester = token(base, "pracownik1");
        String agent = token(base, "jan.kowalski");
        String admin = token(base, "admin");

        // 3. Full reindex through the API, three times; then the machine's bulk limit for the same documents.
        for (int run = 0; run < REINDEXES; run++) {
            double seconds = reindex(base, admin);
            report.reindexSeconds.add(seconds);
            report.reindexRate.add(TICKETS / seconds);
        }
        phase("reindexes");
        assertThat(indexCount(prefix + "-tickets")).isEqualTo(TICKETS);
        for (int run = 0; run < RUNS; run++) {
            report.rawBulk.add(RawBulk.measure(stack.elasticsearchUri(), prefix, RAW_SAMPLE, json));
        }

        phase("raw bulk");

        // 4. Load with wrk: creation at fixed concurrency, the agents' mix, search.
        Wrk.run("create.lua", requester, CREATE_CONNECTIONS, Math.max(1, SECONDS / 3), base); // warm-up
        for (int run = 0; run < RUNS; run++) {
            awaitOutboxDrained(jdbc);
            report.create.add(Wrk.run("create.lua", requester, CREATE_CONNECTIONS, SECONDS, base));
        }
        phase("creation");
        awaitOutboxDrained(jdbc);
        Wrk.run("mixed.lua", agent, AGENT_CONNECTIONS, Math.max(1, SECONDS / 3), base);
        for (int run = 0; run < RUNS; run++) {
            awaitOutboxDrained(jdbc);
            report.mixed.add(Wrk.run("mixed.lua", agent, AGENT_CONNECTIONS, SECONDS, base));
        }
        phase("agents' mix");
        // The same mix at a fixed arrival rate (Gatling's open model), on the tickets of the agents' queue.
        awaitOutboxDrained(jdbc);
        List<Long> queue = queueTickets(base, agent);
        for (int run = 0; run < RUNS; run++) {
            awaitOutboxDrained(jdbc);
            report.mixAtRate.add(GatlingRun.run(base, agent, MIX_RATE, SECONDS, queue));
        }
        phase("agents' mix at a fixed arrival rate");
        awaitOutboxDrained(jdbc);
        Wrk.run("search.lua", agent, AGENT_CONNECTIONS, Math.max(1, SECONDS / 3), base);
        for (int run = 0; run < RUNS; run++) {
            report.search.add(Wrk.run("search.lua", agent, AGENT_CONNECTIONS, SECONDS, base));
        }

        phase("search");
        Wrk.run("quick-search.lua", agent, AGENT_CONNECTIONS, Math.max(1, SECONDS / 3), base);
        for (int run = 0; run < RUNS; run++) {
            report.quickSearch.add(Wrk.run("quick-search.lua", agent, AGENT_CONNECTIONS, SECONDS, base));
        }

        phase("quick search");

        // 5. The dashboard's KPI requests, one Director at a time.
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Warsaw")).plusDays(1);
        Map<String, KpiDashboardBenchmarkIT.Request> dashboard =
                KpiDashboardBenchmarkIT.requests(tomorrow, token(base, "dyrektor"), token(base, "kierownik.it042"));
        loadDashboard(base, dashboard); // warm-up
        for (int run = 0; run < RUNS; run++) {
            Map<String, List<Long>> samples = new LinkedHashMap<>();
            for (int i = 0; i < DASHBOARD_LOADS; i++) {
                loadDashboard(base, dashboard)
                        .forEach((name, nanos) -> samples.computeIfAbsent(name, n -> new ArrayList<>())
                                .add(nanos));
            }
            samples.forEach((name, values) -> report.dashboard
                    .computeIfAbsent(name, n -> new ArrayList<>())
                    .add(KpiDashboardBenchmarkIT.percentiles(values)));
        }

        phase("dashboard");

        // 6. From commit to searchable: a requester files, an agent searches for it until it is found.
        for (int run = 0; run < RUNS; run++) {
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < FRESHNESS_SAMPLES; i++) {
                lags.add(freshness(base, requester, agent));
            }
            report.freshness.add(KpiDashboardBenchmarkIT.percentiles(lags));
        }

        phase("freshness");

        // 7. Resident memory after the load; the machine and the versions.
        report.rss = app.residentMemory() / 1024.0;
        report.peakRss = app.peakResidentMemory() / 1024.0;
        report.loadAfter = Machine.loadAverage();
        report.postgres = jdbc.sql("SHOW server_version").query(String.class).single();
        report.elasticsearch = get(
                        stack.elasticsearchUri()
                                .resolve("/_nodes/_local?filter_path=nodes.*.version")
                                .toString(),
                        null)
                .get("nodes")
                .iterator()
                .next()
                .get("version")
                .asString();
        report.wrk = Wrk.version();
        report.gatling = gatlingVersion();
        report.indexedDocuments = indexCount(prefix + "-tickets");

        String markdown = report.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmark-suite.md"), markdown);
        System.out.println(markdown);
        if (Boolean.getBoolean("benchmark.write")) {
            KpiDashboardBenchmarkIT.writeBenchmarksSection(
                    markdown, "<!-- suite-" + TICKETS + ":start -->", "<!-- suite-" + TICKETS + ":end -->");
        }

        // Every figure was produced, and the load ran cleanly.
        for (Wrk.Result run : report.create) {
            assertThat(run.requests()).isPositive();
            assertThat(run.non2xx() + run.socketErrors()).as("creation errors").isZero();
        }
        for (Wrk.Result run : report.mixed) {
            assertThat(run.counters()).containsKeys("queue", "opened", "updates", "comments", "searches");
            for (String kind : List.of("queue", "opened", "updates", "comments", "searches")) {
                assertThat(run.counters().get(kind)).as(kind).isPositive();
            }
            assertThat(run.counters().get("failures") + run.socketErrors())
                    .as("agents' mix failures other than conflicts")
                    .isZero();
            // Conflicts only come from writes: few open tickets in a small queue collide often.
            assertThat(run.counters().get("conflicts"))
                    .as("conflicts (409/412: two connections updated the same ticket)")
                    .isLessThanOrEqualTo(
                            run.counters().get("updates") + run.counters().get("comments"));
        }
        Map<String, Long> actions = new LinkedHashMap<>();
        for (GatlingRun.Result run : report.mixAtRate) {
            assertThat(run.all().requests()).isPositive();
            assertThat(run.all().failed())
                    .as("agents' mix at a fixed rate: failures other than conflicts")
                    .isZero();
            run.byName().forEach((name, figures) -> actions.merge(name, figures.requests(), Long::sum));
        }
        assertThat(actions)
                .as("every kind of action ran")
                .containsKeys("queue view", "open a ticket", "read for update", "update", "comment", "search");
        for (Wrk.Result run : report.search) {
            assertThat(run.non2xx() + run.socketErrors()).as("search errors").isZero();
        }
        for (Wrk.Result run : report.quickSearch) {
            assertThat(run.requests()).isPositive();
            assertThat(run.non2xx() + run.socketErrors())
                    .as("quick search errors")
                    .isZero();
        }
        assertThat(report.dashboard).containsKey(KpiDashboardBenchmarkIT.WHOLE);
        assertThat(report.freshness).hasSize(RUNS);
        assertThat(report.startup).allMatch(seconds -> seconds > 0);
        assertThat(report.startupWithoutArchive).hasSize(report.startup.size()).allMatch(seconds -> seconds > 0);
        assertThat(report.rss).isPositive();
        assertThat(report.rawBulk).allMatch(rate -> rate > 0);
        assertThat(report.rawCopy).allMatch(rate -> rate > 0);
        assertThat(markdown).doesNotContain("NaN");
    }

    private static long mark = System.nanoTime();

    /** Prints how long the phase that just ended took. */
    private static void phase(String name) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "[benchmark] %s: %.1f s%n", name, (now - mark) / 1e9);
        mark = now;
    }

    /** Service accounts of the local issuer (a bcrypt hash each, checked once per token, not per request). */
    private static void createAccounts(JdbcClient jdbc) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode(PASSWORD);
        String[][] accounts = {
            {"pracownik1", "Pracownik 1", "REQUESTER", "KP-01"},
            {"jan.kowalski", "Jan Kowalski", "AGENT", "IT-02-2"},
            {"dyrektor", "Dyrektor COI", "MANAGER", "COI-DYR"},
            {"kierownik.it042", "Kierownik IT-04-2", "MANAGER", "IT-04-2"},
            {"admin", "Administrator", "ADMIN", null}
        };
        for (String[] account : accounts) {
            jdbc.sql("""
                            INSERT INTO local_account (username, display_name, password_hash, roles, unit_code)
                            VALUES (:username, :name, :hash, :roles, :unit)
                            """)
                    .param("username", account[0])
                    .param("name", account[1])
                    .param("hash", hash)
                    .param("roles", new String[] {account[2]})
                    .param("unit", account[3])
                    .update();
        }
    }

    private static String token(String base, String username) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                json.writeValueAsString(Map.of("username", username, "password", PASSWORD))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    private static double reindex(String base, String admin) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/search/reindex"))
                        .header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long execution = json.readTree(accepted.body()).get("executionId").asLong();
        while (true) {
            String status = get(base + "/api/v1/search/reindex/" + execution, admin)
                    .get("status")
                    .asString();
            assertThat(status).isNotIn("FAILED", "ABANDONED", "STOPPED");
            if (status.equals("COMPLETED")) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(200);
        }
    }

    private static long indexCount(String index) throws Exception {
        return get(stack.elasticsearchUri().resolve("/" + index + "/_count").toString(), null)
                .get("count")
                .asLong();
    }

    private static void awaitOutboxDrained(JdbcClient jdbc) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("outbox drained within 10 minutes").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Map<String, Long> loadDashboard(String base, Map<String, KpiDashboardBenchmarkIT.Request> requests)
            throws Exception {
        Map<String, Long> times = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Map.Entry<String, KpiDashboardBenchmarkIT.Request> entry : requests.entrySet()) {
            long t0 = System.nanoTime();
            get(base + entry.getValue().path(), entry.getValue().token());
            times.put(entry.getKey(), System.nanoTime() - t0);
            if (entry.getKey().startsWith("kpis, 30 days")) {
                times.put(KpiDashboardBenchmarkIT.WHOLE, System.nanoTime() - start);
            }
        }
        return times;
    }

    /** Nanoseconds from the creating response to the first search that finds the ticket. */
    private static long freshness(String base, String requester, String agent) throws Exception {
        String word = "kontrola" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets"))
                        .header("Authorization", "Bearer " + requester)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                                "title",
                                "Test świeżości " + word,
                                "description",
                                "Zgłoszenie kontrolne " + word + " do pomiaru opóźnienia wyszukiwania."))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long committed = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String number = json.readTree(created.body()).get("number").asString();
        long deadline = committed + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> found = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/search/tickets?q=" + word))
                            .header("Authorization", "Bearer " + agent)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() == 200 && found.body().contains(number)) {
                return System.nanoTime() - committed;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(number + " not searchable within 60 s");
    }

    /** The open tickets of the first line's queue, as {@code mixed.lua} collects them from its queue views. */
    private static List<Long> queueTickets(String base, String agent) throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            for (JsonNode item : get(
                            base + "/api/v1/tickets?unit=IT-02-2&open=true&sort=priority&size=25&page=" + page, agent)
                    .get("items")) {
                ids.add(item.get("id").asLong());
            }
        }
        assertThat(ids).as("open tickets in the first line's queue").isNotEmpty();
        return ids;
    }

    /** Gatling's version, from the name of the jar it was loaded from. */
    private static String gatlingVersion() throws Exception {
        String jar = Path.of(io.gatling.app.Gatling.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .getFileName()
                .toString();
        return "Gatling " + jar.replaceAll("^gatling-app-(.*)\\.jar$", "$1");
    }

    static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The figures of one suite run, and their rendering. */
    static final class Report {

        final int tickets;
        final int runs;
        BenchmarkDataset.Result dataset;
        final List<Double> rawCopy = new ArrayList<>();
        final List<Double> rawBulk = new ArrayList<>();
        final List<Double> startup = new ArrayList<>();
        final List<Double> startupRss = new ArrayList<>();
        final List<Double> startupWithoutArchive = new ArrayList<>();
        final List<String> startedIn = new ArrayList<>();
        final List<Double> reindexSeconds = new ArrayList<>();
        final List<Double> reindexRate = new ArrayList<>();
        final List<Wrk.Result> create = new ArrayList<>();
        final List<Wrk.Result> mixed = new ArrayList<>();
        final List<GatlingRun.Result> mixAtRate = new ArrayList<>();
        final List<Wrk.Result> search = new ArrayList<>();
        final List<Wrk.Result> quickSearch = new ArrayList<>();
        final Map<String, List<double[]>> dashboard = new LinkedHashMap<>();
        final List<double[]> freshness = new ArrayList<>();
        double rss;
        double peakRss;
        double loadBefore;
        double loadAfter;
        String postgres;
        String elasticsearch;
        String wrk;
        String gatling;
        long indexedDocuments;

        Report(int tickets, int runs) {
            this.tickets = tickets;
            this.runs = runs;
        }

        static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }

        static <R> double median(List<R> runs, ToDoubleFunction<R> figure) {
            return median(runs.stream().mapToDouble(figure).boxed().toList());
        }

        String markdown() {
            double create = median(this.create, Wrk.Result::perSecond);
            double copy = median(rawCopy);
            double reindex = median(reindexSeconds);
            double reindexRate = median(this.reindexRate);
            double bulk = median(rawBulk);
            double[] search = {
                median(this.search, Wrk.Result::p50),
                median(this.search, Wrk.Result::p95),
                median(this.search, Wrk.Result::p99)
            };
            double[] whole = KpiDashboardBenchmarkIT.median(dashboard.get(KpiDashboardBenchmarkIT.WHOLE));
            double[] fresh = KpiDashboardBenchmarkIT.median(freshness);
            double start = median(startup);
            String n = String.format(Locale.ROOT, "%,d", tickets);
            StringBuilder md = new StringBuilder();
            md.append("## Suite over ")
                    .append(n)
                    .append(" tickets (")
                    .append(LocalDate.now())
                    .append(")\n\n");
            md.append(String.format(
                    Locale.ROOT,
                    "Measured by `bench/run` (`BenchmarkSuiteIT`, method in ADR 0060): every figure is the median of %d"
                            + " runs (the reindex: of %d, the start-up: of %d); latencies in ms; load from %s at a fixed"
                            + " number of connections (wrk has no fixed arrival rate), and for the agents' mix also from"
                            + " %s at a fixed arrival rate (open model, ADR 0067); %d s per run, after a warm-up for"
                            + " wrk.%n%n",
                    runs,
                    REINDEXES,
                    STARTS,
                    wrk,
                    gatling,
                    SECONDS));
            md.append("| figure | ours | limit of this machine, same run | ours / limit | Request Tracker 5, same"
                    + " machine | target | where we stand |\n|---|---|---|---|---|---|---|\n");
            md.append(String.format(
                    Locale.ROOT,
                    "| ticket creation, %d connections (POST /api/v1/tickets) | **%.0f tickets/s**; p50 %.0f, p95 %.0f,"
                            + " p99 %.0f | raw COPY of ticket rows: %.0f rows/s | %.1f %% | 22 tickets/s at best, p95 261"
                            + " | ≥ 1 500 tickets/s | %s |%n",
                    CREATE_CONNECTIONS,
                    create,
                    median(this.create, Wrk.Result::p50),
                    median(this.create, Wrk.Result::p95),
                    median(this.create, Wrk.Result::p99),
                    copy,
                    100 * create / copy,
                    create >= 1_500
                            ? "met"
                            : String.format(Locale.ROOT, "short (%.0f %% of it)", 100 * create / 1_500)));
            md.append(String.format(
                    Locale.ROOT,
                    "| agents' mix, %d connections (35 %% queue views, 20 %% open a ticket, 15 %% updates, 15 %% comments,"
                            + " 15 %% searches) | %.0f requests/s; p50 %.0f, p95 %.0f, p99 %.0f; conflicts (409/412) per"
                            + " run %s | – | – | – | –"
                            + " | – |%n",
                    AGENT_CONNECTIONS,
                    median(this.mixed, Wrk.Result::perSecond),
                    median(this.mixed, Wrk.Result::p50),
                    median(this.mixed, Wrk.Result::p95),
                    median(this.mixed, Wrk.Result::p99),
                    this.mixed.stream().map(r -> r.counters().get("conflicts")).toList()));
            md.append(String.format(
                    Locale.ROOT,
                    "| agents' mix at a fixed arrival rate: %.0f actions/s started whatever the latency (Gatling, open"
                            + " model; the same proportions; an update reads the ticket for its ETag first) | %.1f"
                            + " requests/s answered; p50 %.0f, **p95 %.0f**, p99 %.0f; %s failed | – | – | – | – | – |%n",
                    MIX_RATE,
                    median(this.mixAtRate, GatlingRun.Result::perSecond),
                    median(this.mixAtRate, r -> r.all().p50()),
                    median(this.mixAtRate, r -> r.all().p95()),
                    median(this.mixAtRate, r -> r.all().p99()),
                    this.mixAtRate.stream().map(r -> r.all().failed()).toList()));
            md.append(String.format(
                    Locale.ROOT,
                    "| search at %s tickets, %d connections | p50 %.0f, **p95 %.0f**, p99 %.0f; %.0f searches/s | – | –"
                            + " | p95 22 at 20 000 tickets (table scan) | p95 < 100 | %s |%n",
                    n,
                    AGENT_CONNECTIONS,
                    search[0],
                    search[1],
                    search[2],
                    median(this.search, Wrk.Result::perSecond),
                    search[1] < 100 ? "met" : "short"));
            double quickP95 = median(this.quickSearch, Wrk.Result::p95);
            md.append(String.format(
                    Locale.ROOT,
                    "| the same searches without facets (`facets=none`, a quick search box), %d connections | p50 %.0f,"
                            + " **p95 %.0f**, p99 %.0f; %.0f searches/s | – | – | – | p95 < 100 | %s |%n",
                    AGENT_CONNECTIONS,
                    median(this.quickSearch, Wrk.Result::p50),
                    quickP95,
                    median(this.quickSearch, Wrk.Result::p99),
                    median(this.quickSearch, Wrk.Result::perSecond),
                    quickP95 < 100 ? "met" : "short"));
            md.append(String.format(
                    Locale.ROOT,
                    "| dashboard KPI load at %s tickets (units, then 30 days by day with the previous 30) | p50 %.0f,"
                            + " **p95 %.0f**, p99 %.0f | – | – | – | p95 < 1 000 | %s |%n",
                    n,
                    whole[0],
                    whole[1],
                    whole[2],
                    whole[1] < 1_000 ? "met" : "short"));
            md.append("| asset CSV import rows/s; agent inventories/s | see the section \"Ingest\" | | | | ≥ 20 000"
                    + " rows/s | see \"Ingest\" |\n");
            md.append(String.format(
                    Locale.ROOT,
                    "| full reindex of %s tickets (API, Spring Batch) | **%.0f s**, %.0f documents/s | raw bulk of the"
                            + " same documents: %.0f documents/s | %.1f %% | – | 1 000 000 in < 300 s | %s |%n",
                    n,
                    reindex,
                    reindexRate,
                    bulk,
                    100 * reindexRate / bulk,
                    tickets >= 1_000_000
                            ? (reindex < 300 ? "met" : "short")
                            : String.format(
                                    Locale.ROOT, "%.0f s for 1 000 000 at this rate", 1_000_000 / reindexRate)));
            md.append(String.format(
                    Locale.ROOT,
                    "| commit to searchable, %d samples per run | p50 %.0f, p95 %.0f, **p99 %.0f** | – | – | – | p99 <"
                            + " 2 000 | %s |%n",
                    FRESHNESS_SAMPLES,
                    fresh[0],
                    fresh[1],
                    fresh[2],
                    fresh[2] < 2_000 ? "met" : "short"));
            md.append(String.format(
                    Locale.ROOT,
                    "| start-up to ready as the image starts (class data sharing archive; database with the"
                            + " dataset, external PostgreSQL and Elasticsearch) | **%.1f s** (%.1f s without the"
                            + " archive) | – | – | – | < 10 s | %s |%n",
                    start,
                    median(startupWithoutArchive),
                    start < 10 ? "met" : "short"));
            md.append(String.format(
                    Locale.ROOT,
                    "| resident memory of the application (-Xmx1g) | %.0f MB after start-up, %.0f MB after the load"
                            + " (peak %.0f MB) | – | – | – | – | – |%n%n",
                    median(startupRss),
                    rss,
                    peakRss));
            md.append("Runs, in order:\n\n");
            md.append(String.format(Locale.ROOT, "- creation tickets/s: %s%n", rates(this.create)));
            md.append(String.format(Locale.ROOT, "- agents' mix requests/s: %s%n", rates(this.mixed)));
            md.append(String.format(
                    Locale.ROOT,
                    "- agents' mix at %.0f actions/s, requests/s (p95 ms): %s%n",
                    MIX_RATE,
                    this.mixAtRate.stream()
                            .map(r -> String.format(
                                    Locale.ROOT,
                                    "%.1f (%.0f)",
                                    r.perSecond(),
                                    r.all().p95()))
                            .toList()));
            md.append(String.format(Locale.ROOT, "- searches/s: %s%n", rates(this.search)));
            md.append(String.format(Locale.ROOT, "- searches/s without facets: %s%n", rates(this.quickSearch)));
            md.append(String.format(
                    Locale.ROOT, "- reindex seconds (%d reindexes): %s%n", REINDEXES, rounded(reindexSeconds)));
            md.append(String.format(Locale.ROOT, "- raw COPY rows/s (%,d rows): %s%n", RAW_SAMPLE, rounded(rawCopy)));
            md.append(String.format(
                    Locale.ROOT, "- raw bulk documents/s (%,d documents): %s%n", RAW_SAMPLE, rounded(rawBulk)));
            md.append(String.format(
                    Locale.ROOT,
                    "- start-up seconds to ready: %s (without the archive: %s); Spring Boot's own account: %s%n%n",
                    rounded(startup),
                    rounded(startupWithoutArchive),
                    startedIn));
            md.append("Agents' mix at a fixed arrival rate, by request (p50 / p95 / p99, ms; requests in all runs):\n\n"
                    + "| request | requests | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|\n");
            if (!this.mixAtRate.isEmpty()) {
                this.mixAtRate.get(0).byName().keySet().forEach(name -> {
                    List<GatlingRun.Figures> figures = this.mixAtRate.stream()
                            .map(r -> r.byName().get(name))
                            .filter(java.util.Objects::nonNull)
                            .toList();
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %.0f | %.0f | %.0f |%n",
                            name,
                            figures.stream()
                                    .mapToLong(GatlingRun.Figures::requests)
                                    .sum(),
                            median(figures.stream().map(GatlingRun.Figures::p50).toList()),
                            median(figures.stream().map(GatlingRun.Figures::p95).toList()),
                            median(figures.stream().map(GatlingRun.Figures::p99).toList())));
                });
            }
            md.append("\n");
            md.append(
                    "Dashboard requests (p50 / p95 / p99, ms):\n\n| request | p50 | p95 | p99 |\n|---|---:|---:|---:|\n");
            dashboard.forEach((name, values) -> {
                double[] m = KpiDashboardBenchmarkIT.median(values);
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, m[0], m[1], m[2]));
            });
            BenchmarkInventory.Result inventory = dataset.inventory();
            md.append(String.format(
                    Locale.ROOT,
                    "%nDataset: %,d tickets over two years with %,d events and %,d comments, %,d configuration items"
                            + " with %,d relationships, %,d licences over %d products, %,d people (in the people"
                            + " register, the requesters and licence holders), written with COPY in %.0f s;"
                            + " %,d documents in the index at the end.%n%n",
                    dataset.tickets(),
                    dataset.events(),
                    dataset.comments(),
                    inventory.items(),
                    inventory.relationships(),
                    inventory.licences(),
                    inventory.products(),
                    inventory.people(),
                    (dataset.took().toMillis() + inventory.took().toMillis()) / 1000.0,
                    indexedDocuments));
            md.append(String.format(
                    Locale.ROOT,
                    "Machine: %s. PostgreSQL %s and Elasticsearch %s (embedded, one node, 512 MB heap) on the same"
                            + " machine; load average %.1f before, %.1f after.%n",
                    Machine.describe(),
                    postgres,
                    elasticsearch,
                    loadBefore,
                    loadAfter));
            return md.toString();
        }

        private static String rates(List<Wrk.Result> runs) {
            return runs.stream()
                    .map(r -> String.format(
                            Locale.ROOT, "%.0f (p95 %.0f ms, %d non-2xx)", r.perSecond(), r.p95(), r.non2xx()))
                    .toList()
                    .toString();
        }

        private static String rounded(List<Double> values) {
            return values.stream()
                    .map(v -> String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v))
                    .toList()
                    .toString();
        }
    }

    /** The raw Elasticsearch bulk rate for the ticket documents the reindex wrote. */
    static final class RawBulk {

        private RawBulk() {}

        /**
         * Reads {@code sample} documents of the live index into bulk bodies of 2 000 (on disk), creates an index with
         * the same settings and mapping (bulk-load settings, as the reindex: no refresh, no replicas), sends them
         * with two workers (as the reindex), refreshes; only sending and the refresh are timed. Documents/s.
         */
        static double measure(URI elasticsearch, String prefix, int sample, JsonMapper json) throws Exception {
            String alias = prefix + "-tickets";
            String raw = prefix + "-raw-bulk";
            JsonNode mapping =
                    get(elasticsearch.resolve("/" + alias + "/_mapping").toString(), null);
            JsonNode settings =
                    get(elasticsearch.resolve("/" + alias + "/_settings").toString(), null);
            String live = mapping.propertyNames().iterator().next();
            JsonNode analysis = settings.get(live).get("settings").get("index").get("analysis");
            Path directory = Files.createTempDirectory("raw-bulk-");
            List<Path> bodies = new ArrayList<>();
            try {
                JsonNode page = post(
                        elasticsearch
                                .resolve("/" + alias + "/_search?scroll=2m")
                                .toString(),
                        "{\"size\":2000,\"sort\":[\"_doc\"]}");
                int documents = 0;
                while (documents < sample && !page.get("hits").get("hits").isEmpty()) {
                    StringBuilder body = new StringBuilder();
                    for (JsonNode hit : page.get("hits").get("hits")) {
                        if (documents++ >= sample) {
                            break;
                        }
                        body.append("{\"index\":{\"_id\":\"")
                                .append(hit.get("_id").asString())
                                .append("\"}}\n")
                                .append(json.writeValueAsString(hit.get("_source")))
                                .append('\n');
                    }
                    Path file = directory.resolve(bodies.size() + ".ndjson");
                    Files.writeString(file, body);
                    bodies.add(file);
                    page = post(
                            elasticsearch.resolve("/_search/scroll").toString(),
                            "{\"scroll\":\"2m\",\"scroll_id\":\""
                                    + page.get("_scroll_id").asString() + "\"}");
                }
                http.send(
                        HttpRequest.newBuilder(elasticsearch.resolve("/" + raw))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                String create =
                        "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"-1\""
                                + (analysis == null ? "" : ",\"analysis\":" + json.writeValueAsString(analysis))
                                + "},\"mappings\":"
                                + json.writeValueAsString(mapping.get(live).get("mappings")) + "}";
                put(elasticsearch.resolve("/" + raw).toString(), create);
                long started = System.nanoTime();
                ExecutorService workers = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> sent = new ArrayList<>();
                    for (Path file : bodies) {
                        sent.add(workers.submit(() -> {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(elasticsearch.resolve("/" + raw + "/_bulk"))
                                            .header("Content-Type", "application/x-ndjson")
                                            .POST(HttpRequest.BodyPublishers.ofFile(file))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(response.statusCode()).isEqualTo(200);
                            assertThat(response.body()).startsWith("{\"errors\":false");
                            return null;
                        }));
                    }
                    for (Future<?> future : sent) {
                        future.get();
                    }
                } finally {
                    workers.shutdown();
                }
                post(elasticsearch.resolve("/" + raw + "/_refresh").toString(), "");
                double seconds = (System.nanoTime() - started) / 1e9;
                long count = get(elasticsearch.resolve("/" + raw + "/_count").toString(), null)
                        .get("count")
                        .asLong();
                assertThat(count).isEqualTo(documents);
                return count / seconds;
            } finally {
                http.send(
                        HttpRequest.newBuilder(elasticsearch.resolve("/" + raw))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                for (Path file : bodies) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(directory);
            }
        }

        private static JsonNode post(String url, String body) throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
            return json.readTree(response.body());
        }

        private static void put(String url, String body) throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        }
    }
}
