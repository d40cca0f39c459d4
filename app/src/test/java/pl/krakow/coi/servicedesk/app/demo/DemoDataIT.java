package pl.krakow.coi.servicedesk.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The embedded run's demo data: accounts that log in, tickets across units, states and histories, and a CMDB and
 * licence register with content for the dashboard's panels, impact analysis and compliance.
 */
@IntegrationTest(properties = "servicedesk.demo-data.enabled=true")
class DemoDataIT {

    @Autowired
    DemoData demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RestTestClient http;

    @Autowired
    People people;

    @Test
    void theDemoPeopleAreInThePeopleRegisterWithTheirAddressesAndUnits() {
        Person anna = people.find("anna.nowak").orElseThrow();
        assertThat(anna.displayName()).isEqualTo("Anna Nowak");
        assertThat(anna.email()).isEqualTo("anna.nowak@um.krakow.pl");
        assertThat(anna.unitCode()).isEqualTo("KP-01");
        assertThat(anna.active()).isTrue();
        Person ewa = people.find("ewa.zielinska").orElseThrow();
        assertThat(ewa.email()).isEqualTo("ewa.zielinska@coi.krakow.pl");
        assertThat(ewa.unitCode()).isEqualTo("IT-04-2");
        assertThat(people.find("zastepca1").orElseThrow().email()).isEqualTo("zastepca1@coi.krakow.pl");
        // A system account is never a recipient.
        assertThat(people.find("integracja")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE source = 'demo'")
                        .query(Long.class)
                        .single())
                .isEqualTo(DemoAccounts.people().size());
    }

    @Test
    void demoTicketsCoverEveryUnitAndStateAndDemoUsersLogIn() {
        await().atMost(Duration.ofMinutes(2)).until(() -> demo.seededTickets() >= DemoData.TICKETS * 9 / 10);

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

    @Test
    void theCmdbAndTheLicenceRegisterHaveContentAndTicketsNameItems() {
        await().atMost(Duration.ofMinutes(2)).until(() -> demo.seededTickets() >= DemoData.TICKETS * 9 / 10);
        String admin = token("admin");
        String director = token("dyrektor");

        JsonNode items = get(admin, "/api/v1/cis?size=100");
        assertThat(items.get("total").asLong()).isGreaterThanOrEqualTo(25);
        assertThat(values(items.get("items"), "classCode"))
                .contains(
                        "SERVER",
                        "VIRTUAL_MACHINE",
                        "STORAGE",
                        "NETWORK_DEVICE",
                        "DATABASE",
                        "APPLICATION",
                        "BUSINESS_SERVICE",
                        "WORKSTATION",
                        "PRINTER");
        assertThat(values(items.get("items"), "name")).contains("e-Podatki", "System obsługi Rady Miasta", "ESX-01");

        long host = idOf(items, "ESX-01");
        assertThat(get(admin, "/api/v1/cis/" + host + "/relationships")).hasSizeGreaterThanOrEqualTo(4);
        JsonNode impact = get(admin, "/api/v1/cis/" + host + "/impact");
        assertThat(values(impact.get("businessServices"), "name"))
                .as("a host's failure reaches both business services")
                .contains("e-Podatki", "System obsługi Rady Miasta");
        assertThat(values(impact.get("people"), "username"))
                .as("and the tax officers whose workstations use e-Podatki")
                .contains("piotr.wisniewski");
        assertThat(impact.get("upstream").get("total").asInt())
                .as("the SAN and the core switch")
                .isPositive();

        JsonNode annasDesk = get(admin, "/api/v1/cis?assignedTo=anna.nowak&class=WORKSTATION")
                .get("items")
                .get(0);
        JsonNode installations =
                get(admin, "/api/v1/installations?ci=" + annasDesk.get("id").asLong());
        assertThat(values(installations, "product")).contains("Office Standard 2021", "Endpoint Security");
        assertThat(values(installations, "source")).containsOnly("AGENT");

        assertThat(get(admin, "/api/v1/licences")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(get(admin, "/api/v1/licences?expiringWithin=30")).hasSize(1);
        assertThat(get(admin, "/api/v1/licences?expiringWithin=60")).hasSize(2);
        assertThat(get(admin, "/api/v1/licences?expiringWithin=90")).hasSize(3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode summary = get(admin, "/api/v1/compliance/summary");
            assertThat(summary.get("products").get("OVER_DEPLOYED").asLong())
                    .as("Office and AutoCAD")
                    .isEqualTo(2);
            assertThat(summary.get("products").get("UNLICENSED").asLong())
                    .as("Visio")
                    .isEqualTo(1);
            assertThat(summary.get("products").get("COMPLIANT").asLong()).isPositive();
            assertThat(summary.get("expiringLicences").get("within90Days").asInt())
                    .isEqualTo(3);
        });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM ticket")
                                .query(Long.class)
                                .single()
                        == demo.seededTickets());
        long ticketsOnItems = jdbc.sql(
                        "SELECT count(*) FROM ticket WHERE type = 'INCIDENT' AND configuration_item_id IS NOT NULL")
                .query(Long.class)
                .single();
        assertThat(ticketsOnItems).as("incidents about configuration items").isGreaterThanOrEqualTo(20);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM ticket")
                                .query(Long.class)
                                .single()
                        == demo.seededTickets());
        var busiest = jdbc.sql("""
                        SELECT configuration_item_id, count(*) FROM ticket WHERE configuration_item_id IS NOT NULL
                        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        assertThat(get(admin, "/api/v1/cis/" + busiest[0] + "/tickets?size=100")
                        .get("total")
                        .asLong())
                .as("the tickets of the item named by most")
                .isEqualTo(busiest[1])
                .isGreaterThan(1);

        // The dashboard's panels: "Configuration items with most incidents" and "Licences and CMDB".
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
        String period = "from=" + today.minusDays(60) + "&to=" + today.plusDays(1);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode report = get(director, "/api/v1/kpis?" + period);
            assertThat(report.get("configurationItems")).isNotEmpty();
            String topItem = report.get("configurationItems").get(0).get("key").asString();
            assertThat(report.get("configurationItemNames").get(topItem).asString())
                    .isNotBlank();
            assertThat(report.get("licences").get("products").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(report.get("licences").get("shortfalls")).isNotEmpty();
            assertThat(values(report.get("configurationItemCounts"), "itemClass"))
                    .contains("WORKSTATION", "SERVER", "BUSINESS_SERVICE");
        });
    }

    private String token(String username) {
        return http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", DemoAccounts.PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("access_token")
                .asString();
    }

    @Test
    void theRemoteHandsQueueHasOpenTasksWithDueTimes() {
        await().atMost(Duration.ofMinutes(4)).until(demo::remoteHandsRequested);

        JsonNode queue = get(token("ewa.zielinska"), "/api/v1/remote-hands?unit=IT-04-2&open=true");
        assertThat(queue.get("total").asLong()).isBetween(1L, 6L);
        for (JsonNode task : queue.get("items")) {
            assertThat(task.get("status").asString()).isEqualTo("OPEN");
            assertThat(task.hasNonNull("dueAt")).as("due time").isTrue();
        }
    }

    @Test
    void demoAccountsArePeopleAndTheDemoUnitsHaveNotificationSettings() {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> jdbc.sql("SELECT count(*) FROM notification_unit_setting")
                                .query(Long.class)
                                .single()
                        > 0);
        assertThat(jdbc.sql("SELECT language FROM person WHERE username = 'piotr.wisniewski'")
                        .query(String.class)
                        .single())
                .isEqualTo("en");
        assertThat(jdbc.sql("SELECT email FROM person WHERE username = 'ewa.zielinska' AND active")
                        .query(String.class)
                        .single())
                .as("one address, on the embedded run's own mail server")
                .isEqualTo("ewa.zielinska@coi.krakow.pl");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE username = 'integracja'")
                        .query(Long.class)
                        .single())
                .as("never an integration account")
                .isZero();
        assertThat(jdbc.sql("""
                        SELECT unit_code || ' ' || delivery || ' ' || coalesce(head_username, '-')
                        FROM notification_unit_setting ORDER BY unit_code
                        """).query(String.class).list())
                .contains(
                        "IT-04-2 AGENTS kierownik.it042",
                        "COI-Z1 AGENTS zastepca1",
                        "COI-Z2 AGENTS zastepca2",
                        "COI-Z3 AGENTS zastepca3",
                        "IT-05-1 MAILBOX -");
    }

    private JsonNode get(String token, String uri) {
        return http.get()
                .uri(uri)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> values(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> node.hasNonNull(field))
                .map(node -> node.get(field).asString())
                .toList();
    }

    private static long idOf(JsonNode page, String name) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .filter(item -> item.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item " + name + " in " + page))
                .get("id")
                .asLong();
    }
}
