package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.warsaw;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.CoreTestApplication;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestClassesExcluded;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The SLA timers with a fixed clock: warnings and breaches as ticket events, once each, counted and
 * escalated to the deputy over the unit; paused clocks; and two application instances on one
 * database raising every alert exactly once. Each test cancels its tickets at the end, so that a later
 * test's clock does not raise their alerts.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaTimersIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T06:30:00Z"));

    static final String HANDOVER = "Zgłaszająca z KP-01 nie ma dostępu do udziałów sieciowych wydziału. Sprawdziłem"
            + " uprawnienia w domenie i połączenie sieciowe – bez zmian. Potrzebna diagnoza serwera plików.";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedTime {

        @Bean
        @Primary
        MutableClock slaTestClock() {
            return CLOCK;
        }
    }

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser infrastructure = TestUsers.agent("marek.lis", "IT-04-1");

    @Autowired
    Api api;

    @Autowired
    SlaTimers timers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Test
    @Order(1)
    void warningsAndBreachesAreRaisedOnceAsTicketEventsCountedAndEscalatedToTheDeputyOverTheUnit() {
        CLOCK.set(warsaw("2026-03-02T07:30"));
        long id = fileP1();
        CLOCK.set(warsaw("2026-03-02T07:35"));
        escalate(id, "IT-04-1");
        double warningsBefore = count(meters, "servicedesk.sla.warnings");
        double breachesBefore = count(meters, "servicedesk.sla.breaches");

        CLOCK.set(warsaw("2026-03-02T07:53"));
        timers.runOnce();
        assertThat(slaEvents(id)).isEmpty();

        CLOCK.set(warsaw("2026-03-02T07:54"));
        assertThat(timers.runOnce().alertsRaised()).isEqualTo(1);
        JsonNode warning = history(id).stream()
                .filter(e -> e.get("type").asString().equals("SLA_WARNING"))
                .findFirst()
                .orElseThrow();
        assertThat(warning.get("data").get("target").asString()).isEqualTo("RESPONSE");
        assertThat(warning.get("data").get("thresholdAt").asString())
                .isEqualTo(warsaw("2026-03-02T07:54").toString());
        assertThat(warning.get("actor").get("username").asString()).isEqualTo("system:sla");
        assertThat(warning.get("occurredAt").asString())
                .isEqualTo(warsaw("2026-03-02T07:54").toString());
        assertThat(timers.runOnce().alertsRaised()).as("raised once").isZero();

        CLOCK.set(warsaw("2026-03-02T08:00"));
        timers.runOnce();
        assertThat(slaEvents(id)).containsExactly("SLA_WARNING", "SLA_BREACHED", "ESCALATED_TO_DEPUTY");
        JsonNode ticket = ticket(id);
        assertThat(ticket.get("escalatedToDeputy").asString())
                .as("IT-04-1 reports to the III Deputy")
                .isEqualTo("COI-Z3");
        assertThat(ticket.get("sla").get("response").get("state").asString()).isEqualTo("BREACHED");

        CLOCK.set(warsaw("2026-03-02T08:05"));
        api.as(infrastructure)
                .post()
                .uri("/api/v1/tickets/{id}/assign", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assignee", "me"))
                .exchange()
                .expectStatus()
                .isOk();
        CLOCK.set(warsaw("2026-03-02T11:31"));
        timers.runOnce();
        timers.runOnce();
        assertThat(slaEvents(id))
                .containsExactly("SLA_WARNING", "SLA_BREACHED", "ESCALATED_TO_DEPUTY", "SLA_WARNING", "SLA_BREACHED");
        assertThat(count(meters, "servicedesk.sla.warnings") - warningsBefore).isEqualTo(2);
        assertThat(count(meters, "servicedesk.sla.breaches") - breachesBefore).isEqualTo(2);
        assertThat(meters.find("servicedesk.sla.breaches")
                        .tags("target", "RESOLUTION", "priority", "P1", "policy", "DEFAULT")
                        .counter())
                .isNotNull();

        JsonNode sla = api.as(infrastructure)
                .get()
                .uri("/api/v1/tickets/{id}/sla", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode resolution = sla.get("targets").get(1);
        assertThat(resolution.get("state").asString()).isEqualTo("BREACHED");
        assertThat(resolution.get("alerts").findValuesAsString("level")).containsExactly("WARNING", "BREACH");
        assertThat(nextCheck(id)).as("nothing left to raise").isNull();
        cancel(id);
    }

    @Test
    @Order(2)
    void aBreachOfATicketHeldByAnApplicationsUnitEscalatesToTheFirstDeputy() {
        CLOCK.set(warsaw("2026-03-03T07:30"));
        long id = fileP1();
        CLOCK.set(warsaw("2026-03-03T07:35"));
        escalate(id, "IT-05-1");
        CLOCK.set(warsaw("2026-03-03T08:01"));
        timers.runOnce();
        assertThat(ticket(id).get("escalatedToDeputy").asString()).isEqualTo("COI-Z1");
        cancel(id);
    }

    @Test
    @Order(3)
    void aPausedClockRaisesNothingUntilItResumes() {
        CLOCK.set(warsaw("2026-03-04T07:30"));
        long id = fileP1();
        CLOCK.set(warsaw("2026-03-04T07:40"));
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/wait-for-requester", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Którego udziału dotyczy problem i od kiedy?"))
                .exchange()
                .expectStatus()
                .isOk();
        CLOCK.set(warsaw("2026-03-04T14:00"));
        timers.runOnce();
        assertThat(slaEvents(id)).isEmpty();
        assertThat(nextCheck(id)).as("a paused clock needs no check").isNull();

        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", "Udział P: wydziału, od rana."))
                .exchange()
                .expectStatus()
                .isOk();
        timers.runOnce();
        // 10 minutes before the pause; the warning falls at 3 h 12 min: 1 h 30 min on Wednesday, the rest
        // on Thursday.
        assertThat(nextCheck(id)).isEqualTo(warsaw("2026-03-05T09:02"));
        CLOCK.set(warsaw("2026-03-05T09:02"));
        timers.runOnce();
        assertThat(slaEvents(id)).containsExactly("SLA_WARNING");
        assertThat(nextCheck(id)).isEqualTo(warsaw("2026-03-05T09:50"));
        cancel(id);
    }

    @Test
    @Order(4)
    void twoAppInstancesAgainstOneDatabaseRaiseEachWarningAndBreachExactlyOnce() throws Exception {
        int tickets = 30;
        CLOCK.set(warsaw("2026-03-09T07:30"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            ids.add(fileP1());
        }
        try (ConfigurableApplicationContext second = secondInstance()) {
            SlaTimers otherTimers = second.getBean(SlaTimers.class);
            MeterRegistry otherMeters = second.getBean(MeterRegistry.class);
            assertThat(otherTimers.worker()).isNotEqualTo(timers.worker());
            double alertsBefore = alerts(meters) + alerts(otherMeters);

            // Past every threshold: response warning and breach, resolution warning and breach.
            CLOCK.set(warsaw("2026-03-09T12:00"));
            List<SlaTimers> workers = List.of(timers, otherTimers, timers, otherTimers);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(workers.size());
            List<Future<int[]>> results = new ArrayList<>();
            for (SlaTimers worker : workers) {
                Callable<int[]> task = () -> {
                    start.await();
                    int[] total = new int[3];
                    SlaTimers.Run run;
                    do {
                        run = worker.runOnce();
                        total[0] += run.checked();
                        total[1] += run.alertsRaised();
                        total[2] += run.failures();
                    } while (run.checked() > 0);
                    return total;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int raised = 0;
            int failures = 0;
            List<String> perWorker = new ArrayList<>();
            for (Future<int[]> result : results) {
                int[] total = result.get(2, TimeUnit.MINUTES);
                raised += total[1];
                failures += total[2];
                perWorker.add(total[0] + " checked/" + total[1] + " raised");
            }
            pool.shutdown();
            System.out.println("SLA workers (4 threads, 2 instances): " + perWorker);

            assertThat(failures).isZero();
            assertThat(raised).isEqualTo(4 * tickets);
            Map<String, Long> eventsByType = new LinkedHashMap<>();
            jdbc.sql("""
                            SELECT type, count(*) AS n FROM ticket_event
                            WHERE ticket_id IN (:ids) AND type IN ('SLA_WARNING', 'SLA_BREACHED', 'ESCALATED_TO_DEPUTY')
                            GROUP BY type
                            """)
                    .param("ids", ids)
                    .query((rs, n) -> eventsByType.put(rs.getString("type"), rs.getLong("n")))
                    .list();
            assertThat(eventsByType)
                    .containsEntry("SLA_WARNING", 2L * tickets)
                    .containsEntry("SLA_BREACHED", 2L * tickets)
                    .containsEntry("ESCALATED_TO_DEPUTY", (long) tickets);
            List<String> duplicates =
                    jdbc.sql("""
                            SELECT ticket_id || ' ' || type || ' ' || (data ->> 'target') FROM ticket_event
                            WHERE ticket_id IN (:ids) AND type IN ('SLA_WARNING', 'SLA_BREACHED')
                            GROUP BY ticket_id, type, data ->> 'target' HAVING count(*) <> 1
                            """).param("ids", ids).query(String.class).list();
            assertThat(duplicates).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM sla_alert WHERE ticket_id IN (:ids)")
                            .param("ids", ids)
                            .query(Long.class)
                            .single())
                    .isEqualTo(4L * tickets);
            List<String> raisedBy = jdbc.sql("SELECT DISTINCT raised_by FROM sla_alert WHERE ticket_id IN (:ids)")
                    .param("ids", ids)
                    .query(String.class)
                    .list();
            assertThat(raisedBy).isSubsetOf(timers.worker(), otherTimers.worker());
            System.out.println("SLA alerts raised by: " + raisedBy);
            assertThat(alerts(meters) + alerts(otherMeters) - alertsBefore)
                    .as("counted once, on the instance that raised it")
                    .isEqualTo(4.0 * tickets);

            assertThat(otherTimers.runOnce().alertsRaised() + timers.runOnce().alertsRaised())
                    .isZero();
        }
        ids.forEach(this::cancel);
    }

    /** A second application context on the same database and clock, as another replica. */
    private ConfigurableApplicationContext secondInstance() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "servicedesk.elasticsearch.uris",
                "servicedesk.elasticsearch.index-prefix")) {
            properties.put(name, Objects.requireNonNullElse(environment.getProperty(name), ""));
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(CoreTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("testClassesExcluded", new TestClassesExcluded());
                    context.getBeanFactory().registerSingleton("slaTestClock", CLOCK);
                })
                .run();
    }

    private static double count(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static double alerts(MeterRegistry registry) {
        return count(registry, "servicedesk.sla.warnings") + count(registry, "servicedesk.sla.breaches");
    }

    private Instant nextCheck(long id) {
        return jdbc.sql("SELECT next_check_at FROM sla_ticket WHERE ticket_id = :id")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
                .single()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    /** Filed by the first line on anna's behalf: a requester's own impact and urgency do not set the priority. */
    private long fileP1() {
        return api.as(firstLine)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title",
                        "Brak dostępu do udziałów",
                        "description",
                        "Cały wydział nie ma dostępu do dysku P:.",
                        "channel",
                        "PHONE",
                        "requester",
                        Map.of(
                                "username",
                                anna.username(),
                                "unitCode",
                                anna.unit().orElseThrow()),
                        "impact",
                        "HIGH",
                        "urgency",
                        "HIGH"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    private void escalate(long id, String unit) {
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/escalate", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unit", unit, "handoverComment", HANDOVER))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private void cancel(long id) {
        api.as(anna)
                .post()
                .uri("/api/v1/tickets/{id}/cancel", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Problem rozwiązał się sam, dziękuję."))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private JsonNode ticket(long id) {
        return api.as(firstLine)
                .get()
                .uri("/api/v1/tickets/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private List<JsonNode> history(long id) {
        JsonNode history = api.as(firstLine)
                .get()
                .uri("/api/v1/tickets/{id}/history", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<JsonNode> events = new ArrayList<>();
        history.forEach(events::add);
        return events;
    }

    private List<String> slaEvents(long id) {
        return history(id).stream()
                .map(e -> e.get("type").asString())
                .filter(type -> type.startsWith("SLA_") || type.equals("ESCALATED_TO_DEPUTY"))
                .toList();
    }
}
