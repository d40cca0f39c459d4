package pl.krakow.coi.servicedesk.reporting.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiFixture;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import tools.jackson.databind.JsonNode;

/** The daily snapshot job over the KPI fixture, the history API and month-over-month. */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KpiSnapshotIT {

    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    KpiSnapshotService snapshots;

    @Autowired
    KpiSnapshotScheduler scheduler;

    @Autowired
    JobRepository jobs;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void seed() {
        if (!seeded) {
            KpiFixture.seed(tickets, jdbc);
            seeded = true;
        }
    }

    @Test
    @Order(1)
    void theSnapshotJobWritesEveryScopeOfTheDayOnceAndTheHistoryShowsIt() {
        JsonNode started = api.as(TestUsers.admin("admin"))
                .post()
                .uri("/api/v1/kpis/snapshots?day=2026-10-05")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JobExecution execution = awaitDone(started.get("executionId").asLong());
        assertCompleted(execution);
        // Every ticket, every ticket but security incidents, each support unit.
        long scopes = 2
                + jdbc.sql("SELECT count(*) FROM org_unit WHERE active AND support_role <> 'NONE'")
                        .query(Long.class)
                        .single();
        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(step.getReadCount()).isEqualTo(scopes);
        assertThat(step.getWriteCount()).isEqualTo(scopes);
        assertThat(step.getSkipCount()).isZero();

        // 5 October: T1 and T2 registered, T1 resolved; open at midnight: T2 (until the 6th) and T8.
        JsonNode day =
                history("/api/v1/kpis/history?from=2026-10-05&to=2026-10-06").get(0);
        assertThat(day.get("day").asString()).isEqualTo("2026-10-05");
        assertThat(day.get("figures").get("created").asLong()).isEqualTo(2);
        assertThat(day.get("figures").get("resolved").asLong()).isEqualTo(1);
        assertThat(day.get("figures").get("backlog").asLong()).isEqualTo(2);
        // IT-04-1 handled T2 from that day on.
        JsonNode unit = history("/api/v1/kpis/history?from=2026-10-05&to=2026-10-06&unit=IT-04-1")
                .get(0);
        assertThat(unit.get("figures").get("created").asLong()).isEqualTo(1);

        // The day is done: asking again starts nothing.
        api.as(TestUsers.admin("admin"))
                .post()
                .uri("/api/v1/kpis/snapshots?day=2026-10-05")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ALREADY_DONE");
    }

    @Test
    void monthsAreSummedFromTheirDaysAndComparedWithTheMonthBefore() {
        List<Long> executions = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 9, 29); day.isBefore(KpiFixture.TO); day = day.plusDays(1)) {
            snapshots.snapshot(day).ifPresent(e -> executions.add(e.getId()));
        }
        executions.forEach(id -> assertCompleted(awaitDone(id)));

        JsonNode months = history("/api/v1/kpis/history/monthly?from=2026-09&to=2026-10");
        JsonNode september = months.get(0);
        JsonNode october = months.get(1);
        // September: only the 29th and 30th have snapshots; T8 was registered on the 29th.
        assertThat(september.get("days").asInt()).isEqualTo(2);
        assertThat(september.get("figures").get("created").asDouble()).isEqualTo(1.0);
        // October, summed from 31 days: the figures of the hand-computed month (KpiFixtureIT).
        assertThat(october.get("days").asInt()).isEqualTo(31);
        JsonNode figures = october.get("figures");
        assertThat(figures.get("created").asDouble()).isEqualTo(8.0);
        assertThat(figures.get("resolved").asDouble()).isEqualTo(5.0);
        assertThat(figures.get("backlog").asDouble()).isEqualTo(3.0);
        assertThat(figures.get("slaResolutionRate").asDouble()).isEqualTo(0.8);
        assertThat(figures.get("firstLineResolutionRate").asDouble()).isEqualTo(0.5);
        assertThat(figures.get("meanBusinessMinutesToResolve").asDouble()).isEqualTo(213.0);
        // Month over month: 8 registered against 1 → +700 %.
        assertThat(october.get("changeOverPreviousMonth").get("created").asDouble())
                .isEqualTo(7.0);
        // Open at the end of 30 September: T8 only; at the end of October 3: +200 %.
        assertThat(september.get("figures").get("backlog").asDouble()).isEqualTo(1.0);
        assertThat(october.get("changeOverPreviousMonth").get("backlog").asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void theNightlyRunSnapshotsTheMissingDaysOnce() {
        scheduler.nightly();
        LocalDate yesterday = LocalDate.now(pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery.ZONE)
                .minusDays(1);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.sql("SELECT count(*) FROM kpi_snapshot WHERE unit = '*' AND day = :day")
                                .param("day", java.sql.Date.valueOf(yesterday))
                                .query(Long.class)
                                .single()
                        == 1);
        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        jdbc.sql("SELECT count(*) FROM BATCH_JOB_EXECUTION WHERE status IN ('STARTING', 'STARTED')")
                                        .query(Long.class)
                                        .single()
                                == 0);
        // Everything of the last week is there: a second run (another replica) starts nothing.
        assertThat(snapshots.backfill(7)).isEmpty();
    }

    @Test
    @Order(2)
    void theChiefStrategistsHistoryLeavesSecurityIncidentsOut() {
        // 9 October: T6 and T7 registered; T7 is a security incident.
        assertThat(snapshots.snapshot(LocalDate.of(2026, 10, 9))).isPresent();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.sql("SELECT count(*) FROM kpi_snapshot WHERE day = '2026-10-09'")
                                .query(Long.class)
                                .single()
                        > 2);
        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        jdbc.sql("SELECT count(*) FROM BATCH_JOB_EXECUTION WHERE status IN ('STARTING', 'STARTED')")
                                        .query(Long.class)
                                        .single()
                                == 0);
        String day = "/api/v1/kpis/history?from=2026-10-09&to=2026-10-10";
        assertThat(history(day).get(0).get("figures").get("created").asLong()).isEqualTo(2);
        JsonNode strategist = api.as(TestUsers.manager("strateg", "IT-08"))
                .get()
                .uri(day)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(strategist.get(0).get("figures").get("created").asLong()).isEqualTo(1);
    }

    @Test
    void aUnitHeadReadsOnlyTheUnitsHistory() {
        api.as(TestUsers.manager("kierownik", "IT-04-1"))
                .get()
                .uri("/api/v1/kpis/history?unit=IT-04-2")
                .exchange()
                .expectStatus()
                .isForbidden();
        api.as(TestUsers.manager("kierownik", "IT-04-1"))
                .get()
                .uri("/api/v1/kpis/history")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aDivisionHeadReadsTheHistoryOfTheSectionsUnderTheDivision() {
        CurrentUser divisionHead = TestUsers.manager("kierownik.it05", "IT-05");
        api.as(divisionHead)
                .get()
                .uri("/api/v1/kpis/history?unit=IT-05-4")
                .exchange()
                .expectStatus()
                .isOk();
        api.as(divisionHead)
                .get()
                .uri("/api/v1/kpis/history?unit=IT-04-1")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private JsonNode history(String uri) {
        return api.as(DIRECTOR)
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** A failed execution's message names its exception (the exit description keeps the stack trace). */
    private static void assertCompleted(JobExecution execution) {
        assertThat(execution.getStatus())
                .as(
                        "execution %d of %s: %s %s",
                        execution.getId(),
                        execution.getJobParameters(),
                        execution.getExitStatus().getExitDescription(),
                        execution.getStepExecutions().stream()
                                .map(step -> step.getExitStatus().getExitDescription())
                                .toList())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private JobExecution awaitDone(long id) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !jobs.getJobExecution(id).isRunning());
        return jobs.getJobExecution(id);
    }
}
