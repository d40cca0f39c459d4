package pl.krakow.coi.servicedesk.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * For every category of the service catalogue: a requester files a ticket in it, the first line asks
 * for the routing suggestion and escalates to the suggested unit with a handover comment, and the
 * ticket ends with the unit whose competence covers the category (security incidents too: they enter at
 * the first line like every ticket). Everything through the API.
 */
@IntegrationTest
class CatalogueRoutingIT {

    final CurrentUser requester = TestUsers.requester("katarzyna.mazur", "KP-02");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Test
    void everyCategoryReachesItsCompetentUnit() {
        JsonNode categories = api.as(requester)
                .get()
                .uri("/api/v1/categories")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(categories.size()).as("catalogue size").isGreaterThanOrEqualTo(70);
        List<String> wrong = new ArrayList<>();
        for (JsonNode category : categories) {
            String code = category.get("code").asString();
            String unit = category.get("unitCode").asString();
            JsonNode filed = api.as(requester)
                    .post()
                    .uri("/api/v1/tickets")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "title",
                            category.get("namePl").asString(),
                            "description",
                            "Zgłoszenie w kategorii " + category.get("namePl").asString() + ": "
                                    + String.join(", ", keywords(category)),
                            "categoryCode",
                            code))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            long id = filed.get("id").asLong();
            String reached;
            // Every ticket enters at the first line, a security incident too (ADR 0005).
            assertThat(filed.get("assignedUnit").asString()).isEqualTo("IT-02-2");
            JsonNode suggestions = api.as(firstLine)
                    .get()
                    .uri("/api/v1/tickets/{id}/routing-suggestions", id)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            JsonNode top = suggestions.get("suggestions").get(0);
            assertThat(top.get("reasons").toString()).as(code).contains("CATEGORY");
            JsonNode escalated = api.as(firstLine)
                    .post()
                    .uri("/api/v1/tickets/{id}/escalate", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            Map.of(
                                    "unit",
                                    top.get("unit").asString(),
                                    "handoverComment",
                                    "Zgłoszenie sklasyfikowane jako " + code
                                            + "; pierwsza linia zweryfikowała opis z"
                                            + " użytkownikiem i nie może go rozwiązać zdalnie, przekazuje zgodnie z kompetencją."))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            reached = escalated.get("assignedUnit").asString();
            if (!reached.equals(unit)) {
                wrong.add(code + " reached " + reached + " instead of " + unit);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<String> keywords(JsonNode category) {
        List<String> keywords = new ArrayList<>();
        category.get("keywords").forEach(k -> keywords.add(k.asString()));
        return keywords;
    }
}
