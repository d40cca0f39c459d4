package pl.krakow.coi.servicedesk.ingest.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.IngestCalls;
import pl.krakow.coi.servicedesk.ingest.assets.AssetFiles;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Throughput of the asset import (rows/s) and of agent inventories (inventories/s, ~800 software entries
 * each). The normal suite runs a smoke size; the benchmark (BENCHMARKS.md):
 * {@code -Dit.test=IngestThroughputIT -Dingest.benchmark.rows=1000000 -Dingest.benchmark.inventories=200
 * -Dingest.benchmark.runs=3}. Figures (median of the runs) go to {@code ingest/target/ingest-benchmark.txt}.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.agent.username=bench",
            "servicedesk.ingest.agent.password=bench-pass",
            "servicedesk.ingest.worker.poll-interval=100ms"
        })
class IngestThroughputIT {

    static final CurrentUser CMDB_ADMIN = TestUsers.with("bench.cmdb", "IT-01-3", Role.CMDB_ADMIN);
    static final int ROWS = Integer.getInteger("ingest.benchmark.rows", 20_000);
    static final int INVENTORIES = Integer.getInteger("ingest.benchmark.inventories", 20);
    static final int RUNS = Integer.getInteger("ingest.benchmark.runs", 1);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void assetImportAndAgentInventoryThroughput() throws Exception {
        IngestCalls ingest = new IngestCalls(api);
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int first = 1_000_000 * (run + 1);
            long file = ingest.upload(CMDB_ADMIN, "bench-" + run + ".csv", AssetFiles.workstations(first, ROWS));
            long started = System.nanoTime();
            long id = ingest.launch(CMDB_ADMIN, "asset-import", file, Map.of())
                    .expect(202)
                    .id();
            JsonNode done = ingest.await(CMDB_ADMIN, id, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(done.get("written").asLong()).isEqualTo(ROWS);
            rates.add(ROWS / seconds);
        }
        double assetRate = median(rates);

        String template = inventoryXml();
        List<Double> inventoryRates = new ArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String auth =
                "Basic " + Base64.getEncoder().encodeToString("bench:bench-pass".getBytes(StandardCharsets.UTF_8));
        for (int run = 0; run < RUNS; run++) {
            int offset = run * INVENTORIES;
            ExecutorService clients = Executors.newFixedThreadPool(4);
            long started = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < INVENTORIES; i++) {
                int n = offset + i;
                byte[] body = deflate(template.replace("BENCHHOST", "bench-pc" + n)
                        .replace("BENCHDEVICE", "bench-pc" + n + "-2026-01-01-00-00-00")
                        .getBytes(StandardCharsets.UTF_8));
                results.add(clients.submit(() -> http.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                "http://localhost:" + port + "/api/v1/inventory/agent"))
                                        .header("Authorization", auth)
                                        .header("Content-Type", "application/x-compress-zlib")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            clients.shutdown();
            inventoryRates.add(INVENTORIES / seconds);
        }
        double inventoryRate = median(inventoryRates);
        assertThat(jdbc.sql("SELECT count(*) FROM agent_device")
                        .query(Long.class)
                        .single())
                .isEqualTo((long) INVENTORIES * RUNS);
        String report = String.format(
                "asset import: %d rows x %d runs, median %.0f rows/s (runs %s)%n"
                        + "agent inventories: %d x %d runs (800 software each, 4 clients), median %.1f inventories/s (runs %s)%n",
                ROWS, RUNS, assetRate, rates, INVENTORIES, RUNS, inventoryRate, inventoryRates);
        Files.writeString(Path.of("target", "ingest-benchmark.txt"), report);
        System.out.print(report);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A FusionInventory inventory with ~800 software entries (names shared by every device, as in an office). */
    static String inventoryXml() {
        StringBuilder software = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            software.append("<SOFTWARES><NAME>Package ")
                    .append(i)
                    .append("</NAME><VERSION>1.")
                    .append(i % 7)
                    .append("</VERSION><PUBLISHER>Debian</PUBLISHER></SOFTWARES>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><REQUEST><CONTENT>"
                + "<HARDWARE><NAME>BENCHHOST</NAME><MEMORY>16000</MEMORY><OSNAME>Debian GNU/Linux 12</OSNAME></HARDWARE>"
                + "<BIOS><SSN></SSN></BIOS><CPUS><CORE>4</CORE><NAME>Intel Core i5</NAME></CPUS>"
                + software + "<VERSIONCLIENT>FusionInventory-Agent_v2.6</VERSIONCLIENT></CONTENT>"
                + "<DEVICEID>BENCHDEVICE</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
    }

    static byte[] deflate(byte[] content) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(content);
        deflater.finish();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }
}
