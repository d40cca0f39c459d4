package pl.krakow.coi.servicedesk.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The embedded run's demo data: accounts that log in, and tickets across units, states and histories. */
@IntegrationTest(properties = "servicedesk.demo-data.enabled=true")
class DemoDataIT {

    @Autowired
    DemoData demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RestTestClient http;

    @Test
    void demoTicketsCoverEveryUnitAndStateAndDemoUsersLogIn() {
        await().atMost(Duration.ofMinutes(2)).until(() -> demo.seededTickets() >= DemoData.TICKETS * 9 / 10);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM ticket")
                                .query(Long.class)
                                .single()
                        == demo.seededTickets());

        List<String> units = jdbc.sql("SELECT DISTINCT assigned_unit FROM ticket ORDER BY 1")
                .query(String.class)
                .list();
        assertThat(units)
                .contains(
                        "IT-02-1", "IT-02-2", "IT-04-1", "IT-04-2", "IT-04-3", "IT-04-4", "IT-05-1", "IT-05-2",
                        "IT-05-3", "IT-05-4");
        List<String> statuses = jdbc.sql("SELECT DISTINCT status FROM ticket")
                .query(String.class)
                .list();
        assertThat(statuses).contains("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED");
        List<String> events = jdbc.sql("SELECT DISTINCT type FROM ticket_event")
                .query(String.class)
                .list();
        assertThat(events)
                .contains(
                        "CREATED",
                        "ASSIGNED",
                        "ESCALATED",
                        "REASSIGNED",
                        "REMOTE_HANDS_REQUESTED",
                        "WAITING_FOR_REQUESTER",
                        "REQUESTER_REPLIED",
                        "RESOLVED",
                        "REOPENED",
                        "CLOSED");
        long firstLineResolved = jdbc.sql("SELECT count(*) FROM ticket WHERE resolved_by_line = 'FIRST'")
                .query(Long.class)
                .single();
        assertThat(firstLineResolved).isPositive();

        String token = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "ewa.zielinska", "password", DemoAccounts.PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("access_token")
                .asString();
        JsonNode queue = http.get()
                .uri("/api/v1/tickets?unit=IT-04-2&size=5")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(queue.get("total").asLong()).isPositive();
        http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "ewa.zielinska", "password", "wrong"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/invalid-credentials");
    }
}
