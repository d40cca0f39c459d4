package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

@IntegrationTest
@AutoConfigureTestRestTemplate
class ActuatorIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    Api api;

    @Test
    void readinessIncludesPostgresAndElasticsearch() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody())
                .contains("\"db\":{\"status\":\"UP\"")
                .contains("\"elasticsearch\":{\"status\":\"UP\"")
                .endsWith("\"status\":\"UP\"}");
    }

    @Test
    void livenessDoesNotDependOnTheDatabases() {
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(liveness.getBody()).doesNotContain("\"db\"").doesNotContain("elasticsearch");
    }

    @Test
    void prometheusScrapeIsServedToAnIntegrationOnly() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .as("not public on the application's port")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        String scrape = api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("application=\"coi-servicedesk\"");
    }

    @Test
    void apiWithoutTokenIsUnauthenticatedProblem() {
        ResponseEntity<String> response = http.getForEntity("/api/v1/tickets", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType())
                .isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(response.getBody()).contains("/problems/unauthenticated");
    }

    @Test
    void openApiDocumentIsServed() {
        ResponseEntity<String> document = http.getForEntity("/v3/api-docs", String.class);
        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(document.getBody()).contains("\"openapi\"");
    }
}
