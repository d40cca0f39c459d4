package pl.krakow.coi.servicedesk.ingest.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;
import pl.krakow.coi.servicedesk.testing.TestPrograms;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/**
 * A real Prometheus Alertmanager, configured with a webhook receiver pointing at the application (bearer
 * token of an integration), gets alerts through its HTTP API and notifies the application: incidents open
 * on the CI, repeats and flaps update the same incident, a resolved alert resolves it.
 */
@IntegrationTest(properties = {"servicedesk.ingest.alerts.flap-grace=10m"})
@NeedsOutsidePrograms
class AlertmanagerIT {

    static final CurrentUser MONITORING =
            new CurrentUser("prometheus", "Prometheus", EnumSet.of(Role.INTEGRATION), Optional.empty());
    static Process alertmanager;
    static Path directory;

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CmdbService cmdb;

    @Autowired
    LocalTokenIssuer issuer;

    static int alertmanagerPort;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void install() {
        TestPrograms.require("prometheus-alertmanager");
    }

    @AfterAll
    static void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    void start() throws Exception {
        if (alertmanager != null) {
            return;
        }
        directory = Files.createTempDirectory("alertmanager");
        try (ServerSocket socket = new ServerSocket(0)) {
            alertmanagerPort = socket.getLocalPort();
        }
        String token = issuer.issue(MONITORING).accessToken();
        Files.writeString(directory.resolve("alertmanager.yml"), """
                route:
                  receiver: servicedesk
                  group_by: ['alertname', 'instance']
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 3s
                receivers:
                  - name: servicedesk
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/alerts/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(port, token));
        alertmanager = new ProcessBuilder(
                        TestPrograms.require("prometheus-alertmanager").toString(),
                        "--config.file=" + directory.resolve("alertmanager.yml"),
                        "--storage.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("alertmanager.log").toFile())
                .start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create(base() + "/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200);
    }

    String base() {
        return "http://127.0.0.1:" + alertmanagerPort;
    }

    void fire(String name, String instance, String severity, Instant endsAt) throws IOException, InterruptedException {
        String body = """
                [{"labels":{"alertname":"%s","instance":"%s","severity":"%s","job":"node"},
                  "annotations":{"summary":"Host %s does not answer"},
                  "startsAt":"%s"%s}]
                """.formatted(
                        name,
                        instance,
                        severity,
                        instance,
                        Instant.now().minusSeconds(60),
                        endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aFiringAlertOpensOneIncidentOnItsItemRepeatsAndFlapsUpdateItAndResolvingResolvesIt() throws Exception {
        start();
        CurrentUser admin = TestUsers.with("cmdb", "IT-01-3", Role.CMDB_ADMIN);
        long server = cmdb.create(
                        CiDetails.builder("SERVER", "SRV-APP-01")
                                .hostname("srv-app-01")
                                .serialNumber("CZ2020ABCD")
                                .build(),
                        CiStatus.IN_USE,
                        admin)
                .id();

        fire("NodeDown", "srv-app-01:9100", "critical", null);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> tickets() == 1);
        var ticket = jdbc.sql("SELECT * FROM ticket").query().singleRow();
        assertThat(ticket.get("channel")).isEqualTo("MONITORING");
        assertThat(ticket.get("configuration_item_id")).isEqualTo(server);
        assertThat(ticket.get("priority")).isEqualTo("P1");
        assertThat(ticket.get("assigned_unit"))
                .as("every ticket enters at the first line")
                .isEqualTo("IT-02-2");
        assertThat(ticket.get("title").toString()).contains("NodeDown").contains("srv-app-01");
        assertThat(jdbc.sql("SELECT body FROM ticket_comment WHERE ticket_id = :id")
                        .param("id", ticket.get("id"))
                        .query(String.class)
                        .list())
                .anySatisfy(body -> assertThat(body).startsWith("Routing suggestion: IT-04-1"));

        // Alertmanager repeats the notification every repeat_interval: the same incident counts it.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> notifications() >= 2);
        assertThat(tickets()).isEqualTo(1);

        fire("NodeDown", "srv-app-01:9100", "critical", Instant.now().minusSeconds(1));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "RESOLVED".equals(status()));
        assertThat(jdbc.sql("SELECT state FROM alert_incident")
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED");

        // It fires again soon after: the same incident is reopened, no new ticket.
        fire("NodeDown", "srv-app-01:9100", "critical", null);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !"RESOLVED".equals(status()));
        assertThat(tickets()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT flaps FROM alert_incident")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT reopen_count FROM ticket")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theWebhookWantsAnIntegrationToken() {
        JsonCalls calls = new JsonCalls(api);
        Map<String, Object> payload = Map.of("version", "4", "status", "firing", "alerts", java.util.List.of());
        api.anonymous()
                .post()
                .uri("/api/v1/alerts/alertmanager")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(payload)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        calls.post(TestUsers.requester("anna.nowak", "KP-01"), "/api/v1/alerts/alertmanager", payload)
                .problem(403, "forbidden");
        calls.post(MONITORING, "/api/v1/alerts/alertmanager", Map.of("version", "3", "alerts", java.util.List.of()))
                .problem(400, "unsupported-payload-version");
    }

    long tickets() {
        return jdbc.sql("SELECT count(*) FROM ticket").query(Long.class).single();
    }

    int notifications() {
        return jdbc.sql("SELECT coalesce(max(notifications), 0) FROM alert_incident")
                .query(Integer.class)
                .single();
    }

    String status() {
        return jdbc.sql("SELECT status FROM ticket").query(String.class).single();
    }
}
