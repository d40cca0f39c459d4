package pl.krakow.coi.servicedesk.ingest.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;
import pl.krakow.coi.servicedesk.testing.TestPrograms;
import tools.jackson.databind.JsonNode;

/**
 * The real FusionInventory agent posts its inventory of this machine to the running application; the
 * GLPI agent's JSON format, broken and oversized payloads and missing credentials are tested by hand.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.agent.username=agent",
            "servicedesk.ingest.agent.password=s3cret-agent",
            "servicedesk.ingest.agent.max-payload=2MB"
        })
@NeedsOutsidePrograms
class AgentInventoryIT {

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRealFusionInventoryAgentRegistersThisMachineWithItsSoftwareOnce() throws Exception {
        Path agent = TestPrograms.require("fusioninventory-agent");
        Path vardir = Files.createTempDirectory("fusioninventory-var");
        runAgent(agent, vardir);

        var device = jdbc.sql("SELECT * FROM agent_device").query().singleRow();
        long ciId = (Long) device.get("ci_id");
        var ci = jdbc.sql("SELECT * FROM configuration_item WHERE id = :id")
                .param("id", ciId)
                .query()
                .singleRow();
        String hostname =
                java.net.InetAddress.getLocalHost().getHostName().toLowerCase().split("\\.")[0];
        assertThat(ci.get("hostname")).isEqualTo(hostname);
        assertThat(ci.get("agent_device_id")).isEqualTo(device.get("device_id"));
        assertThat(ci.get("class_code").toString()).isIn("WORKSTATION", "VIRTUAL_MACHINE", "SERVER", "LAPTOP");
        assertThat(ci.get("attributes").toString()).contains("ramGb").contains("operatingSystem");
        long software = activeSoftware(ciId);
        assertThat(software).as("dpkg packages of this machine").isGreaterThan(100);
        assertThat(device.get("software_count")).isEqualTo((int) software);
        assertThat(jdbc.sql("SELECT count(*) FROM software_raw_name")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(software);

        runAgent(agent, vardir);
        assertThat(jdbc.sql("SELECT count(*) FROM configuration_item")
                        .query(Long.class)
                        .single())
                .as("the second inventory recognises the device")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT reports FROM agent_device")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(activeSoftware(ciId)).isEqualTo(software);
    }

    @Test
    void aGlpiJsonInventoryCreatesTheDeviceAndEndsSoftwareNoLongerReported() {
        String first =
                glpi("glpi-pc-01", "5CG1234ABC", List.of("LibreOffice 7.6.4.1", "7-Zip 23.01", "Mozilla Firefox"));
        byte[] answer = post(first.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON, 200);
        assertThat(new String(answer, StandardCharsets.UTF_8)).contains("\"status\":\"ok\"");
        long ciId = jdbc.sql("SELECT id FROM configuration_item WHERE serial_number = '5CG1234ABC'")
                .query(Long.class)
                .single();
        assertThat(activeSoftware(ciId)).isEqualTo(3);
        var ci = jdbc.sql("SELECT * FROM configuration_item WHERE id = :id")
                .param("id", ciId)
                .query()
                .singleRow();
        assertThat(ci.get("hostname")).isEqualTo("glpi-pc-01");
        assertThat(ci.get("cores")).isEqualTo(4);
        assertThat(ci.get("attributes").toString()).contains("\"ramGb\": 16");

        post(
                glpi("glpi-pc-01", "5CG1234ABC", List.of("LibreOffice 7.6.4.1", "7-Zip 23.01"))
                        .getBytes(StandardCharsets.UTF_8),
                MediaType.APPLICATION_JSON,
                200);
        assertThat(activeSoftware(ciId)).isEqualTo(2);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM software_installation WHERE ci_id = :id AND end_reason = 'NOT_REPORTED'")
                        .param("id", ciId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void brokenOversizedAndUnauthenticatedPayloadsAreRefusedAndNothingIsWritten() {
        long before = jdbc.sql("SELECT count(*) FROM configuration_item")
                .query(Long.class)
                .single();
        byte[] zlib = deflate(glpi("broken-pc", "BROKEN123", List.of("x")).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(zlib, zlib.length / 2);
        JsonNode problem = json(post(truncated, MediaType.parseMediaType("application/x-compress-zlib"), 400));
        assertThat(problem.get("type").asString()).endsWith("/malformed-inventory");
        byte[] corrupt = zlib.clone();
        for (int i = 10; i < corrupt.length - 4; i++) {
            corrupt[i] = (byte) (corrupt[i] ^ 0x5A);
        }
        assertThat(json(post(corrupt, MediaType.parseMediaType("application/x-compress-zlib"), 400))
                        .get("detail")
                        .asString())
                .contains("zlib");
        assertThat(json(post(
                                "<REQUEST><QUERY>INVENTORY".getBytes(StandardCharsets.UTF_8),
                                MediaType.APPLICATION_XML,
                                400))
                        .get("detail")
                        .asString())
                .contains("XML");
        byte[] huge = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        assertThat(json(post(huge, MediaType.APPLICATION_JSON, 413)).get("type").asString())
                .endsWith("/inventory-too-large");
        api.anonymous()
                .post()
                .uri("/api/v1/inventory/agent")
                .contentType(MediaType.APPLICATION_JSON)
                .body(glpi("anon", "ANON1", List.of()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches("WWW-Authenticate", "Basic realm=.*");
        assertThat(jdbc.sql("SELECT count(*) FROM configuration_item")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private void runAgent(Path agent, Path vardir) throws Exception {
        Process process = new ProcessBuilder(
                        agent.toString(),
                        "--server=http://localhost:" + port + "/api/v1/inventory/agent",
                        "--user=agent",
                        "--password=s3cret-agent",
                        "--tasks=inventory",
                        "--force",
                        "--no-ssl-check",
                        "--logger=stderr",
                        "--debug")
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(log);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("agent finished").isTrue();
        reader.join(5000);
        String output = log.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("agent exit status; log:\n%s", output)
                .isZero();
        assertThat(output).doesNotContain("[error]");
    }

    private long activeSoftware(long ciId) {
        return jdbc.sql("SELECT count(*) FROM software_installation WHERE ci_id = :id AND ended_at IS NULL")
                .param("id", ciId)
                .query(Long.class)
                .single();
    }

    private byte[] post(byte[] body, MediaType type, int status) {
        RestTestClient client = api.anonymous();
        return client.post()
                .uri("/api/v1/inventory/agent")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("agent:s3cret-agent".getBytes(StandardCharsets.UTF_8)))
                .contentType(type)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode json(byte[] body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
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
        return out.toByteArray();
    }

    /** A GLPI agent inventory (inventory_format JSON) of a workstation. */
    static String glpi(String hostname, String serial, List<String> software) {
        StringBuilder softwares = new StringBuilder();
        for (String name : software) {
            if (!softwares.isEmpty()) {
                softwares.append(',');
            }
            softwares.append("{\"name\":\"").append(name).append("\",\"publisher\":\"Vendor\"}");
        }
        return """
                {"action":"inventory","deviceid":"%s-2026-01-01-10-00-00","itemtype":"Computer",
                 "content":{"versionclient":"GLPI-Agent_v1.7",
                   "hardware":{"name":"%s","uuid":"4c4c4544-0031-3210-8033-b4c04f%06d","memory":16384},
                   "bios":{"ssn":"%s","smanufacturer":"HP","smodel":"EliteDesk 800 G6"},
                   "operatingsystem":{"full_name":"Microsoft Windows 11 Pro","version":"23H2"},
                   "cpus":[{"core":4,"name":"Intel Core i5-10500"}],
                   "networks":[{"macaddr":"3c:52:82:aa:bb:%02x","ipaddress":"10.20.30.40"}],
                   "softwares":[%s]}}
                """.formatted(
                        hostname,
                        hostname,
                        Math.abs(serial.hashCode()) % 1_000_000,
                        serial,
                        Math.abs(serial.hashCode()) % 256,
                        softwares);
    }
}
