package pl.krakow.coi.servicedesk.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.item;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Routing suggestions carry only what the caller may see: the similar past tickets are those the
 * caller may open, and the affected item's name and supporting unit only for those who read the CMDB.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingSuggestionsVisibilityIT {

    static final String PHISHING = "Kliknąłem w link z maila podszywającego się pod bank i podałem hasło."
            + " Fałszywy bank, podejrzany mail, phishing, wyłudzenie danych logowania.";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-02");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser security = TestUsers.agent("olga.sowa", "IT-02-1");
    final CurrentUser servers = TestUsers.agent("tomasz.serwer", "IT-04-1");
    final CurrentUser director = TestUsers.manager("dyrektor", "COI-DYR");

    @Autowired
    Api api;

    @Autowired
    RoutingService routing;

    String annasIncident;
    String piotrsIncident;
    long server;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @BeforeAll
    void pastSecurityIncidentsOfTwoPeople() {
        annasIncident = resolvedSecurityIncident(anna, "Podejrzany mail z fałszywego banku");
        piotrsIncident = resolvedSecurityIncident(piotr, "Fałszywy bank w mailu, podałem hasło");
        server = http().post(CMDB_ADMIN, "/api/v1/cis", with(item("SERVER", "SRV-KADRY-07"), "cores", 16))
                .expect(201)
                .id();
        routing.retrain();
    }

    @Test
    void aRequesterIsShownOnlyTheirOwnPastTickets() {
        assertThat(similarTickets(suggest(piotr, Map.of("title", "Podejrzany mail", "description", PHISHING))))
                .as("piotr's own incident, not anna's")
                .containsExactly(piotrsIncident);
        assertThat(similarTickets(suggest(anna, Map.of("title", "Podejrzany mail", "description", PHISHING))))
                .containsExactly(annasIncident);
    }

    @Test
    void aUnitThatNeverHeldThemIsNotShownSecurityIncidents() {
        assertThat(similarTickets(suggest(servers, Map.of("title", "Podejrzany mail", "description", PHISHING))))
                .isEmpty();
    }

    @Test
    void cybersecurityAndTheDirectorAreShownEverySecurityIncident() {
        for (CurrentUser user : List.of(security, director)) {
            assertThat(similarTickets(suggest(user, Map.of("title", "Podejrzany mail", "description", PHISHING))))
                    .as(user.username())
                    .containsExactlyInAnyOrder(annasIncident, piotrsIncident);
        }
    }

    @Test
    void aRequesterLearnsNeitherTheNameNorTheSupportingUnitOfAnItem() {
        Map<String, Object> query = Map.of("configurationItemId", server);
        JsonNode forRequester = suggest(anna, query);
        assertThat(forRequester.get("suggestions").toString())
                .doesNotContain("SRV-KADRY-07")
                .doesNotContain("CONFIGURATION_ITEM")
                .doesNotContain("IT-04-1");

        JsonNode forAgent = suggest(firstLine, query);
        assertThat(forAgent.get("suggestions").get(0).get("unit").asString()).isEqualTo("IT-04-1");
        assertThat(forAgent.get("suggestions").toString()).contains("CONFIGURATION_ITEM", "SRV-KADRY-07");
    }

    @Test
    void aTicketsOwnSuggestionsFollowTheSameRule() {
        long ticket = http().post(
                        piotr,
                        "/api/v1/tickets",
                        Map.of("title", "Podejrzany mail", "description", PHISHING, "configurationItemId", server))
                .expect(201)
                .id();
        JsonNode forPiotr = http().get(piotr, "/api/v1/tickets/{id}/routing-suggestions", ticket)
                .expect(200)
                .body();
        assertThat(similarTickets(forPiotr)).doesNotContain(annasIncident);
        assertThat(forPiotr.get("suggestions").toString()).doesNotContain("SRV-KADRY-07");
    }

    private String resolvedSecurityIncident(CurrentUser requester, String title) {
        JsonNode filed = http().post(
                        requester,
                        "/api/v1/tickets",
                        Map.of(
                                "type",
                                "SECURITY_INCIDENT",
                                "categoryCode",
                                "SEC-PHISHING",
                                "title",
                                title,
                                "description",
                                PHISHING))
                .expect(201)
                .body();
        // Every ticket enters at the first line, which hands a suspected security incident to IT-02-1.
        http().post(
                        firstLine,
                        "/api/v1/tickets/{id}/escalate",
                        Map.of(
                                "unit",
                                "IT-02-1",
                                "handoverComment",
                                "Użytkownik potwierdził telefonicznie wpisanie hasła na stronie z linku; konto"
                                        + " nadal aktywne, prośba o blokadę i analizę logowań."),
                        filed.get("id").asLong())
                .expect(200);
        http().post(
                        security,
                        "/api/v1/tickets/{id}/resolve",
                        Map.of("resolution", "FIXED", "note", "Zablokowano konto, zmieniono hasło, zgłoszono do CERT."),
                        filed.get("id").asLong())
                .expect(200);
        return filed.get("number").asString();
    }

    private JsonNode suggest(CurrentUser user, Map<String, Object> query) {
        return http().post(user, "/api/v1/routing/suggestions", query)
                .expect(200)
                .body();
    }

    private static List<String> similarTickets(JsonNode answer) {
        List<String> numbers = new ArrayList<>();
        for (JsonNode suggestion : answer.get("suggestions")) {
            for (JsonNode reason : suggestion.get("reasons")) {
                if (reason.has("similarTickets")) {
                    reason.get("similarTickets").forEach(n -> numbers.add(n.asString()));
                }
            }
        }
        return numbers;
    }
}
