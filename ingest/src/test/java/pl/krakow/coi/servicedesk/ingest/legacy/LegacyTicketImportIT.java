package pl.krakow.coi.servicedesk.ingest.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.ingest.IngestCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The legacy ticket import end to end: a ServiceNow-style export with several rows per ticket becomes one
 * ticket each with its history at the original times (and the SLA computed from them), latest state winning;
 * column mapping, date formats, time zone, missing-value marker and group mapping from the options; malformed
 * rows and impossible histories skipped with reasons; re-runs create nothing; imported tickets are visible to
 * the units that handled them and searchable.
 */
@IntegrationTest(properties = {"servicedesk.ingest.chunks.tickets=2", "servicedesk.ingest.worker.poll-interval=200ms"})
class LegacyTicketImportIT {

    static final CurrentUser MIGRATION = TestUsers.with("migracja", null, Role.INTEGRATION);
    static final CurrentUser FIRST_LINE = TestUsers.firstLine("jan.kowalski");
    static final CurrentUser USER_SUPPORT = TestUsers.agent("ewa.zielinska", "IT-04-2");
    static final CurrentUser BUSINESS_APPS = TestUsers.agent("piotr.aplikacje", "IT-05-1");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    IngestCalls ingest() {
        return new IngestCalls(api);
    }

    JsonCalls json() {
        return new JsonCalls(api);
    }

    @Test
    void anExportWithSeveralRowsPerTicketBecomesOneTicketEachWithItsHistoryAtTheOriginalTimes() {
        IngestCalls ingest = ingest();
        long run = ingest.start(
                MIGRATION,
                "legacy-ticket-import",
                "incidents.csv",
                LegacyExports.incidents(),
                Map.of("groups", LegacyExports.GROUPS));
        JsonNode view = ingest.completed(MIGRATION, run);

        assertThat(view.get("totalRows").asLong()).isEqualTo(21);
        assertThat(view.get("read").asLong()).as("rows read").isEqualTo(20);
        assertThat(view.get("written").asLong()).as("tickets registered").isEqualTo(4);
        assertThat(view.get("filtered").asLong()).isZero();
        assertThat(view.get("skipped").asLong()).isEqualTo(8);
        JsonNode stage = view.get("steps").get(0);
        assertThat(stage.get("name").asString()).isEqualTo("legacy-ticket-import.stage");
        assertThat(stage.get("written").asLong()).as("rows staged").isEqualTo(14);
        assertThat(stage.get("readSkips").asLong()).isEqualTo(1);
        assertThat(stage.get("processSkips").asLong()).isEqualTo(6);
        JsonNode tickets = view.get("steps").get(1);
        assertThat(tickets.get("read").asLong()).as("ticket numbers").isEqualTo(5);
        assertThat(tickets.get("written").asLong()).isEqualTo(4);
        assertThat(tickets.get("processSkips").asLong())
                .as("the history our lifecycle refuses")
                .isEqualTo(1);

        List<String> report = ingest.skipReport(MIGRATION, run).lines().toList();
        assertThat(report.subList(1, report.size()))
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("6,incident_state,Zamknięte,"),
                        line -> assertThat(line).startsWith("9,number,,").contains("required"),
                        line -> assertThat(line)
                                .startsWith("11,opened_at,30/2/2016 10:00,")
                                .contains("Not a timestamp"),
                        line -> assertThat(line).startsWith("14,impact,bardzo,"),
                        line -> assertThat(line).startsWith("18,sys_updated_at,wczoraj,"),
                        line -> assertThat(line)
                                .startsWith("20,number,INC0000049,")
                                .contains("INC0000049")
                                .contains("assignee"),
                        line -> assertThat(line)
                                .startsWith("21,caller_id,Caller yyyy")
                                .contains("100 characters"),
                        line -> assertThat(line).startsWith("22,,").contains("22 values"));
        assertThat(tickets("legacy:%")).as("one ticket per importable number").isEqualTo(4);

        // INC0000045: registered at the first line at 01:16 Warsaw, taken at 08:53, resolved at 11:29,
        // closed on 5 March; P3.
        JsonNode printer = ticket(FIRST_LINE, "INC0000045");
        assertThat(printer.get("number").asString()).startsWith("INC-2016-");
        assertThat(printer.get("title").asString()).isEqualTo("Drukarka na III piętrze nie drukuje");
        assertThat(printer.get("status").asString()).isEqualTo("CLOSED");
        assertThat(printer.get("priority").asString()).isEqualTo("P3");
        assertThat(printer.get("channel").asString()).isEqualTo("PHONE");
        assertThat(printer.get("requester").get("username").asString()).isEqualTo("Caller 2403");
        assertThat(printer.get("assignedUnit").asString()).isEqualTo("IT-02-2");
        assertThat(printer.get("resolvedByUnit").asString()).isEqualTo("IT-02-2");
        assertThat(printer.get("assignee").asString()).isEqualTo("Resolver 89");
        assertThat(printer.get("createdAt").asString()).isEqualTo("2016-02-29T00:16:00Z");
        assertThat(printer.get("firstResponseAt").asString()).isEqualTo("2016-02-29T07:53:00Z");
        assertThat(printer.get("resolvedAt").asString()).isEqualTo("2016-02-29T10:29:00Z");
        assertThat(printer.get("closedAt").asString()).isEqualTo("2016-03-05T11:00:00Z");
        assertThat(printer.get("externalReference").asString()).isEqualTo("legacy:INC0000045");
        assertThat(history(FIRST_LINE, printer))
                .containsExactly(
                        "CREATED 2016-02-29T00:16:00Z",
                        "ASSIGNED 2016-02-29T07:53:00Z",
                        "WORK_STARTED 2016-02-29T07:53:00Z",
                        "RESOLVED 2016-02-29T10:29:00Z",
                        "CLOSED 2016-03-05T11:00:00Z");
        JsonNode printerSla = sla(FIRST_LINE, printer);
        assertThat(target(printerSla, "RESPONSE").get("elapsed").asString())
                .as("07:30 to 08:53 of the office day")
                .isEqualTo("PT1H23M");
        assertThat(target(printerSla, "RESPONSE").get("state").asString()).isEqualTo("MET");
        assertThat(target(printerSla, "RESOLUTION").get("elapsed").asString()).isEqualTo("PT3H59M");
        assertThat(target(printerSla, "RESOLUTION").get("state").asString()).isEqualTo("MET");
        assertThat(target(printerSla, "RESOLUTION").get("stoppedAt").asString()).isEqualTo("2016-02-29T10:29:00Z");
        assertThat(jdbc.sql("SELECT rows_applied || ' ' || made_sla FROM legacy_ticket WHERE external_reference"
                                + " = 'legacy:INC0000045'")
                        .query(String.class)
                        .single())
                .as("its three rows")
                .isEqualTo("3 true");

        // INC0000046: escalated to IT-04-2 with the old system's handover, waited overnight for the caller:
        // the resolution clock paused, so 2 office hours were used of the 4 of a P1.
        JsonNode access = ticket(FIRST_LINE, "INC0000046");
        assertThat(access.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(access.get("priority").asString()).isEqualTo("P1");
        assertThat(access.get("assignedUnit").asString()).isEqualTo("IT-04-2");
        assertThat(access.get("line").asString()).isEqualTo("SECOND");
        assertThat(access.get("escalationCount").asInt()).isEqualTo(1);
        assertThat(access.get("handledBy").toString()).isEqualTo("[\"IT-02-2\",\"IT-04-2\"]");
        assertThat(access.get("resolvedByUnit").asString()).isEqualTo("IT-04-2");
        assertThat(access.get("createdAt").asString()).isEqualTo("2016-03-01T08:00:00Z");
        assertThat(access.get("resolvedAt").asString()).isEqualTo("2016-03-02T08:00:00Z");
        assertThat(history(FIRST_LINE, access))
                .containsExactly(
                        "CREATED 2016-03-01T08:00:00Z",
                        "ESCALATED 2016-03-01T08:20:00Z",
                        "ASSIGNED 2016-03-01T08:20:00Z",
                        "WORK_STARTED 2016-03-01T08:20:00Z",
                        "WAITING_FOR_REQUESTER 2016-03-01T09:00:00Z",
                        "COMMENTED 2016-03-02T07:00:00Z",
                        "REQUESTER_REPLIED 2016-03-02T07:00:00Z",
                        "RESOLVED 2016-03-02T08:00:00Z");
        JsonNode accessSla = sla(FIRST_LINE, access);
        assertThat(target(accessSla, "RESPONSE").get("elapsed").asString()).isEqualTo("PT20M");
        assertThat(target(accessSla, "RESOLUTION").get("elapsed").asString())
                .as("09:00-10:00 and 08:00-09:00; the night and the wait do not count")
                .isEqualTo("PT2H");
        assertThat(target(accessSla, "RESOLUTION").get("state").asString()).isEqualTo("MET");

        // INC0000047: its rows are out of order in the file; the latest (in progress, with Resolver 7) wins.
        JsonNode reopened = ticket(FIRST_LINE, "INC0000047");
        assertThat(reopened.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.get("assignee").asString()).isEqualTo("Resolver 7");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.path("resolvedAt").isNull()
                        || reopened.path("resolvedAt").isMissingNode())
                .isTrue();
        assertThat(reopened.get("createdAt").asString()).isEqualTo("2016-03-03T07:00:00Z");

        // INC0000048: a group the mapping does not know leaves the ticket where it is (documented default).
        JsonNode unmapped = ticket(FIRST_LINE, "INC0000048");
        assertThat(unmapped.get("assignedUnit").asString()).isEqualTo("IT-02-2");
        assertThat(unmapped.get("handledBy").toString()).isEqualTo("[\"IT-02-2\"]");
        assertThat(unmapped.get("status").asString()).isEqualTo("IN_PROGRESS");

        // Visible to the units that handled them and to their requesters only.
        json().get(USER_SUPPORT, "/api/v1/tickets/{id}", access.get("id").asLong())
                .expect(200);
        json().get(USER_SUPPORT, "/api/v1/tickets/{id}", printer.get("id").asLong())
                .problem(404, "not-found");
        json().get(BUSINESS_APPS, "/api/v1/tickets/{id}", access.get("id").asLong())
                .problem(404, "not-found");
        json().get(
                        TestUsers.requester("Caller 2403", "KP-01"),
                        "/api/v1/tickets/{id}",
                        printer.get("id").asLong())
                .expect(200);
        JsonNode queue = json().get(USER_SUPPORT, "/api/v1/tickets?unit=IT-04-2&size=50")
                .expect(200)
                .body();
        assertThat(queue.get("items").findValuesAsString("number"))
                .contains(access.get("number").asString())
                .doesNotContain(printer.get("number").asString());

        // Searchable: every imported ticket wrote its outbox row; the relay indexes it.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(search(FIRST_LINE, "drukarki"))
                        .contains(printer.get("number").asString()));
        assertThat(search(USER_SUPPORT, "drukarki"))
                .as("not a ticket IT-04-2 handled")
                .isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(search(USER_SUPPORT, "podatkowego"))
                        .contains(access.get("number").asString()));
    }

    @Test
    void reRunningTheSameExportCreatesNoDuplicates() {
        IngestCalls ingest = ingest();
        Map<String, Object> options = Map.of("groups", LegacyExports.GROUPS, "referencePrefix", "again:");
        long first = ingest.start(MIGRATION, "legacy-ticket-import", "again.csv", LegacyExports.incidents(), options);
        assertThat(ingest.completed(MIGRATION, first).get("written").asLong()).isEqualTo(4);
        long before = tickets("again:%");
        Map<String, Object> versions = jdbc
                .sql("SELECT external_reference, version FROM ticket"
                        + " WHERE external_reference LIKE 'again:%' AND status IN ('CLOSED', 'RESOLVED')")
                .query()
                .listOfRows()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        r -> (String) r.get("external_reference"), r -> r.get("version")));

        long second = ingest.start(MIGRATION, "legacy-ticket-import", "again.csv", LegacyExports.incidents(), options);
        JsonNode view = ingest.completed(MIGRATION, second);
        assertThat(view.get("written").asLong()).isZero();
        assertThat(view.get("filtered").asLong())
                .as("the tickets imported before")
                .isEqualTo(4);
        assertThat(view.get("skipped").asLong())
                .as("the same rows and tickets as before")
                .isEqualTo(8);
        assertThat(tickets("again:%")).isEqualTo(before).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM legacy_ticket WHERE external_reference LIKE 'again:%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc
                        .sql("SELECT external_reference, version FROM ticket"
                                + " WHERE external_reference LIKE 'again:%' AND status IN ('CLOSED', 'RESOLVED')")
                        .query()
                        .listOfRows()
                        .stream()
                        .collect(java.util.stream.Collectors.toMap(
                                r -> (String) r.get("external_reference"), r -> r.get("version"))))
                .as("tickets imported before are left as they are")
                .isEqualTo(versions);
    }

    @Test
    void anotherSystemsExportIsReadThroughTheColumnMappingDateFormatsZoneAndMissingValueMarker() {
        IngestCalls ingest = ingest();
        long run = ingest.start(
                MIGRATION,
                "legacy-ticket-import",
                "sm7.csv",
                LegacyExports.otherSystem(),
                LegacyExports.otherSystemOptions());
        JsonNode view = ingest.completed(MIGRATION, run);
        assertThat(view.get("read").asLong()).isEqualTo(4);
        assertThat(view.get("steps").get(0).get("written").asLong()).isEqualTo(4);
        assertThat(view.get("written").asLong()).isEqualTo(1);
        assertThat(view.get("skipped").asLong()).isEqualTo(1);
        assertThat(ingest.skipReport(MIGRATION, run).lines().toList().get(1))
                .as("a group the mapping does not know skips its ticket when asked to")
                .startsWith("4,assignment_group,Kadry,")
                .contains("not mapped");

        JsonNode network = ticket(FIRST_LINE, "SM-1", "sm7:");
        assertThat(network.get("requester").get("username").asString()).isEqualTo("jan.nowak");
        assertThat(network.get("title").asString()).isEqualTo("Brak sieci w pokoju 214");
        assertThat(network.get("createdAt").asString()).as("times in UTC").isEqualTo("2016-03-07T09:15:00Z");
        assertThat(network.get("assignedUnit").asString()).isEqualTo("IT-04-4");
        assertThat(network.get("resolvedByUnit").asString()).isEqualTo("IT-04-4");
        assertThat(network.get("assignee").asString()).isEqualTo("tomasz.siec");
        assertThat(network.get("status").asString()).isEqualTo("CLOSED");
        assertThat(network.get("resolvedAt").asString()).isEqualTo("2016-03-07T12:30:00Z");
        assertThat(network.get("closedAt").asString()).isEqualTo("2016-03-09T08:00:00Z");
        assertThat(tickets("sm7:SM-2")).isZero();
    }

    @Test
    void aMappingOrOptionsTheImportCannotUseAreRefusedAtLaunch() {
        IngestCalls ingest = ingest();
        long file = ingest.upload(MIGRATION, "sm7-bad.csv", LegacyExports.otherSystem());
        JsonNode problem = ingest.launch(
                        MIGRATION, "legacy-ticket-import", file, Map.of("columns", Map.of("number", "Ticket")))
                .problem(400, "wrong-header")
                .body();
        assertThat(problem.get("detail").asString()).contains("missing column(s) number");
        assertThat(ingest.launch(MIGRATION, "legacy-ticket-import", file, with("groups", Map.of("Sieć", "IT-01-1")))
                        .problem(400, "invalid-options")
                        .body()
                        .get("detail")
                        .asString())
                .as("IT-01-1 does not receive escalations")
                .contains("IT-01-1");
        ingest.launch(MIGRATION, "legacy-ticket-import", file, with("dateFormats", List.of("dd.MM.yyyy HH:mm bbb")))
                .problem(400, "invalid-options");
        ingest.launch(MIGRATION, "legacy-ticket-import", file, with("timeZone", "Europe/Kraków"))
                .problem(400, "invalid-options");
        ingest.launch(MIGRATION, "legacy-ticket-import", file, with("unmappedGroups", "guess"))
                .problem(400, "invalid-options");
        ingest.launch(MIGRATION, "legacy-ticket-import", file, with("referencePrefix", "x".repeat(21)))
                .problem(400, "invalid-options");
        ingest.launch(FIRST_LINE, "legacy-ticket-import", file, LegacyExports.otherSystemOptions())
                .problem(403, "action-not-allowed");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_run WHERE file_id = :file")
                        .param("file", file)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** The options of {@link LegacyExports#otherSystem()} with one of them changed. */
    private static Map<String, Object> with(String option, Object value) {
        Map<String, Object> options = new java.util.HashMap<>(LegacyExports.otherSystemOptions());
        options.put(option, value);
        return options;
    }

    private JsonNode ticket(CurrentUser user, String legacyNumber) {
        return ticket(user, legacyNumber, "legacy:");
    }

    private JsonNode ticket(CurrentUser user, String legacyNumber, String prefix) {
        long id = jdbc.sql("SELECT id FROM ticket WHERE external_reference = :ref")
                .param("ref", prefix + legacyNumber)
                .query(Long.class)
                .single();
        return json().get(user, "/api/v1/tickets/{id}", id).expect(200).body();
    }

    private List<String> history(CurrentUser user, JsonNode ticket) {
        JsonNode events = json().get(
                        user, "/api/v1/tickets/{id}/history", ticket.get("id").asLong())
                .expect(200)
                .body();
        List<String> lines = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.get("type").asString();
            if (!type.startsWith("SLA_") && !type.equals("ESCALATED_TO_DEPUTY")) {
                lines.add(type + " " + event.get("occurredAt").asString());
            }
        }
        return lines;
    }

    private JsonNode sla(CurrentUser user, JsonNode ticket) {
        return json().get(user, "/api/v1/tickets/{id}/sla", ticket.get("id").asLong())
                .expect(200)
                .body();
    }

    private static JsonNode target(JsonNode sla, String target) {
        for (JsonNode t : sla.get("targets")) {
            if (t.get("target").asString().equals(target)) {
                return t;
            }
        }
        throw new AssertionError("No " + target + " target in " + sla);
    }

    private List<String> search(CurrentUser user, String q) {
        JsonNode result =
                json().get(user, "/api/v1/search/tickets?q={q}", q).expect(200).body();
        return result.get("hits").findValuesAsString("number");
    }

    private long tickets(String referencePattern) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE external_reference LIKE :ref")
                .param("ref", referencePattern)
                .query(Long.class)
                .single();
    }
}
