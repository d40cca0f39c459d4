package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.sla.BusinessCalendar;
import pl.krakow.coi.servicedesk.sla.OpeningHours;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Remote hands as IT-04-2's queue (§13.8): due times from the configured target in business time,
 * assignment to people of the unit, completion by the provider only, cancellation by hand and with the
 * ticket, each recorded in the ticket's history.
 */
@IntegrationTest(properties = "servicedesk.remote-hands.target=2h")
class RemoteHandsQueueIT {

    static final String PROBLEMS = "https://servicedesk.coi.krakow.pl/problems/";

    /** The seeded calendar WARSAW-OFFICE: Monday to Friday 07:30–15:30 in Warsaw, public holidays closed. */
    static final BusinessCalendar OFFICE = BusinessCalendar.officeHours(
            "WARSAW-OFFICE", "Office", ZoneId.of("Europe/Warsaw"), OpeningHours.of("07:30", "15:30"));

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser ewa = TestUsers.agent("ewa.zielinska", "IT-04-2");
    final CurrentUser adam = TestUsers.agent("adam.krol", "IT-04-2");
    final CurrentUser supportHead = TestUsers.manager("kierownik.it042", "IT-04-2");
    final CurrentUser infrastructure = TestUsers.agent("marek.lis", "IT-04-1");
    final CurrentUser telecom = TestUsers.agent("tomasz.wrobel", "IT-04-4");
    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");

    @Autowired
    Api api;

    @Autowired
    People people;

    @BeforeEach
    void register() {
        Instant now = Instant.now();
        people.upsert("ewa.zielinska", "Ewa Zielińska", null, "IT-04-2", "manual", now);
        people.upsert("adam.krol", "Adam Król", null, "IT-04-2", "manual", now);
        people.upsert("kierownik.it042", "Kierownik IT-04-2", null, "IT-04-2", "manual", now);
        people.upsert("marek.lis", "Marek Lis", null, "IT-04-1", "manual", now);
        people.upsert("odszedl.z.it042", "Odszedł", null, "IT-04-2", "gone", now);
        people.deactivateMissing("gone", List.of(), now);
    }

    @Test
    void theProvidingUnitReadsItsOpenTasksByDueTimeTheTargetInBusinessTime() {
        long first = ticketAt("IT-04-1");
        long second = ticketAt("IT-04-4");
        JsonNode a = request(infrastructure, first, "Proszę sprawdzić drukarkę w pokoju 214 na miejscu.");
        JsonNode b = request(telecom, second, "Proszę przełączyć komputer do gniazda 105-B na czas naprawy.");

        for (JsonNode task : List.of(a, b)) {
            Instant created = Instant.parse(task.get("createdAt").asString());
            assertThat(Instant.parse(task.get("dueAt").asString()))
                    .as("two hours of office time after the request")
                    .isEqualTo(OFFICE.plusBusinessTime(created, Duration.ofHours(2)));
            assertThat(task.get("status").asString()).isEqualTo("OPEN");
            assertThat(task.get("overdue").asBoolean()).isFalse();
        }

        JsonNode page = queue(ewa, "?unit=IT-04-2&open=true&size=100");
        List<Long> ids = ids(page);
        assertThat(ids).contains(a.get("id").asLong(), b.get("id").asLong());
        assertThat(page.get("total").asLong()).isEqualTo(ids.size());
        List<Instant> due = new ArrayList<>();
        page.get("items")
                .forEach(item -> due.add(Instant.parse(item.get("dueAt").asString())));
        assertThat(due).as("soonest due first").isSorted();
        page.get("items")
                .forEach(item -> assertThat(item.get("status").asString()).isEqualTo("OPEN"));

        assertThat(ids(queue(ewa, "?open=true&size=100")))
                .as("the caller's unit by default")
                .isEqualTo(ids);
        assertThat(ids(queue(supportHead, "?unit=IT-04-2&open=true&size=100"))).isEqualTo(ids);
        assertThat(ids(queue(director, "?unit=IT-04-2&open=true&size=100"))).isEqualTo(ids);
        assertThat(ids(queue(ewa, "?unit=IT-04-2&open=true&size=1"))).hasSize(1);

        problem(api.as(infrastructure).get().uri("/api/v1/remote-hands?unit=IT-04-2"), 403, "action-not-allowed");
        problem(api.as(anna).get().uri("/api/v1/remote-hands?unit=IT-04-2"), 403, "action-not-allowed");
        problem(api.as(ewa).get().uri("/api/v1/remote-hands?size=101"), 400, "invalid-page-size");
    }

    @Test
    void aTaskIsAssignedToAnActivePersonOfTheProvidingUnitAndOnlyTheAssigneeCompletesIt() {
        long id = ticketAt("IT-04-1");
        long task = request(infrastructure, id, "Proszę wymienić kabel zasilający w pokoju 12.")
                .get("id")
                .asLong();

        problem(assign(infrastructure, id, task, Map.of("assignee", "ewa.zielinska")), 403, "action-not-allowed");
        problem(assign(ewa, id, task, Map.of("assignee", "marek.lis")), 422, "assignee-not-eligible");
        problem(assign(ewa, id, task, Map.of("assignee", "odszedl.z.it042")), 422, "assignee-not-eligible");
        problem(assign(ewa, id, task, Map.of("assignee", "nikt.taki")), 422, "assignee-not-eligible");

        JsonNode mine = ok(assign(ewa, id, task, Map.of("assignee", "me")));
        assertThat(mine.get("assignee").asString()).isEqualTo("ewa.zielinska");
        assertThat(mine.get("assigneeName").asString()).isEqualTo("Ewa Zielińska");
        assertThat(ids(queue(ewa, "?open=true&assignee=me"))).contains(task);
        assertThat(ids(queue(adam, "?open=true&assignee=me"))).doesNotContain(task);
        assertThat(ids(queue(adam, "?open=true&assignee=none"))).doesNotContain(task);

        JsonNode passedOn = ok(assign(supportHead, id, task, Map.of("assignee", "adam.krol")));
        assertThat(passedOn.get("assignee").asString()).isEqualTo("adam.krol");

        problem(complete(ewa, id, task), 403, "action-not-allowed");
        problem(complete(infrastructure, id, task), 403, "action-not-allowed");
        JsonNode done = ok(complete(adam, id, task));
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("completedBy").asString()).isEqualTo("adam.krol");
        problem(complete(adam, id, task), 409, "task-not-open");
        problem(assign(adam, id, task, Map.of("assignee", "me")), 409, "task-not-open");
        assertThat(ids(queue(adam, "?open=true&size=100"))).doesNotContain(task);
        assertThat(ids(queue(adam, "?open=false&size=100"))).contains(task);

        List<JsonNode> assigned = events(id, "REMOTE_HANDS_ASSIGNED");
        assertThat(assigned).hasSize(2);
        assertThat(assigned.get(0).get("changes").get("taskAssignee").get("to").asString())
                .isEqualTo("ewa.zielinska");
        assertThat(assigned.get(1)
                        .get("changes")
                        .get("taskAssignee")
                        .get("from")
                        .asString())
                .isEqualTo("ewa.zielinska");
        assertThat(assigned.get(1).get("changes").get("taskAssignee").get("to").asString())
                .isEqualTo("adam.krol");
        assertThat(assigned.get(1).get("actor").get("username").asString()).isEqualTo("kierownik.it042");
        assertThat(assigned.get(1).get("data").get("taskId").asLong()).isEqualTo(task);
        assertThat(events(id, "REMOTE_HANDS_COMPLETED")).hasSize(1);
    }

    @Test
    void theRequestingSideCancelsATaskWithAReason() {
        long id = ticketAt("IT-04-4");
        long task = request(telecom, id, "Proszę przełączyć komputer do gniazda 105-B.")
                .get("id")
                .asLong();

        problem(cancel(ewa, id, task, "Nie nasza sprawa, proszę."), 403, "action-not-allowed");
        problem(cancel(telecom, id, task, ""), 400, "reason-required");
        JsonNode cancelled = ok(cancel(telecom, id, task, "Gniazdo naprawione zdalnie, nie trzeba."));
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelledBy").asString()).isEqualTo("tomasz.wrobel");
        assertThat(cancelled.get("cancelReason").asString()).isEqualTo("Gniazdo naprawione zdalnie, nie trzeba.");
        problem(cancel(telecom, id, task, "Jeszcze raz anuluję to zadanie."), 409, "task-not-open");
        problem(complete(ewa, id, task), 409, "task-not-open");
        assertThat(ids(queue(ewa, "?open=true&size=100"))).doesNotContain(task);

        List<JsonNode> events = events(id, "REMOTE_HANDS_CANCELLED");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("actor").get("username").asString()).isEqualTo("tomasz.wrobel");
        assertThat(events.get(0).get("data").get("taskId").asLong()).isEqualTo(task);
    }

    @Test
    void resolvingTheTicketCancelsItsOpenTasksInItsHistory() {
        long id = ticketAt("IT-04-1");
        long open = request(infrastructure, id, "Proszę sprawdzić zasilacz komputera w pokoju 3.")
                .get("id")
                .asLong();
        long done = request(infrastructure, id, "Proszę odłączyć stary monitor w pokoju 3.")
                .get("id")
                .asLong();
        ok(complete(ewa, id, done));

        ok(api.as(infrastructure)
                .post()
                .uri("/api/v1/tickets/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("resolution", "FIXED", "note", "Wymieniono zasilacz, komputer działa."))
                .exchange());

        JsonNode tasks = tasks(id);
        assertThat(tasks.get(0).get("id").asLong()).isEqualTo(open);
        assertThat(tasks.get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tasks.get(0).get("cancelledBy").asString()).isEqualTo("marek.lis");
        assertThat(tasks.get(1).get("status").asString())
                .as("a done task stays done")
                .isEqualTo("DONE");
        List<JsonNode> cancelled = events(id, "REMOTE_HANDS_CANCELLED");
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).get("data").get("taskId").asLong()).isEqualTo(open);
        assertThat(cancelled.get(0).get("data").get("reason").asString()).isEqualTo("The ticket was resolved");
        assertThat(ids(queue(ewa, "?open=true&size=100"))).doesNotContain(open);
        problem(complete(ewa, id, open), 409, "task-not-open");
    }

    @Test
    void cancellingTheTicketCancelsItsOpenTasks() {
        long id = ticketAt("IT-04-4");
        long task = request(telecom, id, "Proszę sprawdzić gniazdo sieciowe w pokoju 7.")
                .get("id")
                .asLong();

        ok(api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/cancel", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Zgłoszenie nieaktualne, sieć wróciła."))
                .exchange());

        assertThat(tasks(id).get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tasks(id).get(0).get("id").asLong()).isEqualTo(task);
        List<JsonNode> cancelled = events(id, "REMOTE_HANDS_CANCELLED");
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).get("actor").get("username").asString()).isEqualTo("anna.nowak");
    }

    private long ticketAt(String unit) {
        long id = api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Brak sieci w pokoju 105", "description", "Komputer nie ma sieci od rana."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
        ok(api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", unit, "handoverComment", TicketApiIT.HANDOVER))
                .exchange());
        return id;
    }

    private JsonNode request(CurrentUser who, long id, String text) {
        return api.as(who)
                .post()
                .uri("/api/v1/tickets/{id}/remote-hands", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private RestTestClient.ResponseSpec assign(CurrentUser who, long id, long task, Map<String, String> body) {
        return api.as(who)
                .post()
                .uri("/api/v1/tickets/{id}/remote-hands/{task}/assign", id, task)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private RestTestClient.ResponseSpec complete(CurrentUser who, long id, long task) {
        return api.as(who)
                .post()
                .uri("/api/v1/tickets/{id}/remote-hands/{task}/complete", id, task)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("note", "Zrobione na miejscu."))
                .exchange();
    }

    private RestTestClient.ResponseSpec cancel(CurrentUser who, long id, long task, String reason) {
        return api.as(who)
                .post()
                .uri("/api/v1/tickets/{id}/remote-hands/{task}/cancel", id, task)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason))
                .exchange();
    }

    private JsonNode queue(CurrentUser who, String query) {
        return ok(api.as(who).get().uri("/api/v1/remote-hands" + query).exchange());
    }

    private JsonNode tasks(long id) {
        return ok(api.as(director)
                .get()
                .uri("/api/v1/tickets/{id}/remote-hands", id)
                .exchange());
    }

    private List<JsonNode> events(long id, String type) {
        JsonNode history = ok(
                api.as(director).get().uri("/api/v1/tickets/{id}/history", id).exchange());
        List<JsonNode> events = new ArrayList<>();
        history.forEach(e -> {
            if (e.get("type").asString().equals(type)) {
                events.add(e);
            }
        });
        return events;
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static JsonNode ok(RestTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static void problem(RestTestClient.RequestHeadersSpec<?> request, int status, String type) {
        problem(request.exchange(), status, type);
    }

    private static void problem(RestTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + type);
    }
}
