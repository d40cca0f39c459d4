package pl.krakow.coi.servicedesk.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** Suggestions explain themselves: the deciding words, the categories, and past tickets that led to them. */
@IntegrationTest
class RoutingExplanationIT {

    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser telecom = TestUsers.agent("tomasz.wrobel", "IT-04-4");

    @Autowired
    Api api;

    @Autowired
    RoutingService routing;

    @Test
    void aSuggestionNamesTheWordsAndThePastTicketsBehindIt() {
        JsonNode past = api.as(TestUsers.requester("anna.nowak", "KP-01"))
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title",
                        "Centrala VoIP nie działa w całym budynku",
                        "description",
                        "Od 9:00 żaden telefon stacjonarny na Wielickiej nie ma sygnału, centrala nie odpowiada.",
                        "categoryCode",
                        "VOIP-FAULT"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        long id = past.get("id").asLong();
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "unit",
                        "IT-04-4",
                        "handoverComment",
                        "Brak sygnału na wszystkich aparatach w budynku,"
                                + " restart aparatu bez zmian, problem dotyczy centrali – przekazuję do IT-04-4."))
                .exchange()
                .expectStatus()
                .isOk();
        api.as(telecom)
                .post()
                .uri("/api/v1/tickets/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("resolution", "FIXED", "note", "Zrestartowano bramę SIP u operatora, sygnał wrócił."))
                .exchange()
                .expectStatus()
                .isOk();
        routing.retrain();

        JsonNode answer = api.as(firstLine)
                .post()
                .uri("/api/v1/routing/suggestions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title",
                        "telefony nie dzialaja",
                        "description",
                        "w calym budynku brak sygnalu w telefonach stacjonarnych, centrala padla"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode top = answer.get("suggestions").get(0);
        assertThat(top.get("unit").asString()).isEqualTo("IT-04-4");
        JsonNode text = top.get("reasons").get(0);
        assertThat(text.get("kind").asString()).isEqualTo("TEXT");
        assertThat(text.get("words").toString()).contains("telefon");
        assertThat(text.get("categories").get(0).get("code").asString()).startsWith("VOIP");
        assertThat(text.get("similarTickets").toString())
                .contains(past.get("number").asString());
        assertThat(answer.get("model").get("pastTickets").asInt()).isPositive();
    }

    @Test
    void aCategoryIsAReasonOfItsOwn() {
        JsonNode answer = api.as(firstLine)
                .post()
                .uri("/api/v1/routing/suggestions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("categoryCode", "PKI-CA"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("suggestions").get(0).get("unit").asString()).isEqualTo("IT-04-1");
        assertThat(answer.get("suggestions")
                        .get(0)
                        .get("reasons")
                        .get(0)
                        .get("kind")
                        .asString())
                .isEqualTo("CATEGORY");
        api.as(firstLine)
                .post()
                .uri("/api/v1/routing/suggestions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/routing-query-empty");
    }
}
