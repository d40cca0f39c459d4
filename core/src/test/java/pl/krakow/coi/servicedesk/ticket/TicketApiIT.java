package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class TicketApiIT {

    static final String HANDOVER = "Zgłaszająca z KP-01 nie może drukować na HP M507 w pokoju 214. Sprawdziłem kolejkę"
            + " wydruku, zrestartowałem usługę bufora i przeinstalowałem sterownik – bez zmian. Potrzebna diagnoza"
            + " sprzętu na miejscu.";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-03");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser userSupport = TestUsers.agent("ewa.zielinska", "IT-04-2");
    final CurrentUser infrastructure = TestUsers.agent("marek.lis", "IT-04-1");
    final CurrentUser telecom = TestUsers.agent("tomasz.wrobel", "IT-04-4");
    final CurrentUser security = TestUsers.agent("olga.sowa", "IT-02-1");
    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");
    final CurrentUser thirdDeputy = TestUsers.manager("zastepca.trzeci", "COI-Z3");
    final CurrentUser strategist = TestUsers.manager("strateg.miejski", "IT-08");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TicketMetrics metrics;

    @Autowired
    DataSource dataSource;

    @Test
    void aUnitsOpenQueueIsReadInQueueOrderFromAnIndex() throws Exception {
        // TicketQueries' query for GET /api/v1/tickets?unit=IT-02-2&open=true&sort=priority as a first-line agent;
        // scans of the whole table are switched off because the test database is too small for the planner to
        // prefer any index.
        String queue = "SELECT t.id FROM ticket t WHERE (t.requester_username = 'jan.kowalski' OR"
                + " (t.handled_by_units @> ARRAY[CAST('IT-02-2' AS varchar)] AND t.type <> 'SECURITY_INCIDENT'))"
                + " AND t.assigned_unit IN ('IT-02-2') AND t.status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')"
                + " ORDER BY t.priority ASC, t.created_at ASC, t.id ASC LIMIT 25 OFFSET 50";
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            statement.execute("SET LOCAL enable_bitmapscan = off");
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + queue)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
        }
        assertThat(plan.toString())
                .as("an ordered scan of the open tickets' index, nothing sorted")
                .contains("Index Scan using ticket_open_queue")
                .doesNotContain("Sort");
    }

    @Test
    void aFiledTicketIsRegisteredAtTheFirstLineWithANumberAndAnETag() {
        var response = api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title", "Drukarka nie drukuje", "description", "HP w pokoju 214 wciąga kilka kartek naraz."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches("ETag", "\"0\"")
                .expectHeader()
                .valueMatches("Location", "/api/v1/tickets/\\d+")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(response.get("number").asString()).matches("INC-\\d{4}-\\d{6}");
        assertThat(response.get("status").asString()).isEqualTo("NEW");
        assertThat(response.get("assignedUnit").asString()).isEqualTo("IT-02-2");
        assertThat(response.get("line").asString()).isEqualTo("FIRST");
        assertThat(response.get("priority").asString()).isEqualTo("P3");
        assertThat(response.get("requester").get("unit").asString()).isEqualTo("KP-01");
        assertThat(response.get("channel").asString()).isEqualTo("PORTAL");

        String number = response.get("number").asString();
        api.as(anna)
                .get()
                .uri("/api/v1/tickets/" + number)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(response.get("id").asLong());
    }

    @Test
    void escalationWithoutHandoverCommentIsA422ProblemAndChangesNothing() {
        long id = file(anna, "Nie działa skaner", "Skaner Fujitsu nie widzi dokumentu.");
        for (Object body :
                List.of(Map.of("unit", "IT-04-2"), Map.of("unit", "IT-04-2", "handoverComment", "do realizacji"))) {
            api.as(firstLine)
                    .post()
                    .uri("/api/v1/tickets/{id}/escalate", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://servicedesk.coi.krakow.pl/problems/escalation-requires-handover")
                    .jsonPath("$.reasons")
                    .isNotEmpty();
        }
        assertThat(ticket(firstLine, id).get("assignedUnit").asString()).isEqualTo("IT-02-2");
    }

    @Test
    void escalationWithHandoverMovesTheTicketAndIsAudited() {
        long id = file(anna, "Drukarka wciąga kilka kartek", "HP M507 w pokoju 214.");
        JsonNode escalated = escalate(id, "IT-04-2");
        assertThat(escalated.get("assignedUnit").asString()).isEqualTo("IT-04-2");
        assertThat(escalated.get("line").asString()).isEqualTo("SECOND");
        assertThat(escalated.get("status").asString()).isEqualTo("ASSIGNED");

        JsonNode history = api.as(firstLine)
                .get()
                .uri("/api/v1/tickets/{id}/history", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode escalation = history.get(1);
        assertThat(escalation.get("type").asString()).isEqualTo("ESCALATED");
        assertThat(escalation.get("actor").get("username").asString()).isEqualTo("jan.kowalski");
        assertThat(escalation.get("changes").get("assignedUnit").get("from").asString())
                .isEqualTo("IT-02-2");
        assertThat(escalation.get("changes").get("assignedUnit").get("to").asString())
                .isEqualTo("IT-04-2");
        assertThat(escalation.get("data").get("handoverComment").asString()).isEqualTo(HANDOVER);

        JsonNode requesterHistory = api.as(anna)
                .get()
                .uri("/api/v1/tickets/{id}/history", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(requesterHistory.toString())
                .as("internal handover is not shown to the requester")
                .doesNotContain("handoverComment");
        JsonNode requesterComments = api.as(anna)
                .get()
                .uri("/api/v1/tickets/{id}/comments", id)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(requesterComments).isEmpty();
    }

    @Test
    void escalationToAUnitThatTakesNoTicketsIsRefused() {
        long id = file(anna, "Pytanie o fakturę", "Kiedy zostanie rozliczona faktura za usługi?");
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", "IT-03-1", "handoverComment", HANDOVER))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/unit-does-not-take-tickets");
    }

    @Test
    void staleIfMatchIsA412AndMissingIfMatchOnPatchIsA428() {
        long id = file(anna, "Monitor mruga", "Monitor Dell mruga co kilka sekund.");
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/assign", id)
                .header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assignee", "me"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
        api.as(firstLine)
                .patch()
                .uri("/api/v1/tickets/{id}", id)
                .header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("urgency", "HIGH"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/stale-version")
                .jsonPath("$.currentVersion")
                .isEqualTo(1);
        api.as(firstLine)
                .patch()
                .uri("/api/v1/tickets/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("urgency", "HIGH"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        api.as(firstLine)
                .patch()
                .uri("/api/v1/tickets/{id}", id)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("urgency", "HIGH", "impact", "HIGH"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.priority")
                .isEqualTo("P1")
                .jsonPath("$.version")
                .isEqualTo(2);
    }

    @Test
    void repeatedPostWithTheSameIdempotencyKeyFilesOneTicket() throws Exception {
        Map<String, String> body =
                Map.of("title", "Brak dostępu do dysku sieciowego", "description", "Dysk S: nie jest podłączony.");
        long first = idempotentPost("klucz-1", body).get("id").asLong();
        RestTestClient.ResponseSpec replay = api.as(piotr)
                .post()
                .uri("/api/v1/tickets")
                .header("Idempotency-Key", "klucz-1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
        replay.expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(first);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit((Callable<Long>)
                        () -> idempotentPost("klucz-2", body).get("id").asLong()));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> result : results) {
                ids.add(result.get());
            }
            assertThat(ids).as("concurrent retries get the same ticket").containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        long tickets = jdbc.sql("SELECT count(*) FROM ticket WHERE requester_username = 'piotr.wisniewski'")
                .query(Long.class)
                .single();
        assertThat(tickets).isEqualTo(2);

        api.as(piotr)
                .post()
                .uri("/api/v1/tickets")
                .header("Idempotency-Key", "klucz-1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Inny", "description", "Inna treść"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/idempotency-key-reused");
    }

    @Test
    void aRequesterSeesOnlyOwnTickets() {
        long annas = file(anna, "Nie działa mysz", "Mysz bezprzewodowa nie reaguje.");
        api.as(piotr)
                .get()
                .uri("/api/v1/tickets/{id}", annas)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/not-found");
        api.as(piotr)
                .get()
                .uri("/api/v1/tickets/{id}/history", annas)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.as(piotr)
                .post()
                .uri("/api/v1/tickets/{id}/comments", annas)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", "to moje?"))
                .exchange()
                .expectStatus()
                .isNotFound();
        JsonNode list = api.as(piotr)
                .get()
                .uri("/api/v1/tickets?size=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        for (JsonNode item : list.get("items")) {
            assertThat(item.get("requesterName").asString()).isEqualTo("Piotr Wisniewski");
        }
    }

    @Test
    void aSuspectedSecurityIncidentIsSeenOnlyByTheFirstLineCybersecurityTheDirectorAndTheDeputies() {
        long id = api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "type",
                        "SECURITY_INCIDENT",
                        "title",
                        "Kliknęłam w link z maila",
                        "description",
                        "Mail podszywał się pod bank; podałam login i hasło."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
        assertThat(ticket(security, id).get("assignedUnit").asString())
                .as("every ticket enters at the first line, which confirms the suspicion")
                .isEqualTo("IT-02-2");
        assertThat(ticket(firstLine, id).get("allowedActions").toString()).contains("escalate");
        api.as(director)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isOk();
        api.as(thirdDeputy)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isOk();
        api.as(anna)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isOk();
        for (CurrentUser outsider : List.of(userSupport, infrastructure, strategist, piotr)) {
            api.as(outsider)
                    .get()
                    .uri("/api/v1/tickets/{id}", id)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            JsonNode list = api.as(outsider)
                    .get()
                    .uri("/api/v1/tickets?type=SECURITY_INCIDENT&size=100")
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(list.get("total").asLong()).as(outsider.username()).isZero();
        }
    }

    @Test
    void anAgentSeesWhatTheUnitHandledAndWorksOnlyWhatTheUnitHolds() {
        long id = file(anna, "Telefon na biurku", "Proszę o podłączenie nowego telefonu VoIP w pokoju 12.");
        api.as(userSupport)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isNotFound();
        escalate(id, "IT-04-2");
        JsonNode view = ticket(userSupport, id);
        assertThat(view.get("allowedActions").toString()).contains("assign", "resolve", "reassign", "hand-back");
        api.as(telecom)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/assign", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assignee", "me"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/action-not-allowed");
        assertThat(ticket(firstLine, id).get("allowedActions").toString()).doesNotContain("resolve");
    }

    @Test
    void secondLineReassignsWithAReasonHandsBackAndAsksForRemoteHands() {
        long id = file(anna, "Brak sieci w pokoju 105", "Komputer nie ma połączenia z siecią od rana.");
        escalate(id, "IT-04-1");
        api.as(infrastructure)
                .post()
                .uri("/api/v1/tickets/{id}/reassign", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", "IT-04-4"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/reason-required");
        JsonNode reassigned = api.as(infrastructure)
                .post()
                .uri("/api/v1/tickets/{id}/reassign", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", "IT-04-4", "reason", "Uszkodzone gniazdo LAN w pokoju 105 – okablowanie."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(reassigned.get("assignedUnit").asString()).isEqualTo("IT-04-4");
        assertThat(reassigned.get("reassignmentCount").asInt()).isEqualTo(1);

        JsonNode task = api.as(telecom)
                .post()
                .uri("/api/v1/tickets/{id}/remote-hands", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Proszę przełączyć komputer do gniazda 105-B na czas naprawy."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(task.get("assignedUnit").asString()).isEqualTo("IT-04-2");
        assertThat(ticket(telecom, id).get("assignedUnit").asString())
                .as("the ticket stays")
                .isEqualTo("IT-04-4");
        JsonNode seenBySupport = ticket(userSupport, id);
        assertThat(seenBySupport.get("allowedActions").toString()).doesNotContain("resolve");
        api.as(infrastructure)
                .post()
                .uri(
                        "/api/v1/tickets/{id}/remote-hands/{task}/complete",
                        id,
                        task.get("id").asLong())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("note", "x"))
                .exchange()
                .expectStatus()
                .isForbidden();
        api.as(userSupport)
                .post()
                .uri(
                        "/api/v1/tickets/{id}/remote-hands/{task}/complete",
                        id,
                        task.get("id").asLong())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("note", "Przełączono do 105-B, działa."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DONE");

        JsonNode back = api.as(telecom)
                .post()
                .uri("/api/v1/tickets/{id}/hand-back", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Gniazdo naprawione, proszę potwierdzić z użytkownikiem."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(back.get("assignedUnit").asString()).isEqualTo("IT-02-2");
        assertThat(back.get("line").asString()).isEqualTo("FIRST");
        assertThat(back.get("handledBy").toString()).contains("IT-04-1", "IT-04-4", "IT-04-2");
    }

    @Test
    void waitingForTheRequesterResolvingClosingAndReopening() {
        long id = file(anna, "Nie mogę się zalogować", "Po zmianie hasła system nie wpuszcza.");
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/wait-for-requester", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Do którego systemu: Windows czy aplikacja dziedzinowa?"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("WAITING_FOR_REQUESTER");
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", "Do Windowsa, na komputerze służbowym."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("IN_PROGRESS");
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("resolution", "FIXED", "note", "sama naprawiłam"))
                .exchange()
                .expectStatus()
                .isForbidden();
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "resolution", "USER_INSTRUCTED", "note", "Odblokowano konto, poinstruowano o zasadach haseł."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("RESOLVED")
                .jsonPath("$.resolvedByLine")
                .isEqualTo("FIRST");
        JsonNode reopened = api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/reopen", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Następnego dnia znów zablokowane."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("status").asString()).isEqualTo("IN_PROGRESS");
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("resolution", "FIXED", "note", "Usunięto zapisane stare hasło z menedżera poświadczeń."))
                .exchange()
                .expectStatus()
                .isOk();
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/close", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CLOSED");
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", "dziękuję"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/invalid-status-transition");
    }

    @Test
    void queueViewsFilterAndPageWithinVisibility() {
        for (int i = 0; i < 3; i++) {
            escalate(file(anna, "Laptop " + i, "Laptop nie ładuje baterii."), "IT-04-2");
        }
        JsonNode queue = api.as(userSupport)
                .get()
                .uri("/api/v1/tickets?unit=IT-04-2&status=ASSIGNED&size=2&sort=priority")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(queue.get("items")).hasSize(2);
        assertThat(queue.get("total").asLong()).isGreaterThanOrEqualTo(3);
        api.as(userSupport)
                .get()
                .uri("/api/v1/tickets?size=1000")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/invalid-page-size");
    }

    @Test
    void badInputGetsClearProblemsNeverA500() {
        api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "", "description", "x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("title");
        api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/malformed-request");
        api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "x", "description", "y", "type", "WISH"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "x", "description", "y", "categoryCode", "NO-SUCH"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/unknown-category");
        api.as(anna)
                .get()
                .uri("/api/v1/tickets/INC-2026-999999")
                .exchange()
                .expectStatus()
                .isNotFound();
        api.as(anna).get().uri("/api/v1/tickets/abc").exchange().expectStatus().isNotFound();
        api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "x", "description", "y", "requester", Map.of("username", "ktos.inny")))
                .exchange()
                .expectStatus()
                .isForbidden();
        api.anonymous().get().uri("/api/v1/tickets").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void agentsFileForOthersAndMetricsCountIt() {
        JsonNode ticket = api.as(firstLine)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title",
                        "Telefon: brak dostępu do EZD",
                        "description",
                        "Dzwoniła p. Maria z KP-04.",
                        "channel",
                        "PHONE",
                        "requester",
                        Map.of("username", "maria.kaczmarek", "displayName", "Maria Kaczmarek", "unitCode", "KP-04")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(ticket.get("requester").get("username").asString()).isEqualTo("maria.kaczmarek");
        assertThat(ticket.get("channel").asString()).isEqualTo("PHONE");
        String scrape = api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        List<String> created = scrape.lines()
                .filter(line -> line.startsWith("servicedesk_tickets_registered_total{"))
                .toList();
        assertThat(created).anySatisfy(line -> assertThat(line).contains("channel=\"PHONE\"", "type=\"INCIDENT\""));

        escalate(ticket.get("id").asLong(), "IT-05-1");
        metrics.refreshQueueSizes();
        String after = api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(after.lines().filter(l -> l.startsWith("servicedesk_tickets_escalations_total{")))
                .anySatisfy(line -> assertThat(line).contains("from=\"IT-02-2\"", "to=\"IT-05-1\""));
        assertThat(after.lines().filter(l -> l.startsWith("servicedesk_tickets_queue_size{")))
                .anySatisfy(
                        line -> assertThat(line).contains("unit=\"IT-05-1\"").endsWith(" 1.0"));
    }

    @Test
    void unitsAndCategoriesAreReadableAndOnlyAdminsChangeThem() {
        JsonNode units = api.as(anna)
                .get()
                .uri("/api/v1/units")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(units.toString()).contains("IT-04-2", "COI-Z3", "KP-05");
        api.as(anna)
                .get()
                .uri("/api/v1/units?supportRole=SECOND_LINE")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(7);
        Map<String, Object> unit = Map.of(
                "code",
                "SA-01",
                "namePl",
                "Wydział Spraw Administracyjnych",
                "nameEn",
                "Administrative Affairs",
                "kind",
                "CUSTOMER",
                "supportRole",
                "NONE",
                "active",
                true);
        api.as(anna)
                .post()
                .uri("/api/v1/units")
                .contentType(MediaType.APPLICATION_JSON)
                .body(unit)
                .exchange()
                .expectStatus()
                .isForbidden();
        CurrentUser admin = TestUsers.admin("admin.coi");
        api.as(admin)
                .post()
                .uri("/api/v1/units")
                .contentType(MediaType.APPLICATION_JSON)
                .body(unit)
                .exchange()
                .expectStatus()
                .isCreated();
        api.as(admin)
                .post()
                .uri("/api/v1/units")
                .contentType(MediaType.APPLICATION_JSON)
                .body(unit)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        api.as(admin)
                .put()
                .uri("/api/v1/units/SA-01")
                .header("If-Match", "\"5\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(unit)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        api.as(anna).get().uri("/api/v1/categories").exchange().expectStatus().isOk();
    }

    @Test
    void hierarchicalEscalationGoesToTheDeputyOverTheUnit() {
        long id = file(anna, "Serwer plików niedostępny", "Cały wydział nie ma dostępu do udziałów.");
        escalate(id, "IT-04-1");
        api.as(infrastructure)
                .post()
                .uri("/api/v1/tickets/{id}/escalate-to-deputy", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Awaria dotyczy całego wydziału od 3 godzin."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalatedToDeputy")
                .isEqualTo("COI-Z3");
        long other = file(anna, "Pytanie", "Ogólne pytanie o dostęp do internetu w sali konferencyjnej.");
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate-to-deputy", other)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Pilne, dotyczy wizyty delegacji."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalatedToDeputy")
                .isEqualTo("COI-Z1");
    }

    private long file(CurrentUser who, String title, String description) {
        return api.as(who)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "description", description))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    private JsonNode escalate(long id, String unit) {
        return api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", unit, "handoverComment", HANDOVER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode ticket(CurrentUser who, long id) {
        return api.as(who)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode idempotentPost(String key, Map<String, String> body) {
        return api.as(piotr)
                .post()
                .uri("/api/v1/tickets")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
