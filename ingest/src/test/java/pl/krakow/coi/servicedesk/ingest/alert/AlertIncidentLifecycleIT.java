package pl.krakow.coi.servicedesk.ingest.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketChanges;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import tools.jackson.databind.JsonNode;

/**
 * The webhook over real HTTP, as Alertmanager calls it (payload version 4, an integration's token): an alert
 * flapping after its incident was closed or cancelled opens a new incident linked to the old one, and the
 * automatic escalation passes the same guard as an agent's, with a handover comment made of the alert's facts.
 */
@IntegrationTest(
        properties = {"servicedesk.ingest.alerts.flap-grace=10m", "servicedesk.ingest.alerts.auto-escalate=true"})
class AlertIncidentLifecycleIT {

    static final CurrentUser MONITORING =
            new CurrentUser("prometheus", "Prometheus", EnumSet.of(Role.INTEGRATION), Optional.empty());
    static final Actor AGENT =
            new Actor("jan.kowalski", "Jan Kowalski", Optional.of(new UnitCode("IT-02-2")), Actor.Kind.AGENT);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CmdbService cmdb;

    @Autowired
    TicketService tickets;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CLOSED", "CANCELLED"})
    void anAlertFlappingAfterItsIncidentWasClosedOrCancelledOpensANewIncidentLinkedToTheOldOne(String end) {
        String fingerprint = "flap-" + end.toLowerCase();
        Instant started = Instant.now().minusSeconds(600);
        JsonNode opened = notify(alert(fingerprint, "DiskFull", "firing", started, null));
        assertThat(opened.path("action").asString()).isEqualTo("OPENED");
        long first = opened.path("ticketId").asLong();
        String number = jdbc.sql("SELECT number FROM ticket WHERE id = :id")
                .param("id", first)
                .query(String.class)
                .single();

        if (end.equals("CANCELLED")) {
            TicketChanges.apply(
                    tickets, first, (t, at) -> t.cancel("Fałszywy alarm, dysk ma dużo wolnego miejsca.", AGENT, at));
            notify(alert(fingerprint, "DiskFull", "resolved", started, Instant.now()));
        } else {
            assertThat(notify(alert(fingerprint, "DiskFull", "resolved", started, Instant.now()))
                            .path("action")
                            .asString())
                    .isEqualTo("RESOLVED");
            TicketChanges.apply(tickets, first, (t, at) -> t.close(AGENT, at));
        }
        assertThat(status(first)).isEqualTo(end);

        // Fires again within the flap grace: the dead ticket takes no more work, a new incident opens.
        JsonNode again = notify(alert(fingerprint, "DiskFull", "firing", Instant.now(), null));
        assertThat(again.path("action").asString()).isEqualTo("OPENED");
        long second = again.path("ticketId").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(status(first)).as("the old ticket is left as it was").isEqualTo(end);
        assertThat(status(second)).as("open (at the first line, or escalated)").isIn("NEW", "ASSIGNED");
        assertThat(jdbc.sql("SELECT description FROM ticket WHERE id = :id")
                        .param("id", second)
                        .query(String.class)
                        .single())
                .contains("Follows: " + number + " (" + end + ")");
        var incidents = jdbc.sql("""
                        SELECT ticket_id, state, follows_ticket_id FROM alert_incident WHERE fingerprint = :fp ORDER BY id
                        """).param("fp", fingerprint).query().listOfRows();
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(1).get("ticket_id")).isEqualTo(second);
        assertThat(incidents.get(1).get("state")).isEqualTo("FIRING");
        assertThat(incidents.get(1).get("follows_ticket_id")).isEqualTo(first);

        // Its repeats and its resolution go to the new incident.
        assertThat(notify(alert(fingerprint, "DiskFull", "firing", Instant.now(), null))
                        .path("ticketId")
                        .asLong())
                .isEqualTo(second);
        notify(alert(fingerprint, "DiskFull", "resolved", Instant.now(), Instant.now()));
        assertThat(status(second)).isEqualTo("RESOLVED");
    }

    @Test
    void theAutomaticEscalationHandsOverWithTheAlertsFactsAndPassesTheAgentsGuard() {
        long server = server("srv-db-07", "CZ2020DB07");
        JsonNode opened = notify(alert("escalated", "PostgresDown", "firing", Instant.now(), null, "srv-db-07:9187"));
        long ticket = opened.path("ticketId").asLong();
        var row = jdbc.sql("SELECT assigned_unit, support_line, escalation_count, title, description FROM ticket"
                        + " WHERE id = :id")
                .param("id", ticket)
                .query()
                .singleRow();
        assertThat(row.get("assigned_unit")).isEqualTo("IT-04-1");
        assertThat(row.get("escalation_count")).isEqualTo(1);
        String handover = jdbc.sql("""
                        SELECT data ->> 'handoverComment' FROM ticket_event WHERE ticket_id = :id AND type = 'ESCALATED'
                        """).param("id", ticket).query(String.class).single();
        assertThat(handover)
                .as("the alert's facts, not the title again")
                .contains("PostgresDown")
                .contains("critical")
                .contains("srv-db-07")
                .contains("job=postgres")
                .contains("#" + server)
                .contains("IT-04-1")
                .doesNotContain(row.get("title").toString())
                .doesNotContain(row.get("description").toString());
    }

    @Test
    void anAutomaticEscalationTheGuardRefusesLeavesTheIncidentAtTheFirstLineSayingWhy() {
        server("srv-app-09", "CZ2020AP09");
        // The unit supporting the item stopped taking tickets after the item was recorded: an agent could not
        // escalate to it, and neither may monitoring.
        jdbc.sql("UPDATE org_unit SET active = false WHERE code = 'IT-04-1'").update();
        try {
            JsonNode opened = notify(alert("refused", "NodeDown", "firing", Instant.now(), null, "srv-app-09:9100"));
            assertThat(opened.path("action").asString()).isEqualTo("OPENED");
            long ticket = opened.path("ticketId").asLong();
            var row = jdbc.sql("SELECT assigned_unit, escalation_count FROM ticket WHERE id = :id")
                    .param("id", ticket)
                    .query()
                    .singleRow();
            assertThat(row.get("assigned_unit")).isEqualTo("IT-02-2");
            assertThat(row.get("escalation_count")).isEqualTo(0);
            assertThat(jdbc.sql("SELECT body FROM ticket_comment WHERE ticket_id = :id")
                            .param("id", ticket)
                            .query(String.class)
                            .list())
                    .anySatisfy(body -> assertThat(body)
                            .startsWith("Automatic escalation to IT-04-1 refused (unit-does-not-take-tickets)"));
            assertThat(jdbc.sql("SELECT count(*) FROM alert_incident WHERE fingerprint = 'refused'")
                            .query(Long.class)
                            .single())
                    .as("the incident is recorded although the escalation was refused")
                    .isEqualTo(1);
        } finally {
            jdbc.sql("UPDATE org_unit SET active = true WHERE code = 'IT-04-1'").update();
        }
    }

    long server(String hostname, String serial) {
        CurrentUser admin = TestUsers.with("cmdb", "IT-01-3", Role.CMDB_ADMIN);
        return cmdb.create(
                        CiDetails.builder("SERVER", hostname.toUpperCase())
                                .hostname(hostname)
                                .serialNumber(serial)
                                .supportingUnit("IT-04-1")
                                .build(),
                        CiStatus.IN_USE,
                        admin)
                .id();
    }

    JsonNode notify(Map<String, Object> alert) {
        JsonNode body = new JsonCalls(api)
                .post(
                        MONITORING,
                        "/api/v1/alerts/alertmanager",
                        Map.of("version", "4", "status", alert.get("status"), "alerts", List.of(alert)))
                .expect(200)
                .body();
        assertThat(body.path("alerts").size()).isEqualTo(1);
        return body.path("alerts").get(0);
    }

    static Map<String, Object> alert(String fingerprint, String name, String status, Instant startsAt, Instant endsAt) {
        return alert(fingerprint, name, status, startsAt, endsAt, null);
    }

    static Map<String, Object> alert(
            String fingerprint, String name, String status, Instant startsAt, Instant endsAt, String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("severity", "critical");
        labels.put("job", instance == null ? "node" : "postgres");
        if (instance != null) {
            labels.put("instance", instance);
        }
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", name + " raised by monitoring"));
        alert.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    String status(long ticket) {
        return jdbc.sql("SELECT status FROM ticket WHERE id = :id")
                .param("id", ticket)
                .query(String.class)
                .single();
    }
}
