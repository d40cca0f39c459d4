package pl.krakow.coi.servicedesk.ingest.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.IngestCalls;
import pl.krakow.coi.servicedesk.ingest.assets.AssetFiles;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of the asset import (rows/s) and of agent inventories (inventories/s, ~800 software entries
 * each). The normal suite runs a smoke size and asserts only that everything was stored; the benchmark
 * (BENCHMARKS.md, "Ingest") runs {@code -Dingest.benchmark.rows=1000000 -Dingest.benchmark.inventories=200
 * -Dingest.benchmark.runs=3}. Figures (median of the runs, with the machine's load average) go to
 * {@code ingest/target/ingest-benchmark.txt}.
 *
 * <p>The asset file is written to disk and streamed to the upload endpoint (a million rows do not fit in
 * the test's heap); the clock runs from the launch to the run's completion, so it includes the worker
 * copying the file out of PostgreSQL and checking it. Inventories are posted by several clients at once,
 * as agents do: a first inventory of new devices, then a second round of the same devices (the daily case:
 * the software mostly unchanged, a few packages upgraded, one removed, one added).
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.agent.username=bench",
            "servicedesk.ingest.agent.password=bench-pass",
            "servicedesk.ingest.worker.poll-interval=100ms"
        })
@TimingSensitive
class IngestThroughputIT {

    static final CurrentUser CMDB_ADMIN = TestUsers.with("bench.cmdb", "IT-01-3", Role.CMDB_ADMIN);
    static final int ROWS = Integer.getInteger("ingest.benchmark.rows", 5_000);
    static final int INVENTORIES = Integer.getInteger("ingest.benchmark.inventories", 8);
    static final int RUNS = Integer.getInteger("ingest.benchmark.runs", 1);
    static final int CLIENTS = Integer.getInteger("ingest.benchmark.clients", 4);
    static final int SOFTWARE = 800;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LocalTokenIssuer tokens;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void assetImportAndAgentInventoryThroughput() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Double> assetRates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int first = 1_000_000 * (run + 1);
            Path csv = Files.createTempFile(Path.of("target"), "bench-assets-", ".csv");
            try {
                writeAssets(csv, first, ROWS);
                long file = upload(csv);
                String before = load();
                Cpu cpu = cpu();
                long id = new IngestCalls(api)
                        .launch(CMDB_ADMIN, "asset-import", file, Map.of())
                        .expect(202)
                        .id();
                // Asked once a second: asked every 200 ms, the benchmark's own requests took 4 to 9 s of the JVM's CPU
                // in a run of a million rows. The clock is the run's own, from its launch to its end, as its view
                // shows them.
                JsonNode done =
                        new IngestCalls(api).await(CMDB_ADMIN, id, Duration.ofMinutes(60), Duration.ofSeconds(1));
                Cpu used = cpu().minus(cpu);
                double seconds = Duration.between(
                                        Instant.parse(done.get("queuedAt").asString()),
                                        Instant.parse(done.get("finishedAt").asString()))
                                .toMillis()
                        / 1e3;
                assertThat(done.get("status").asString()).as("run %s", done).isEqualTo("COMPLETED");
                assertThat(done.get("written").asLong()).isEqualTo(ROWS);
                assertThat(done.get("skipped").asLong()).isZero();
                assertThat(items(first, ROWS)).as("one item per row").isEqualTo(ROWS);
                assetRates.add(ROWS / seconds);
                lines.add(String.format(
                        Locale.ROOT,
                        "asset run %d: %d rows in %.1f s = %.0f rows/s (load before %s, after %s); %s",
                        run + 1,
                        ROWS,
                        seconds,
                        ROWS / seconds,
                        before,
                        load(),
                        used.per(ROWS, "row")));
            } finally {
                Files.deleteIfExists(csv);
            }
        }

        List<Double> firstRates = new ArrayList<>();
        List<Double> repeatRates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int offset = run * INVENTORIES;
            String before = load();
            Cpu start = cpu();
            double first = postInventories(offset, 0);
            String between = load();
            Cpu middle = cpu();
            double repeat = postInventories(offset, 1);
            Cpu end = cpu();
            firstRates.add(first);
            repeatRates.add(repeat);
            lines.add(String.format(
                    Locale.ROOT,
                    "inventory run %d: %d first inventories %.1f/s (load before %s; %s), %d repeats %.1f/s (load"
                            + " before %s, after %s; %s)",
                    run + 1,
                    INVENTORIES,
                    first,
                    before,
                    middle.minus(start).per(INVENTORIES, "inventory"),
                    INVENTORIES,
                    repeat,
                    between,
                    load(),
                    end.minus(middle).per(INVENTORIES, "inventory")));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM agent_device WHERE reports = 2")
                        .query(Long.class)
                        .single())
                .as("every device reported twice, recognised the second time")
                .isEqualTo((long) INVENTORIES * RUNS);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM software_installation i JOIN agent_device a ON a.ci_id = i.ci_id
                        WHERE i.ended_at IS NULL
                        """).query(Long.class).single())
                .as("the software of the second inventory, active")
                .isEqualTo((long) INVENTORIES * RUNS * SOFTWARE);
        assertThat(jdbc.sql("SELECT count(*) FROM software_installation WHERE end_reason = 'NOT_REPORTED'")
                        .query(Long.class)
                        .single())
                .as("the package removed between the two inventories ended on each device")
                .isEqualTo((long) INVENTORIES * RUNS);

        String report = String.format(
                        Locale.ROOT,
                        "asset import: %d rows x %d runs, median %.0f rows/s (runs %s)%n"
                                + "agent inventories: %d devices x %d runs (%d software each, %d clients): first"
                                + " inventory median %.1f/s (runs %s), repeat median %.1f/s (runs %s)%n",
                        ROWS,
                        RUNS,
                        median(assetRates),
                        rounded(assetRates),
                        INVENTORIES,
                        RUNS,
                        SOFTWARE,
                        CLIENTS,
                        median(firstRates),
                        rounded(firstRates),
                        median(repeatRates),
                        rounded(repeatRates))
                + String.join(System.lineSeparator(), lines)
                + System.lineSeparator();
        Files.writeString(Path.of("target", "ingest-benchmark.txt"), report);
        System.out.print(report);
    }

    /** Posts one inventory of each device, {@link #CLIENTS} at a time; inventories per second. */
    private double postInventories(int offset, int round) throws Exception {
        String auth =
                "Basic " + Base64.getEncoder().encodeToString("bench:bench-pass".getBytes(StandardCharsets.UTF_8));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < INVENTORIES; i++) {
            bodies.add(deflate(inventoryXml(offset + i, round).getBytes(StandardCharsets.UTF_8)));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            long started = System.nanoTime();
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(clients.submit(() -> http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/inventory/agent"))
                                .header("Authorization", auth)
                                .header("Content-Type", "application/x-compress-zlib")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> result : results) {
                assertThat(result.get().statusCode()).as(result.get().body()).isEqualTo(200);
            }
            return INVENTORIES / ((System.nanoTime() - started) / 1e9);
        } finally {
            clients.shutdown();
        }
    }

    private long upload(Path csv) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/api/v1/ingest/files?filename=" + csv.getFileName()))
                        .header(
                                "Authorization",
                                "Bearer " + tokens.issue(CMDB_ADMIN).accessToken())
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private static void writeAssets(Path csv, int first, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(AssetFiles.HEADER);
            for (int i = first; i < first + count; i++) {
                out.write(AssetFiles.workstation(i));
            }
        }
    }

    private long items(int first, int count) {
        return jdbc.sql("SELECT count(*) FROM configuration_item WHERE serial_number BETWEEN :from AND :to")
                .param("from", String.format("CZC%07dX", first))
                .param("to", String.format("CZC%07dX", first + count - 1))
                .query(Long.class)
                .single();
    }

    /**
     * CPU time used by this JVM (the application and the test) and by the PostgreSQL server (its postmaster,
     * live processes and reaped children), in seconds: unlike the elapsed time it does not depend on what
     * else the shared machine runs.
     */
    record Cpu(double jvm, double postgres) {

        Cpu minus(Cpu earlier) {
            return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres);
        }

        String per(int units, String unit) {
            return String.format(
                    Locale.ROOT,
                    "CPU %.1f s JVM + %.1f s PostgreSQL = %.0f µs per %s (%.0f %ss/s on 2 idle cores at best)",
                    jvm,
                    postgres,
                    (jvm + postgres) * 1e6 / units,
                    unit,
                    units / ((jvm + postgres) / 2),
                    unit);
        }
    }

    Cpu cpu() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
        double postgres = 0;
        try {
            String postmaster = stat(backend)[1];
            long server = Long.parseLong(postmaster);
            String[] own = stat(server);
            // utime, stime, cutime, cstime of the postmaster: fields 14-17 (index 11-14 after the command)
            for (int i = 11; i <= 14; i++) {
                postgres += Long.parseLong(own[i]);
            }
            try (var children = Files.list(Path.of("/proc"))) {
                for (Path process : children.filter(
                                p -> p.getFileName().toString().matches("\\d+"))
                        .toList()) {
                    try {
                        String[] fields =
                                stat(Long.parseLong(process.getFileName().toString()));
                        if (Long.parseLong(fields[1]) == server) {
                            postgres += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Cpu(jvm, Double.NaN);
        }
        return new Cpu(jvm, postgres / 100.0);
    }

    /** The fields of /proc/pid/stat after the command (index 0 is the state, 1 the parent). */
    private static String[] stat(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
    }

    /** The machine's load average (1, 5, 15 minutes), as the figures depend on it on a shared machine. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    /**
     * A FusionInventory inventory with {@link #SOFTWARE} entries, names shared by every device (as in an
     * office). Round 1 (a later day) upgrades every tenth package, drops package 0 and adds one.
     */
    static String inventoryXml(int device, int round) {
        StringBuilder software = new StringBuilder();
        for (int i = round; i < SOFTWARE + round; i++) {
            software.append("<SOFTWARES><NAME>Package ")
                    .append(i)
                    .append("</NAME><VERSION>1.")
                    .append(i % 7)
                    .append(round == 1 && i % 10 == 0 ? ".1" : "")
                    .append("</VERSION><PUBLISHER>Debian</PUBLISHER></SOFTWARES>");
        }
        String host = "bench-pc" + device;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><REQUEST><CONTENT>"
                + "<HARDWARE><NAME>" + host + "</NAME><MEMORY>16000</MEMORY><OSNAME>Debian GNU/Linux 12</OSNAME>"
                + "</HARDWARE><BIOS><SSN>BENCH" + device + "</SSN></BIOS><CPUS><CORE>4</CORE><NAME>Intel Core i5</NAME>"
                + "</CPUS>" + software + "<VERSIONCLIENT>FusionInventory-Agent_v2.6</VERSIONCLIENT></CONTENT>"
                + "<DEVICEID>" + host + "-2026-01-01-00-00-00</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater();
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
