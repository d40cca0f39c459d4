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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.Reindexing;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's KPI requests over a generated dataset ({@link BenchmarkDataset}): the requests the page
 * makes when the Director opens it (units, then the last 30 days by day with the previous 30 days), a
 * year by month, a unit head's view, and a drill-down search; timed over the HTTP API.
 *
 * <p>In the normal suite it runs on {@value #SMOKE} tickets and asserts that the dataset, the reindex and
 * every request work (and that the index and PostgreSQL agree on the generated data), not timings. The
 * benchmark of the issue (1 000 000 tickets, p95 under 1 s):
 *
 * <pre>
 * ./mvnw verify -pl app -am -Djacoco.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=KpiDashboardBenchmarkIT -Dbenchmark.tickets=1000000
 * </pre>
 *
 * With 1 000 000 tickets or more it writes its section of {@code BENCHMARKS.md} at the repository root;
 * always {@code app/target/kpi-dashboard-benchmark.md}.
 */
@IntegrationTest(classes = pl.krakow.coi.servicedesk.app.ServiceDeskApplication.class)
@TimingSensitive
class KpiDashboardBenchmarkIT {

    static final int SMOKE = 5_000;
    static final int TICKETS = Integer.getInteger("benchmark.tickets", SMOKE);
    static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    static final int ITERATIONS = Integer.getInteger("benchmark.iterations", TICKETS > SMOKE ? 40 : 5);
    static final int WARM_UP = Integer.getInteger("benchmark.warm-up", TICKETS > SMOKE ? 10 : 2);
    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final CurrentUser UNIT_HEAD = TestUsers.manager("kierownik.it042", "IT-04-2");

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Api api;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    Clock clock;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDashboardsKpiRequestsOverTheGeneratedDataset() throws Exception {
        Instant now = clock.instant();
        BenchmarkDataset.Result written = BenchmarkDataset.write(dataSource, json, TICKETS, 2026, now);
        assertThat(written.tickets()).isEqualTo(TICKETS);
        assertThat(written.events()).isGreaterThan(TICKETS * 2L);
        Duration reindex = reindex();

        LocalDate tomorrow = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Warsaw")))
                .plusDays(1);
        String director = issuer.issue(DIRECTOR).accessToken();
        String unitHead = issuer.issue(UNIT_HEAD).accessToken();
        Map<String, Request> requests = requests(tomorrow, director, unitHead);

        // Every request works and answers figures over the dataset.
        JsonNode year = get(requests.get("kpis, 12 months by month, with the previous year"));
        assertThat(year.get("current").get("created").asLong()).isPositive();
        assertThat(year.get("current").get("series")).hasSize(13);
        for (Request request : requests.values()) {
            get(request);
        }
        // The generated histories are lawful: the index and PostgreSQL agree on them.
        if (TICKETS <= SMOKE) {
            JsonNode reconciliation = api.as(DIRECTOR)
                    .get()
                    .uri("/api/v1/kpis/reconciliation?from=" + tomorrow.minusDays(120) + "&to=" + tomorrow
                            + "&granularity=month")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(reconciliation.get("differences")).isEmpty();
            assertThat(reconciliation.get("index").get("resolved").asLong()).isPositive();
            assertThat(reconciliation.get("index").get("escalations").get("byUnit"))
                    .isNotEmpty();
        }

        // Timing: RUNS runs of ITERATIONS dashboard loads after a warm-up; the median of the runs' percentiles.
        for (int i = 0; i < WARM_UP; i++) {
            dashboard(requests);
        }
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (int run = 0; run < RUNS; run++) {
            Map<String, List<Long>> samples = new LinkedHashMap<>();
            for (int i = 0; i < ITERATIONS; i++) {
                Map<String, Long> one = dashboard(requests);
                one.forEach((name, nanos) ->
                        samples.computeIfAbsent(name, n -> new ArrayList<>()).add(nanos));
            }
            samples.forEach((name, values) ->
                    runs.computeIfAbsent(name, n -> new ArrayList<>()).add(percentiles(values)));
        }
        String report = report(written, reindex, runs);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/kpi-dashboard-benchmark.md"), report);
        System.out.println(report);
        if (TICKETS >= 1_000_000) {
            writeBenchmarksSection(report);
        }
        double[] whole = median(runs.get(WHOLE));
        assertThat(whole[1]).isPositive();
    }

    /** The dashboard's requests (as the page makes them) and a drill-down, for the Director and a unit head. */
    static Map<String, Request> requests(LocalDate tomorrow, String director, String unitHead) {
        String last30 = "from=" + tomorrow.minusDays(30) + "&to=" + tomorrow;
        String lastYear = "from=" + tomorrow.minusDays(365) + "&to=" + tomorrow;
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("units", new Request("/api/v1/units", director));
        requests.put(
                "kpis, 30 days by day, with the previous 30",
                new Request("/api/v1/kpis?" + last30 + "&granularity=day&compare=true", director));
        requests.put(
                "kpis, 12 months by month, with the previous year",
                new Request("/api/v1/kpis?" + lastYear + "&granularity=month&compare=true", director));
        requests.put(
                "kpis of a unit head (IT-04-2), 30 days",
                new Request("/api/v1/kpis?" + last30 + "&granularity=day&compare=true&unit=IT-04-2", unitHead));
        requests.put(
                "drill-down: search a category, 30 days",
                new Request(
                        "/api/v1/search/tickets?category=WS-PRINTER-FAULT&sort=created&size=20&createdFrom="
                                + tomorrow.minusDays(30)
                                        .atStartOfDay(java.time.ZoneId.of("Europe/Warsaw"))
                                        .toInstant(),
                        director));
        return requests;
    }

    static final String WHOLE = "whole dashboard (units, then 30-day KPIs)";

    /** One dashboard load as the page does it (units, then the KPIs), plus the other requests on their own. */
    private Map<String, Long> dashboard(Map<String, Request> requests) throws Exception {
        Map<String, Long> times = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Map.Entry<String, Request> entry : requests.entrySet()) {
            long t0 = System.nanoTime();
            get(entry.getValue());
            times.put(entry.getKey(), System.nanoTime() - t0);
            if (entry.getKey().startsWith("kpis, 30 days")) {
                times.put(WHOLE, System.nanoTime() - start);
            }
        }
        return times;
    }

    private JsonNode get(Request request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                        .header("Authorization", "Bearer " + request.token())
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(request.path() + ": " + response.body())
                .isEqualTo(200);
        return json.readTree(response.body());
    }

    private Duration reindex() {
        Instant started = Instant.now();
        Reindexing.runToCompletion(api, Duration.ofHours(2));
        return Duration.between(started, Instant.now());
    }

    /** p50, p95, p99 of nanosecond samples, in milliseconds (nearest rank). */
    static double[] percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return new double[] {rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99)};
    }

    private static double rank(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    /** The median over runs of each percentile. */
    static double[] median(List<double[]> runs) {
        double[] result = new double[3];
        for (int p = 0; p < 3; p++) {
            int index = p;
            double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
            result[p] = values[values.length / 2];
        }
        return result;
    }

    private String report(BenchmarkDataset.Result written, Duration reindex, Map<String, List<double[]>> runs) {
        StringBuilder md = new StringBuilder();
        md.append("## KPI dashboard over ")
                .append(String.format(Locale.ROOT, "%,d", TICKETS))
                .append(" tickets\n\n");
        md.append("Measured by `KpiDashboardBenchmarkIT` (issue 8) on ")
                .append(LocalDate.now(clock))
                .append(": ")
                .append(RUNS)
                .append(" runs of ")
                .append(ITERATIONS)
                .append(" dashboard loads after ")
                .append(WARM_UP)
                .append(" warm-up loads; each figure is the median over the runs of that run's percentile, in ms.\n\n");
        md.append("| request | p50 | p95 | p99 |\n|---|---:|---:|---:|\n");
        runs.forEach((name, values) -> {
            double[] m = median(values);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, m[0], m[1], m[2]));
        });
        md.append(String.format(
                Locale.ROOT,
                "%nDataset: %,d tickets, %,d events, %,d comments written with COPY in %.0f s; reindexed (with the SLA"
                        + " and KPI fields) in %.0f s.%n%n",
                written.tickets(),
                written.events(),
                written.comments(),
                written.took().toMillis() / 1000.0,
                reindex.toMillis() / 1000.0));
        md.append("Machine: ").append(machine()).append("\n");
        return md.toString();
    }

    private String machine() {
        String memory = "";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("");
        } catch (IOException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + "; embedded PostgreSQL 18 and Elasticsearch 8.19 (512 MB heap,"
                + " one node) on the same machine, the application with -Xmx1g; load average at the end "
                + String.format(
                        Locale.ROOT,
                        "%.1f",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage())
                + ".";
    }

    /** Replaces this benchmark's section of BENCHMARKS.md (between its markers), keeping the rest. */
    static void writeBenchmarksSection(String section) throws IOException {
        writeBenchmarksSection(section, "<!-- kpi-dashboard:start -->", "<!-- kpi-dashboard:end -->");
    }

    /** Replaces a section of BENCHMARKS.md between two markers (appended when missing), keeping the rest. */
    static void writeBenchmarksSection(String section, String start, String end) throws IOException {
        Path file = Path.of("..", "BENCHMARKS.md");
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        String block = start + "\n" + section + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from
                ? text.substring(0, from) + block + text.substring(to + end.length())
                : text + "\n" + block + "\n";
        Files.writeString(file, text);
    }

    record Request(String path, String token) {}
}
