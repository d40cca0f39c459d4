package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * As the Helm chart runs it: the actuator on a management port of its own. There Prometheus scrapes
 * without a token and the kubelet probes health; the application's port, the one the Ingress routes,
 * serves no actuator at all, and {@code /actuator/metrics} and {@code /actuator/sbom} still want an admin's
 * token.
 */
@IntegrationTest(properties = "management.server.port=0")
class ManagementPortIT {

    @LocalServerPort
    int applicationPort;

    @LocalManagementPort
    int managementPort;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheManagementPortWithoutAToken() throws Exception {
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "application=\"coi-servicedesk\"");
    }

    @Test
    void theProbesAnswerOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(applicationPort);
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode())
                .isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theMetricsEndpointStillWantsAToken() throws Exception {
        assertThat(get(managementPort, "/actuator/metrics").statusCode()).isEqualTo(401);
    }

    @Test
    void theSbomStillWantsAToken() throws Exception {
        // Only the scrape is open on the management port; the SBOM is for admins and integrations (ADR 0083).
        assertThat(get(managementPort, "/actuator/sbom/application").statusCode())
                .isEqualTo(401);
    }

    @Test
    void theApplicationsPortServesNoActuator() throws Exception {
        assertThat(get(applicationPort, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(applicationPort, "/actuator/metrics").statusCode()).isIn(401, 404);
        assertThat(get(applicationPort, "/actuator/health").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/plain, application/json, */*")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
