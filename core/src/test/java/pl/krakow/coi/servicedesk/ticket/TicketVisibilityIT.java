package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

/** Who sees and works a ticket along its lifecycle, through the API (ADR 0005). */
@IntegrationTest
class TicketVisibilityIT {

    static final String HANDOVER = "Pierwsza linia potwierdziła: stacja wysyłała ruch do nieznanego hosta, odłączyłem"
            + " ją od sieci i zabezpieczyłem dysk; użytkownik nie instalował niczego sam. Potrzebna analiza śladów.";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser security = TestUsers.agent("olga.sowa", "IT-02-1");
    final CurrentUser infrastructure = TestUsers.agent("marek.lis", "IT-04-1");
    final CurrentUser userSupport = TestUsers.agent("ewa.zielinska", "IT-04-2");
    final CurrentUser applications = TestUsers.agent("adam.nowicki", "IT-05-1");
    final CurrentUser strategist = TestUsers.manager("strateg.miejski", "IT-08");
    final CurrentUser divisionHead = TestUsers.manager("kierownik.it05", "IT-05");
    final CurrentUser admin = TestUsers.admin("admin");

    @Autowired
    Api api;

    @Test
    void aSecurityIncidentStaysWorkableByTheUnitHoldingItAtEveryTransition() {
        JsonNode filed = post(
                anna,
                "/api/v1/tickets",
                Map.of(
                        "type", "SECURITY_INCIDENT",
                        "title", "Komputer sam otwiera okna",
                        "description",
                                "Od wczoraj komputer w pokoju 12 sam otwiera przeglądarkę z dziwnymi stronami."));
        long id = filed.get("id").asLong();
        List<CurrentUser> outsiders = List.of(applications, strategist, admin, divisionHead);

        holderCanWork(id, firstLine, "IT-02-2", outsiders);
        action(firstLine, id, "escalate", Map.of("unit", "IT-02-1", "handoverComment", HANDOVER));
        holderCanWork(id, security, "IT-02-1", outsiders);

        action(security, id, "reassign", Map.of("unit", "IT-04-1", "reason", "Serwer wymaga odbudowy po infekcji"));
        holderCanWork(id, infrastructure, "IT-04-1", outsiders);
        assertThat(ticket(security, id).get("allowedActions").toString())
                .as("IT-02-1 still sees it and may reclassify it")
                .contains("reclassify")
                .doesNotContain("\"resolve\"");

        JsonNode task = post(
                infrastructure, "/api/v1/tickets/" + id + "/remote-hands", Map.of("text", "Odłączyć stację w pok. 12"));
        assertThat(ticket(userSupport, id).get("number").asString()).startsWith("SEC-");
        JsonNode tasks = get(userSupport, "/api/v1/tickets/" + id + "/remote-hands", 200);
        assertThat(tasks.toString()).contains("Odłączyć stację");
        post(
                userSupport,
                "/api/v1/tickets/" + id + "/remote-hands/" + task.get("id").asLong() + "/complete",
                Map.of("note", "Stacja odłączona i zabrana do pracowni"));

        action(
                infrastructure,
                id,
                "hand-back",
                Map.of("text", "Serwer odbudowany, proszę potwierdzić z użytkownikiem"));
        holderCanWork(id, firstLine, "IT-02-2", outsiders);
        for (CurrentUser outsider : outsiders) {
            get(outsider, "/api/v1/tickets/" + id, 404);
        }
    }

    @Test
    void aTypeChangesOnlyByAnExplicitReclassificationWhichKeepsTheNumberConsistent() {
        JsonNode filed = post(
                anna,
                "/api/v1/tickets",
                Map.of(
                        "type", "SERVICE_REQUEST",
                        "categoryCode", "SEC-DATASET-REG",
                        "title", "Rejestracja zbioru danych",
                        "description", "Proszę o wpis do rejestru nowego zbioru danych osobowych wydziału."));
        long id = filed.get("id").asLong();
        String number = filed.get("number").asString();
        assertThat(number).startsWith("REQ-");
        JsonNode escalated = action(firstLine, id, "escalate", Map.of("unit", "IT-02-1", "handoverComment", HANDOVER));
        assertThat(escalated.get("type").asString())
                .as("IT-02-1's own service requests stay service requests")
                .isEqualTo("SERVICE_REQUEST");
        assertThat(escalated.get("number").asString()).isEqualTo(number);
        get(strategist, "/api/v1/tickets/" + id, 200);

        JsonNode refused = post(
                security,
                "/api/v1/tickets/" + id + "/reclassify",
                Map.of("type", "SECURITY_INCIDENT", "reason", "krótko"),
                400);
        assertThat(refused.get("type").asString()).endsWith("/reason-required");
        JsonNode reclassified = action(
                security,
                id,
                "reclassify",
                Map.of("type", "SECURITY_INCIDENT", "reason", "Wniosek ujawnił wyciek danych: to incydent"));
        assertThat(reclassified.get("type").asString()).isEqualTo("SECURITY_INCIDENT");
        String secNumber = reclassified.get("number").asString();
        assertThat(secNumber).startsWith("SEC-");
        assertThat(get(security, "/api/v1/tickets/" + number, 200).get("number").asString())
                .as("the former number still finds it")
                .isEqualTo(secNumber);
        get(strategist, "/api/v1/tickets/" + id, 404);
        get(strategist, "/api/v1/tickets/" + number, 404);
        JsonNode history = get(security, "/api/v1/tickets/" + id + "/history", 200);
        assertThat(history.toString()).contains("RECLASSIFIED").contains("Wniosek ujawnił wyciek");
        String annas = get(anna, "/api/v1/tickets/" + id + "/history", 200).toString()
                + get(anna, "/api/v1/tickets/" + id + "/comments", 200);
        assertThat(annas).doesNotContain("Wniosek ujawnił wyciek").doesNotContain("RECLASSIFIED");
    }

    @Test
    void onlyCybersecurityOrTheFirstLineAtIntakeTakesATicketOutOfTheSecurityIncidents() {
        long atIntake = post(
                        anna,
                        "/api/v1/tickets",
                        Map.of(
                                "type", "SECURITY_INCIDENT",
                                "title", "Dziwny e-mail",
                                "description", "Dostałam e-mail z prośbą o hasło, nic nie kliknęłam."))
                .get("id")
                .asLong();
        JsonNode declassified = action(
                firstLine,
                atIntake,
                "reclassify",
                Map.of("type", "SERVICE_REQUEST", "reason", "To pytanie o filtr poczty, nie incydent"));
        assertThat(declassified.get("number").asString()).startsWith("REQ-");

        long later = post(
                        anna,
                        "/api/v1/tickets",
                        Map.of(
                                "type", "SECURITY_INCIDENT",
                                "title", "Zaszyfrowane pliki",
                                "description", "Pliki na udziale mają dziwne rozszerzenia i nie da się ich otworzyć."))
                .get("id")
                .asLong();
        action(firstLine, later, "escalate", Map.of("unit", "IT-02-1", "handoverComment", HANDOVER));
        action(security, later, "reassign", Map.of("unit", "IT-04-1", "reason", "Odtworzenie udziału z kopii"));
        JsonNode refused = post(
                infrastructure,
                "/api/v1/tickets/" + later + "/reclassify",
                Map.of("type", "INCIDENT", "reason", "Naszym zdaniem to zwykła awaria"),
                403);
        assertThat(refused.get("type").asString()).endsWith("/action-not-allowed");
        action(security, later, "reclassify", Map.of("type", "INCIDENT", "reason", "Fałszywy alarm, awaria dysku"));
    }

    @Test
    void aRequesterNeitherRoutesNorPrioritisesTheirOwnTicket() {
        JsonNode filed = post(
                anna,
                "/api/v1/tickets",
                Map.of(
                        "type", "SECURITY_INCIDENT",
                        "impact", "HIGH",
                        "urgency", "HIGH",
                        "title", "Ktoś zalogował się na moje konto",
                        "description", "Dostałam powiadomienie o logowaniu z innego kraju."));
        assertThat(filed.get("assignedUnit").asString()).isEqualTo("IT-02-2");
        assertThat(filed.get("line").asString()).isEqualTo("FIRST");
        assertThat(filed.get("priority").asString())
                .as("the first line sets the priority")
                .isEqualTo("P3");
        assertThat(filed.get("channel").asString()).isEqualTo("PORTAL");
        long id = filed.get("id").asLong();
        JsonNode created =
                get(firstLine, "/api/v1/tickets/" + id + "/history", 200).get(0);
        assertThat(created.get("data").get("requesterImpact").asString()).isEqualTo("HIGH");
        assertThat(created.get("data").get("requesterUrgency").asString()).isEqualTo("HIGH");
        get(infrastructure, "/api/v1/tickets/" + id, 404);

        JsonNode monitoring = post(
                anna,
                "/api/v1/tickets",
                Map.of("channel", "MONITORING", "title", "Awaria", "description", "Nie działa nic w pokoju 3."),
                400);
        assertThat(monitoring.get("type").asString()).endsWith("/channel-not-allowed");

        JsonNode byPhone = post(
                firstLine,
                "/api/v1/tickets",
                Map.of(
                        "channel", "PHONE",
                        "impact", "HIGH",
                        "urgency", "HIGH",
                        "title", "Brak zasilania w serwerowni",
                        "description", "Telefon od ochrony: serwerownia na Wielickiej bez zasilania.",
                        "requester",
                                Map.of("username", "anna.nowak", "displayName", "Anna Nowak", "unitCode", "KP-01")));
        assertThat(byPhone.get("priority").asString())
                .as("the first line sets it")
                .isEqualTo("P1");
        assertThat(byPhone.get("channel").asString()).isEqualTo("PHONE");
    }

    @Test
    void aNotFoundRevealsNothingAboutATicketTheCallerMayNotSee() {
        JsonNode filed = post(
                anna,
                "/api/v1/tickets",
                Map.of(
                        "type", "SECURITY_INCIDENT",
                        "title", "Podejrzany pendrive",
                        "description", "Na biurku leżał pendrive bez opisu, włożyłam go do komputera."));
        long id = filed.get("id").asLong();
        String number = filed.get("number").asString();
        JsonNode hidden = get(strategist, "/api/v1/tickets/" + id, 404);
        JsonNode missing = get(strategist, "/api/v1/tickets/" + (id + 1_000_000), 404);
        assertThat(hidden.toString()).doesNotContain(number);
        assertThat(hidden.get("detail").asString())
                .isEqualTo(
                        missing.get("detail").asString().replace(String.valueOf(id + 1_000_000), String.valueOf(id)));
        JsonNode hiddenAction =
                post(strategist, "/api/v1/tickets/" + id + "/comments", Map.of("body", "Czy to coś pilnego?"), 404);
        assertThat(hiddenAction.toString()).doesNotContain(number);
    }

    @Test
    void escalationToADeputyIsInternal() {
        long id = post(
                        anna,
                        "/api/v1/tickets",
                        Map.of(
                                "title", "Serwer plików niedostępny",
                                "description", "Cały wydział nie ma dostępu do udziałów od rana."))
                .get("id")
                .asLong();
        action(firstLine, id, "escalate", Map.of("unit", "IT-04-1", "handoverComment", HANDOVER));
        String reason = "Kierownik referatu nie reaguje od trzech dni";
        JsonNode escalated = action(infrastructure, id, "escalate-to-deputy", Map.of("text", reason));
        assertThat(escalated.get("escalatedToDeputy").asString()).isEqualTo("COI-Z3");
        String seenByAnna = get(anna, "/api/v1/tickets/" + id, 200).toString()
                + get(anna, "/api/v1/tickets/" + id + "/history", 200)
                + get(anna, "/api/v1/tickets/" + id + "/comments", 200);
        assertThat(seenByAnna)
                .doesNotContain(reason)
                .doesNotContain("ESCALATED_TO_DEPUTY")
                .doesNotContain("COI-Z3");
    }

    @Test
    void aDivisionHeadSeesWhatTheDivisionsSectionsHandledInListsAndSearch() {
        StringBuilder letters = new StringBuilder("kadry");
        for (long n = System.nanoTime(); letters.length() < 12; n /= 26) {
            letters.append((char) ('a' + n % 26));
        }
        String word = letters.toString();
        long id = post(
                        anna,
                        "/api/v1/tickets",
                        Map.of(
                                "title", "Moduł " + word + " zgłasza błąd",
                                "description", "System " + word + " nie zapisuje urlopów."))
                .get("id")
                .asLong();
        action(firstLine, id, "escalate", Map.of("unit", "IT-05-1", "handoverComment", HANDOVER));
        get(divisionHead, "/api/v1/tickets/" + id, 200);
        JsonNode list = get(divisionHead, "/api/v1/tickets?unit=IT-05-1&size=100", 200);
        assertThat(list.get("items").findValues("id").stream().map(JsonNode::asLong))
                .contains(id);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(get(divisionHead, "/api/v1/search/tickets?q=" + word, 200)
                                .get("total")
                                .asLong())
                        .isEqualTo(1));
        assertThat(get(TestUsers.manager("kierownik.it07", "IT-07"), "/api/v1/search/tickets?q=" + word, 200)
                        .get("total")
                        .asLong())
                .isZero();
        get(TestUsers.manager("kierownik.it07", "IT-07"), "/api/v1/tickets/" + id, 404);
    }

    @Test
    void aHandoverCommentThatRepeatsTheDescriptionIsRefused() {
        String description = "Po aktualizacji Windows drukarka sieciowa w pokoju 7 drukuje puste strony od rana.";
        long id = post(
                        anna,
                        "/api/v1/tickets",
                        Map.of("title", "Drukarka drukuje puste strony", "description", description))
                .get("id")
                .asLong();
        JsonNode refused = post(
                firstLine,
                "/api/v1/tickets/" + id + "/escalate",
                Map.of("unit", "IT-04-2", "handoverComment", description),
                422);
        assertThat(refused.get("type").asString()).endsWith("/escalation-requires-handover");
        assertThat(get(firstLine, "/api/v1/tickets/" + id, 200)
                        .get("assignedUnit")
                        .asString())
                .isEqualTo("IT-02-2");
    }

    private void holderCanWork(long id, CurrentUser holder, String unit, List<CurrentUser> outsiders) {
        JsonNode ticket = ticket(holder, id);
        assertThat(ticket.get("assignedUnit").asString()).isEqualTo(unit);
        List<String> allowed = new ArrayList<>();
        ticket.get("allowedActions").forEach(a -> allowed.add(a.asString()));
        assertThat(allowed).as(unit + " works it").contains("assign", "resolve", "comment-internal");
        JsonNode queue = get(holder, "/api/v1/tickets?unit=" + unit + "&open=true&size=100", 200);
        assertThat(queue.get("items").findValues("id").stream().map(JsonNode::asLong))
                .as("in the queue of " + unit)
                .contains(id);
        for (CurrentUser outsider : outsiders) {
            get(outsider, "/api/v1/tickets/" + id, 404);
        }
    }

    private JsonNode ticket(CurrentUser user, long id) {
        return get(user, "/api/v1/tickets/" + id, 200);
    }

    private JsonNode action(CurrentUser user, long id, String action, Map<String, ?> body) {
        return post(user, "/api/v1/tickets/" + id + "/" + action, body, 200);
    }

    private JsonNode post(CurrentUser user, String uri, Map<String, ?> body) {
        return api.as(user)
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode post(CurrentUser user, String uri, Map<String, ?> body, int status) {
        return api.as(user)
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode get(CurrentUser user, String uri, int status) {
        return api.as(user)
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
