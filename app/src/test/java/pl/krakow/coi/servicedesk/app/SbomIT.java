package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CycloneDX SBOM that {@code ./mvnw verify} writes into the app's jar, served by the actuator to the
 * roles that read its other internals (ADR 0083).
 */
@IntegrationTest
class SbomIT {

    @Autowired
    Api api;

    @Test
    void theBuildPutTheBomIntoTheJar() {
        assertThat(new ClassPathResource("META-INF/sbom/application.cdx.json").exists())
                .as("written at generate-resources by the cyclonedx-maven-plugin, which Maven skips when offline"
                        + " (-o): build without -o")
                .isTrue();
    }

    @Test
    void anAdminReadsTheApplicationsCycloneDxBom() {
        String body = api.as(TestUsers.admin("sbom-admin"))
                .get()
                .uri("/actuator/sbom/application")
                .accept(MediaType.ALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        JsonNode bom = JsonMapper.builder().build().readTree(body);
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("name").asString())
                .isEqualTo("servicedesk-app");
        List<String> components = StreamSupport.stream(bom.path("components").spliterator(), false)
                .map(c -> c.path("group").asString() + ":" + c.path("name").asString() + ":"
                        + c.path("version").asString())
                .toList();
        assertThat(components)
                .anySatisfy(c -> assertThat(c).matches("org\\.springframework:spring-core:7\\.\\d+\\.\\d+.*"))
                .anySatisfy(c -> assertThat(c).matches("pl\\.krakow\\.coi:servicedesk-core:\\d+\\.\\d+\\.\\d+.*"))
                .anySatisfy(c -> assertThat(c).startsWith("pl.krakow.coi:servicedesk-ingest:"))
                .anySatisfy(c -> assertThat(c).startsWith("pl.krakow.coi:servicedesk-reporting:"))
                .as("the test classpath is not shipped")
                .noneSatisfy(c -> assertThat(c).contains(":junit-jupiter-api:"));
    }

    @Test
    void anIntegrationListsTheBoms() {
        api.scraper()
                .get()
                .uri("/actuator/sbom")
                .accept(MediaType.ALL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(ids -> assertThat(ids).contains("application"));
    }

    @Test
    void neitherAnonymousCallersNorOtherRolesReadIt() {
        api.anonymous()
                .get()
                .uri("/actuator/sbom/application")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        for (var user : List.of(
                TestUsers.requester("sbom-requester", "UM-WO"),
                TestUsers.agent("sbom-agent", "IT-02-2"),
                TestUsers.with("sbom-manager", "COI-DYR", Role.MANAGER, Role.CMDB_ADMIN))) {
            api.as(user)
                    .get()
                    .uri("/actuator/sbom/application")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
    }
}
