package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index's medians and 90th percentiles equal PostgreSQL's on 20 000 heavy-tailed histories (ADR 0073):
 * log-normal first responses and resolutions from seconds to months, many of zero minutes, written straight
 * into PostgreSQL and brought into the index by the reindex job. The reconciliation compares every figure
 * exactly, and the calendar-time figures also equal PostgreSQL's own {@code percentile_cont}.
 */
@IntegrationTest
class HeavyTailedPercentilesIT {

    static final int HISTORIES = 20_000;
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final CurrentUser ADMIN = TestUsers.admin("admin");
    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    IndexWaiter index;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        HeavyTailedHistories.insert(jdbc, json, HISTORIES, FROM, 365, 21);
        long execution = api.as(ADMIN)
                .post()
                .uri("/api/v1/search/reindex")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("executionId")
                .asLong();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String status = reindex(execution).get("status").asString();
                    return !List.of("STARTING", "STARTED", "STOPPING").contains(status);
                });
        assertThat(reindex(execution).get("status").asString()).isEqualTo("COMPLETED");
        index.awaitCaughtUp();
        seeded = true;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "from=2025-01-01&to=2026-01-01&granularity=month",
                "from=2025-03-01&to=2025-04-01&priority=P1",
                "from=2025-01-01&to=2026-01-01&channel=PHONE",
                "from=2025-06-01&to=2025-09-01&unit=IT-04-1&customerUnit=KP-02"
            })
    void theIndexsMediansAndNinetiethPercentilesEqualPostgresqls(String query) {
        KpiComparison.Reconciliation reconciliation = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis/reconciliation?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(KpiComparison.Reconciliation.class)
                .returnResult()
                .getResponseBody();
        assertThat(reconciliation.differences()).isEmpty();
        assertThat(reconciliation.index().resolution().calendar().count()).isPositive();
    }

    @Test
    void theCalendarFiguresAreThoseOfPostgresqlsPercentileCont() {
        KpiReport year = report("from=2025-01-01&to=2026-01-01");
        assertThat(year.resolved() + year.backlog()).isGreaterThanOrEqualTo(HISTORIES);
        KpiReport.Stats resolution = year.resolution().calendar();
        assertThat(resolution.count()).isGreaterThan(15_000);
        // Heavy-tailed: the 90th percentile is many times the median, and many durations are zero minutes.
        assertThat(resolution.p90()).isGreaterThan(10 * resolution.median());
        assertThat(zeroMinutes("first_response_at")).isGreaterThan(HISTORIES / 5);

        assertThat(resolution.median()).isEqualTo(percentileCont(0.5, "resolved_at"));
        assertThat(resolution.p90()).isEqualTo(percentileCont(0.9, "resolved_at"));
        KpiReport.Stats response = year.firstResponse().calendar();
        assertThat(response.median()).isEqualTo(percentileCont(0.5, "first_response_at"));
        assertThat(response.p90()).isEqualTo(percentileCont(0.9, "first_response_at"));

        // Phone calls are mostly answered at once: a median of zero minutes, exact as well.
        KpiReport phone = report("from=2025-01-01&to=2026-01-01&channel=PHONE");
        assertThat(phone.firstResponse().calendar().median()).isEqualTo(0.0);
    }

    KpiReport report(String query) {
        String body = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis?source=index&" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readValue(body, KpiReport.class);
    }

    /** PostgreSQL's {@code percentile_cont} of whole calendar minutes from registration to {@code column}. */
    Double percentileCont(double q, String column) {
        Double value = jdbc.sql("SELECT percentile_cont(CAST(:q AS float8)) WITHIN GROUP (ORDER BY floor(extract(epoch"
                        + " FROM " + column + " - created_at) / 60)) FROM ticket WHERE " + column + " >= :from AND "
                        + column + " < :to")
                .param("q", q)
                .param("from", Timestamp.from(FROM.atStartOfDay(KpiQuery.ZONE).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                FROM.plusYears(1).atStartOfDay(KpiQuery.ZONE).toInstant()))
                .query(Double.class)
                .single();
        return KpiReport.round2(value);
    }

    long zeroMinutes(String column) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE " + column + " - created_at < interval '1 minute'")
                .query(Long.class)
                .single();
    }

    JsonNode reindex(long execution) {
        return api.as(ADMIN)
                .get()
                .uri("/api/v1/search/reindex/{id}", execution)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
