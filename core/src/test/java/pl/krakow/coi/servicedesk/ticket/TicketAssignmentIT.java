package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** A ticket is assigned only to an active person of the unit holding it, as the people register knows them. */
@IntegrationTest
class TicketAssignmentIT {

    static final String NOT_ELIGIBLE = "assignee-not-eligible";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Autowired
    People people;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @BeforeEach
    void register() {
        Instant now = Instant.now();
        people.upsert("marta.nowicka", "Marta Nowicka", "marta.nowicka@um.krakow.pl", "IT-02-2", "manual", now);
        people.upsert("ewa.zielinska", "Ewa Zielińska", null, "IT-04-2", "manual", now);
        people.upsert("adam.odszedl", "Adam Odszedł", null, "IT-02-2", "manual", now);
        people.deactivateMissing("manual", java.util.List.of("marta.nowicka", "ewa.zielinska"), now);
    }

    @Test
    void anActivePersonOfTheHoldingUnitIsAssignedUnderTheRegistersName() {
        long id = file();
        JsonNode assigned = http().post(
                        firstLine,
                        "/api/v1/tickets/{id}/assign",
                        Map.of("assignee", "marta.nowicka", "assigneeName", "Ktoś Zupełnie Inny"),
                        id)
                .expect(200)
                .body();
        assertThat(assigned.get("assignee").asString()).isEqualTo("marta.nowicka");
        assertThat(assigned.get("assigneeName").asString()).isEqualTo("Marta Nowicka");
    }

    @Test
    void anyoneElseIsRefusedWithAStableProblem() {
        long id = file();
        for (String who : new String[] {"nieznany.ktos", "adam.odszedl", "ewa.zielinska"}) {
            JsonNode problem = http().post(firstLine, "/api/v1/tickets/{id}/assign", Map.of("assignee", who), id)
                    .problem(422, NOT_ELIGIBLE)
                    .body();
            assertThat(problem.get("assignee").asString()).isEqualTo(who);
            assertThat(problem.get("unit").asString()).isEqualTo("IT-02-2");
        }
        assertThat(http().get(firstLine, "/api/v1/tickets/{id}", id).body().has("assignee"))
                .as("still unassigned")
                .isFalse();
    }

    @Test
    void anAgentStillTakesATicketThemselves() {
        long id = file();
        JsonNode assigned = http().post(firstLine, "/api/v1/tickets/{id}/assign", Map.of("assignee", "me"), id)
                .expect(200)
                .body();
        assertThat(assigned.get("assignee").asString()).isEqualTo("jan.kowalski");
    }

    private long file() {
        return http().post(
                        anna,
                        "/api/v1/tickets",
                        Map.of("title", "Drukarka nie drukuje", "description", "Drukarka na 2. piętrze stoi."))
                .expect(201)
                .id();
    }
}
