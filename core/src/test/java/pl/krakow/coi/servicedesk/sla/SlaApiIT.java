package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.warsaw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketChanges;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.JsonNode;

/**
 * The SLA through the API with a fixed clock: the ticket view and the explanation, calendars and
 * policies as admin-maintained data, the audited recomputation, and imported historical tickets.
 * Tests that change the configuration scope it to units and categories no other test uses.
 */
@IntegrationTest
class SlaApiIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedTime {

        @Bean
        @Primary
        MutableClock slaTestClock() {
            return CLOCK;
        }
    }

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-03");
    final CurrentUser meetings = TestUsers.requester("ewa.spotkania", "KP-02");
    final CurrentUser organisation = TestUsers.requester("maria.kaczmarek", "KP-04");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser admin = TestUsers.admin("admin.sla");
    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    Units units;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTicketShowsEachTargetsDueTimeRemainingTimeAndStateAndExplainsItOnRequest() {
        CLOCK.set(warsaw("2026-04-03T15:00"));
        JsonNode ticket = file(anna, "HIGH", "MEDIUM", null);
        long id = ticket.get("id").asLong();
        JsonNode sla = ticket.get("sla");
        assertThat(sla.get("policy").asString()).isEqualTo("DEFAULT");
        assertThat(sla.get("response").get("state").asString()).isEqualTo("RUNNING");
        assertThat(sla.get("response").get("dueAt").asString()).isEqualTo(at("2026-04-07T08:00"));
        assertThat(sla.get("response").get("remaining").asString()).isEqualTo("PT1H");
        assertThat(sla.get("resolution").get("dueAt").asString()).isEqualTo(at("2026-04-07T15:00"));
        assertThat(sla.get("resolution").get("remaining").asString()).isEqualTo("PT8H");

        CLOCK.set(warsaw("2026-04-07T07:45"));
        JsonNode explained = sla(firstLine, id, true);
        assertThat(explained.get("priority").asString()).isEqualTo("P2");
        assertThat(explained.get("configRevision").asLong()).isPositive();
        JsonNode response = explained.get("targets").get(0);
        assertThat(response.get("target").asString()).isEqualTo("RESPONSE");
        assertThat(response.get("duration").asString()).isEqualTo("PT1H");
        assertThat(response.get("calendar").asString()).isEqualTo("WARSAW-OFFICE");
        assertThat(response.get("elapsed").asString()).isEqualTo("PT45M");
        assertThat(response.get("remaining").asString()).isEqualTo("PT15M");
        assertThat(response.get("percentUsed").asInt()).isEqualTo(75);
        assertThat(response.get("clock").asString()).isEqualTo("RUNNING");
        assertThat(kinds(response.get("segments")))
                .containsExactly(
                        "RUNNING", "OUTSIDE_BUSINESS_HOURS", "HOLIDAY", "HOLIDAY", "OUTSIDE_BUSINESS_HOURS", "RUNNING");
        assertThat(response.get("segments").get(3).get("detail").asString()).isEqualTo("Poniedziałek Wielkanocny");
        assertThat(response.get("segments").get(3).get("duration").asString()).isEqualTo("PT24H");
        assertThat(response.get("segments").get(0).get("counted").asString()).isEqualTo("PT30M");

        JsonNode plain = sla(anna, id, false);
        assertThat(plain.get("targets").get(0).has("segments")).isFalse();
        api.as(piotr)
                .get()
                .uri("/api/v1/tickets/{id}/sla", id)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void waitingForTheRequesterPausesTheResolutionClock() {
        CLOCK.set(warsaw("2026-04-30T09:00"));
        long id = file(anna, "MEDIUM", "MEDIUM", null).get("id").asLong();
        CLOCK.set(warsaw("2026-04-30T10:00"));
        JsonNode waiting = post(
                firstLine,
                "/api/v1/tickets/" + id + "/wait-for-requester",
                Map.of("text", "Czy błąd pojawia się także na innym komputerze?"));
        assertThat(waiting.get("sla").get("response").get("state").asString()).isEqualTo("MET");
        assertThat(waiting.get("sla").get("resolution").get("state").asString()).isEqualTo("PAUSED");
        assertThat(waiting.get("sla").get("resolution").has("dueAt")).isFalse();

        CLOCK.set(warsaw("2026-05-04T10:00"));
        post(anna, "/api/v1/tickets/" + id + "/comments", Map.of("body", "Tak, na innym komputerze też."));
        CLOCK.set(warsaw("2026-05-04T12:00"));
        JsonNode resolution = sla(firstLine, id, true).get("targets").get(1);
        assertThat(resolution.get("state").asString()).isEqualTo("RUNNING");
        assertThat(resolution.get("elapsed").asString()).isEqualTo("PT3H");
        assertThat(resolution.get("dueAt").asString()).isEqualTo(at("2026-05-07T09:00"));
        assertThat(kinds(resolution.get("segments")))
                .containsExactly("RUNNING", "PAUSED_WAITING_FOR_REQUESTER", "RUNNING");
    }

    @Test
    void aPriorityChangeAndAReopenThroughTheApiAreDerivedFromTheTicketsEvents() {
        CLOCK.set(warsaw("2026-06-08T07:30"));
        long id = file(anna, "LOW", "MEDIUM", null).get("id").asLong();
        CLOCK.set(warsaw("2026-06-08T07:45"));
        post(firstLine, "/api/v1/tickets/" + id + "/assign", Map.of("assignee", "me"));

        CLOCK.set(warsaw("2026-06-08T10:30"));
        String etag =
                "\"" + get(firstLine, "/api/v1/tickets/" + id).get("version").asLong() + "\"";
        JsonNode raised = api.as(firstLine)
                .patch()
                .uri("/api/v1/tickets/{id}", id)
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("impact", "HIGH", "urgency", "HIGH"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(raised.get("priority").asString()).isEqualTo("P1");
        // P1's 4 hours apply to all the time since registration: 3 hours are gone.
        assertThat(raised.get("sla").get("resolution").get("dueAt").asString()).isEqualTo(at("2026-06-08T11:30"));
        assertThat(raised.get("sla").get("resolution").get("remaining").asString())
                .isEqualTo("PT1H");
        assertThat(raised.get("sla").get("response").get("state").asString()).isEqualTo("MET");

        CLOCK.set(warsaw("2026-06-08T11:00"));
        JsonNode resolved = post(
                firstLine,
                "/api/v1/tickets/" + id + "/resolve",
                Map.of("resolution", "FIXED", "note", "Przywrócono dostęp do udziału."));
        assertThat(resolved.get("sla").get("resolution").get("state").asString())
                .isEqualTo("MET");

        CLOCK.set(warsaw("2026-06-09T08:00"));
        post(anna, "/api/v1/tickets/" + id + "/reopen", Map.of("text", "Dostęp znowu zniknął po restarcie."));
        CLOCK.set(warsaw("2026-06-09T08:45"));
        JsonNode resolution = sla(firstLine, id, true).get("targets").get(1);
        assertThat(resolution.get("state").asString()).isEqualTo("BREACHED");
        assertThat(resolution.get("clock").asString()).isEqualTo("RUNNING");
        assertThat(resolution.get("elapsed").asString()).isEqualTo("PT4H15M");
        assertThat(resolution.get("remaining").asString()).isEqualTo("PT-15M");
        assertThat(resolution.get("dueAt").asString()).isEqualTo(at("2026-06-09T08:30"));
        assertThat(kinds(resolution.get("segments"))).containsExactly("RUNNING", "RESOLVED", "RUNNING");
    }

    @Test
    void calendarsAndPoliciesAreDataThatEveryoneReadsAndOnlyAdminsChange() {
        JsonNode calendars = get(anna, "/api/v1/sla/calendars");
        assertThat(calendars.findValuesAsString("code")).contains("WARSAW-OFFICE", "24X7");
        JsonNode office = get(firstLine, "/api/v1/sla/calendars/WARSAW-OFFICE");
        assertThat(office.get("hours").get("MONDAY").get("opens").asString()).isEqualTo("07:30");
        assertThat(office.get("hours").get("FRIDAY").get("closes").asString()).isEqualTo("15:30");
        assertThat(office.get("hours").has("SATURDAY")).isFalse();
        assertThat(office.get("zone").asString()).isEqualTo("Europe/Warsaw");
        JsonNode policy = get(anna, "/api/v1/sla/policies/DEFAULT");
        assertThat(policy.get("targets").get("P1").get("response").asString()).isEqualTo("PT30M");
        assertThat(policy.get("targets").get("P4").get("resolution").asString()).isEqualTo("PT40H");

        JsonNode christmas = get(anna, "/api/v1/sla/calendars/WARSAW-OFFICE/days?from=2025-12-22&to=2025-12-28");
        assertThat(christmas).hasSize(7);
        assertThat(christmas.get(2).get("closure").asString()).isEqualTo("HOLIDAY");
        assertThat(christmas.get(2).get("detail").asString()).isEqualTo("Wigilia Bożego Narodzenia");
        assertThat(christmas.get(1).get("open").asBoolean()).isTrue();
        JsonNode holidays = get(anna, "/api/v1/sla/holidays?year=2027");
        assertThat(holidays.findValuesAsString("date")).contains("2027-03-29", "2027-05-27", "2027-12-24");

        Map<String, Object> calendar = officeCalendar("SEKCJA-A", List.of());
        api.as(firstLine)
                .post()
                .uri("/api/v1/sla/calendars")
                .contentType(MediaType.APPLICATION_JSON)
                .body(calendar)
                .exchange()
                .expectStatus()
                .isForbidden();
        String etag = api.as(admin)
                .post()
                .uri("/api/v1/sla/calendars")
                .contentType(MediaType.APPLICATION_JSON)
                .body(calendar)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseHeaders()
                .getETag();
        api.as(admin)
                .post()
                .uri("/api/v1/sla/calendars")
                .contentType(MediaType.APPLICATION_JSON)
                .body(calendar)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        Map<String, Object> changed =
                officeCalendar("SEKCJA-A", List.of(Map.of("date", "2026-12-31", "open", false, "note", "Sylwester")));
        api.as(admin)
                .put()
                .uri("/api/v1/sla/calendars/SEKCJA-A")
                .contentType(MediaType.APPLICATION_JSON)
                .body(changed)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        api.as(admin)
                .put()
                .uri("/api/v1/sla/calendars/SEKCJA-A")
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(changed)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        JsonNode updated = api.as(admin)
                .put()
                .uri("/api/v1/sla/calendars/SEKCJA-A")
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .body(changed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(updated.get("extraDays").get(0).get("date").asString()).isEqualTo("2026-12-31");
        assertThat(updated.get("changedBy").asString()).isEqualTo("admin.sla");
        JsonNode revisions = get(director, "/api/v1/sla/revisions?limit=5");
        assertThat(revisions.get(0).get("code").asString()).isEqualTo("SEKCJA-A");
        assertThat(revisions.get(0).get("action").asString()).isEqualTo("UPDATED");
        assertThat(revisions.get(0).get("changedBy").asString()).isEqualTo("admin.sla");
        assertThat(revisions.get(0).get("summary").asString())
                .isEqualTo("extra day 2026-12-31 closed (Sylwester) added");

        // Bad definitions are clear 400s, never 500s.
        for (Map<String, Object> bad : List.of(
                Map.of(
                        "code",
                        "SEKCJA-B",
                        "name",
                        "Zła",
                        "hours",
                        Map.of("MONDAY", Map.of("opens", "16:00", "closes", "08:00"))),
                Map.of("code", "SEKCJA-B", "name", "Zła", "hours", Map.of()),
                Map.of(
                        "code",
                        "SEKCJA-B",
                        "name",
                        "Zła",
                        "zone",
                        "Mars/Olympus",
                        "hours",
                        Map.of("MONDAY", Map.of("opens", "08:00", "closes", "16:00"))),
                Map.of(
                        "code",
                        "SEKCJA-B",
                        "name",
                        "Zła",
                        "hours",
                        Map.of("FUNDAY", Map.of("opens", "08:00", "closes", "16:00"))))) {
            api.as(admin)
                    .post()
                    .uri("/api/v1/sla/calendars")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }

        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("SECOND-DEFAULT", null, null, "WARSAW-OFFICE", "PT30M"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/duplicate-policy-scope");
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("NO-CALENDAR", null, "KP-05", "NO-SUCH-CALENDAR", "PT30M"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/unknown-calendar");
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("BAD-DURATION", null, "KP-05", "WARSAW-OFFICE", "30 minutes"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        api.as(admin)
                .delete()
                .uri("/api/v1/sla/policies/DEFAULT")
                .header("If-Match", "\"3\"")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void aPolicyForACustomerUnitOrACategoryAppliesToNewTicketsAtOnce() {
        CLOCK.set(warsaw("2026-03-10T09:00"));
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("KP02-MEETINGS", null, "KP-02", "24X7", "PT15M"))
                .exchange()
                .expectStatus()
                .isCreated();
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("COUNCIL-SESSIONS", "WS-EVENT-SUPPORT", null, "WARSAW-OFFICE", "PT20M"))
                .exchange()
                .expectStatus()
                .isCreated();

        JsonNode meeting = file(meetings, "MEDIUM", "MEDIUM", null);
        assertThat(meeting.get("sla").get("policy").asString()).isEqualTo("KP02-MEETINGS");
        assertThat(meeting.get("sla").get("response").get("dueAt").asString()).isEqualTo(at("2026-03-10T09:15"));

        JsonNode council = file(anna, "MEDIUM", "MEDIUM", "WS-EVENT-SUPPORT");
        assertThat(council.get("sla").get("policy").asString()).isEqualTo("COUNCIL-SESSIONS");
        assertThat(council.get("sla").get("response").get("remaining").asString())
                .isEqualTo("PT20M");

        JsonNode both = file(meetings, "MEDIUM", "MEDIUM", "WS-EVENT-SUPPORT");
        assertThat(both.get("sla").get("policy").asString())
                .as("a customer unit's agreement beats a category's")
                .isEqualTo("KP02-MEETINGS");

        JsonNode other = file(piotr, "MEDIUM", "MEDIUM", null);
        assertThat(other.get("sla").get("policy").asString()).isEqualTo("DEFAULT");
        assertThat(other.get("sla").get("response").get("remaining").asString()).isEqualTo("PT4H");
    }

    @Test
    void aPolicyForAParentUnitCoversItsSubunitsAndTheNewTicketsAnswerReadsBackTheSame() {
        CLOCK.set(warsaw("2026-03-11T09:00").plusNanos(123_456_000));
        units.insert(unit("SLAT-DEPT", null));
        units.insert(unit("SLAT-DEPT-1", "SLAT-DEPT"));
        units.insert(unit("SLAT-DEPT-1A", "SLAT-DEPT-1"));
        assertThat(units.ancestry("SLAT-DEPT-1A")).containsExactly("SLAT-DEPT-1A", "SLAT-DEPT-1", "SLAT-DEPT");
        assertThat(units.ancestry("SLAT-NO-SUCH")).isEmpty();
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("SLAT-DEPT", null, "SLAT-DEPT", "24X7", "PT25M"))
                .exchange()
                .expectStatus()
                .isCreated();

        CurrentUser twoLevelsDown = TestUsers.requester("tomasz.podwydzial", "SLAT-DEPT-1A");
        JsonNode filed = file(twoLevelsDown, "MEDIUM", "MEDIUM", null);
        assertThat(filed.get("sla").get("policy").asString())
                .as("the department's agreement covers its sub-units' people")
                .isEqualTo("SLAT-DEPT");
        assertThat(filed.get("sla").get("response").get("dueAt").asString())
                .isEqualTo(warsaw("2026-03-11T09:25").plusNanos(123_456_000).toString());
        JsonNode read = get(twoLevelsDown, "/api/v1/tickets/" + filed.get("id").asLong());
        assertThat(read.get("sla"))
                .as("the answer to the registration is what the ticket reads back")
                .isEqualTo(filed.get("sla"));
        assertThat(read.get("createdAt")).isEqualTo(filed.get("createdAt"));

        // A chain that loops (the API refuses to make one) ends at the first unit seen again.
        jdbc.sql("UPDATE org_unit SET parent_code = 'SLAT-DEPT-1A' WHERE code = 'SLAT-DEPT'")
                .update();
        try {
            assertThat(units.ancestry("SLAT-DEPT-1")).containsExactly("SLAT-DEPT-1", "SLAT-DEPT", "SLAT-DEPT-1A");
        } finally {
            jdbc.sql("UPDATE org_unit SET parent_code = NULL WHERE code = 'SLAT-DEPT'")
                    .update();
        }
    }

    private static Unit unit(String code, String parent) {
        return new Unit(
                code,
                "Wydział " + code,
                "Department " + code,
                Unit.Kind.CUSTOMER,
                parent,
                Unit.SupportRole.NONE,
                null,
                true,
                0);
    }

    @Test
    void recomputationAfterACalendarChangeGivesTheNewAnswerAndIsAudited() {
        CLOCK.set(warsaw("2026-11-09T14:00"));
        JsonNode calendar = api.as(admin)
                .post()
                .uri("/api/v1/sla/calendars")
                .contentType(MediaType.APPLICATION_JSON)
                .body(officeCalendar("KP04-OFFICE", List.of()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        api.as(admin)
                .post()
                .uri("/api/v1/sla/policies")
                .contentType(MediaType.APPLICATION_JSON)
                .body(policyBody("KP04", null, "KP-04", "KP04-OFFICE", "PT4H"))
                .exchange()
                .expectStatus()
                .isCreated();

        CLOCK.set(warsaw("2026-11-09T15:00"));
        long id = file(organisation, "MEDIUM", "MEDIUM", null).get("id").asLong();
        JsonNode before = sla(firstLine, id, false);
        assertThat(before.get("policy").asString()).isEqualTo("KP04");
        long boundTo = before.get("configRevision").asLong();
        assertThat(before.get("targets").get(0).get("dueAt").asString()).isEqualTo(at("2026-11-10T11:00"));

        // The City Hall gives 10 November 2026 off (for 15 August, a Saturday).
        String etag = "\"" + calendar.get("revision").asLong() + "\"";
        api.as(admin)
                .put()
                .uri("/api/v1/sla/calendars/KP04-OFFICE")
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .body(officeCalendar(
                        "KP04-OFFICE",
                        List.of(Map.of("date", "2026-11-10", "open", false, "note", "Dzień wolny za 15 sierpnia"))))
                .exchange()
                .expectStatus()
                .isOk();

        CLOCK.set(warsaw("2026-11-09T15:10"));
        assertThat(sla(firstLine, id, false).get("targets").get(0).get("dueAt").asString())
                .as("an open ticket keeps its configuration until an admin recomputes")
                .isEqualTo(at("2026-11-10T11:00"));
        JsonNode newTicket = file(organisation, "MEDIUM", "MEDIUM", null);
        assertThat(newTicket.get("sla").get("response").get("dueAt").asString())
                .as("a new ticket follows the current configuration")
                .isEqualTo(at("2026-11-12T11:10"));

        api.as(firstLine)
                .post()
                .uri("/api/v1/sla/recomputations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Dzień wolny 10 listopada w kalendarzu KP-04"))
                .exchange()
                .expectStatus()
                .isForbidden();
        JsonNode preview = api.as(admin)
                .post()
                .uri("/api/v1/sla/recomputations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Podgląd: dzień wolny 10 listopada", "dryRun", true))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(preview.has("id")).isFalse();
        assertThat(ticketChange(preview, id)).isPresent();
        assertThat(sla(firstLine, id, false).get("configRevision").asLong())
                .as("a dry run changes nothing")
                .isEqualTo(boundTo);

        JsonNode recomputation = api.as(admin)
                .post()
                .uri("/api/v1/sla/recomputations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Dzień wolny 10 listopada w kalendarzu KP-04"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(recomputation.get("requestedBy").asString()).isEqualTo("admin.sla");
        assertThat(recomputation.get("requestedAt").asString()).isEqualTo(at("2026-11-09T15:10"));
        assertThat(recomputation.get("configChanges").findValuesAsString("summary"))
                .contains("extra day 2026-11-10 closed (Dzień wolny za 15 sierpnia) added");
        JsonNode change = ticketChange(recomputation, id).orElseThrow();
        assertThat(change.get("changed").asBoolean()).isTrue();
        assertThat(change.get("fromRevision").asLong()).isEqualTo(boundTo);
        assertThat(change.get("before").get("response").get("dueAt").asString()).isEqualTo(at("2026-11-10T11:00"));
        assertThat(change.get("after").get("response").get("dueAt").asString()).isEqualTo(at("2026-11-12T11:00"));

        JsonNode after = sla(firstLine, id, true);
        assertThat(after.get("configRevision").asLong())
                .isEqualTo(recomputation.get("toRevision").asLong());
        JsonNode response = after.get("targets").get(0);
        assertThat(response.get("dueAt").asString()).isEqualTo(at("2026-11-12T11:00"));
        CLOCK.set(warsaw("2026-11-12T08:00"));
        assertThat(kinds(sla(firstLine, id, true).get("targets").get(0).get("segments")))
                .containsExactly(
                        "RUNNING",
                        "OUTSIDE_BUSINESS_HOURS",
                        "CLOSED_DAY",
                        "HOLIDAY",
                        "OUTSIDE_BUSINESS_HOURS",
                        "RUNNING");

        JsonNode audit = get(director, "/api/v1/sla/recomputations");
        assertThat(audit.get(0).get("id").asLong())
                .isEqualTo(recomputation.get("id").asLong());
        assertThat(audit.get(0).get("reason").asString()).isEqualTo("Dzień wolny 10 listopada w kalendarzu KP-04");
        JsonNode stored = get(
                director,
                "/api/v1/sla/recomputations/" + recomputation.get("id").asLong());
        assertThat(ticketChange(stored, id)
                        .orElseThrow()
                        .get("after")
                        .get("response")
                        .get("dueAt")
                        .asString())
                .isEqualTo(at("2026-11-12T11:00"));
        api.as(anna)
                .get()
                .uri("/api/v1/sla/recomputations")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void importedHistoricalTicketsGetTheirSlaFromTheirOwnTimestamps() {
        CLOCK.set(warsaw("2026-11-20T10:00"));
        Actor agent = new Actor("jan.kowalski", "Jan Kowalski", Optional.of(UnitCode.FIRST_LINE), Actor.Kind.AGENT);
        Ticket imported = tickets.registerAt(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "Nie działa skaner",
                        "Zgłoszenie z poprzedniego systemu.",
                        new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01"))),
                        Channel.EMAIL,
                        null,
                        null,
                        Impact.MEDIUM,
                        Urgency.MEDIUM,
                        "GLPI-2025-1234"),
                agent,
                warsaw("2025-12-23T15:00"));
        long id = imported.id();
        TicketChanges.apply(
                tickets, id, (t, now) -> t.assign("jan.kowalski", "Jan Kowalski", agent, warsaw("2025-12-29T10:00")));
        TicketChanges.apply(
                tickets,
                id,
                (t, now) -> t.resolve(
                        Resolution.FIXED, "Wymieniono sterownik skanera.", agent, warsaw("2026-01-07T14:00")));

        JsonNode sla = sla(firstLine, id, false);
        JsonNode response = sla.get("targets").get(0);
        assertThat(response.get("state").asString()).isEqualTo("MET");
        assertThat(response.get("elapsed").asString()).isEqualTo("PT3H");
        assertThat(response.get("stoppedAt").asString()).isEqualTo(at("2025-12-29T10:00"));
        assertThat(response.get("dueAt").asString()).isEqualTo(at("2025-12-29T11:00"));
        JsonNode resolution = sla.get("targets").get(1);
        // 30 min on 23 Dec, closed 24–28 Dec, 8 h on 29 and 30 Dec: 24 h reached on 31 Dec at 15:00.
        assertThat(resolution.get("state").asString()).isEqualTo("BREACHED");
        assertThat(resolution.get("dueAt").asString()).isEqualTo(at("2025-12-31T15:00"));
        assertThat(resolution.get("clock").asString()).isEqualTo("STOPPED");
        assertThat(resolution.get("alerts"))
                .as("a stopped clock raises no alerts")
                .isEmpty();
    }

    private static String at(String warsawLocal) {
        return warsaw(warsawLocal).toString();
    }

    private static List<String> kinds(JsonNode segments) {
        List<String> kinds = new ArrayList<>();
        segments.forEach(s -> kinds.add(s.get("kind").asString()));
        return kinds;
    }

    private static Optional<JsonNode> ticketChange(JsonNode recomputation, long id) {
        for (JsonNode change : recomputation.get("tickets")) {
            if (change.get("ticketId").asLong() == id) {
                return Optional.of(change);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> officeCalendar(String code, List<Map<String, Object>> extraDays) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.put(day, Map.of("opens", "07:30", "closes", "15:30"));
        }
        return Map.of(
                "code",
                code,
                "name",
                "Kalendarz " + code,
                "zone",
                "Europe/Warsaw",
                "polishHolidays",
                true,
                "hours",
                hours,
                "extraDays",
                extraDays);
    }

    /** A policy with the default targets except P3's response. */
    private static Map<String, Object> policyBody(
            String code, String category, String unit, String responseCalendar, String p3Response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "Polityka " + code);
        body.put("categoryCode", category);
        body.put("customerUnit", unit);
        body.put("responseCalendar", responseCalendar);
        body.put("resolutionCalendar", "WARSAW-OFFICE");
        body.put(
                "targets",
                Map.of(
                        "P1", Map.of("response", "PT30M", "resolution", "PT4H"),
                        "P2", Map.of("response", "PT1H", "resolution", "PT8H"),
                        "P3", Map.of("response", p3Response, "resolution", "PT24H"),
                        "P4", Map.of("response", "PT8H", "resolution", "PT40H")));
        return body;
    }

    private JsonNode file(CurrentUser who, String impact, String urgency, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Nie działa aplikacja");
        body.put("description", "Aplikacja zgłasza błąd przy logowaniu.");
        body.put("impact", impact);
        body.put("urgency", urgency);
        if (category != null) {
            body.put("categoryCode", category);
        }
        CurrentUser caller = who;
        if (!impact.equals("MEDIUM") || !urgency.equals("MEDIUM")) {
            // A requester's impact and urgency are only their view; the first line sets the priority, so a
            // ticket of another priority is filed by the first line on the requester's behalf (by phone).
            body.put("channel", "PHONE");
            body.put(
                    "requester",
                    Map.of("username", who.username(), "unitCode", who.unit().orElseThrow()));
            caller = firstLine;
        }
        return api.as(caller)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode post(CurrentUser who, String uri, Map<String, ?> body) {
        return api.as(who)
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode sla(CurrentUser who, long id, boolean explain) {
        return get(who, "/api/v1/tickets/" + id + "/sla?explain=" + explain);
    }

    private JsonNode get(CurrentUser who, String uri) {
        return api.as(who)
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
