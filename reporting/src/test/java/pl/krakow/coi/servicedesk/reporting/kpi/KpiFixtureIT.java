package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

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
import pl.krakow.coi.servicedesk.ticket.TicketService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every KPI of October 2026 over {@link KpiFixture}, against values computed by hand from the fixture's
 * timestamps, from both sources: the index (Elasticsearch aggregations) and PostgreSQL.
 */
@IntegrationTest
class KpiFixtureIT {

    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final CurrentUser UNIT_HEAD = TestUsers.manager("kierownik.it041", "IT-04-1");

    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IndexWaiter index;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void seed() {
        if (!seeded) {
            KpiFixture.seed(tickets, jdbc);
            seeded = true;
        }
        index.awaitCaughtUp();
    }

    KpiReport report(CurrentUser user, String source, String extra) {
        String body = api.as(user)
                .get()
                .uri("/api/v1/kpis?from=2026-10-01&to=2026-11-01&source=" + source + extra)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readValue(body, KpiReport.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "database"})
    void octoberKpisEqualTheHandComputedValues(String source) {
        KpiReport r = report(DIRECTOR, source, "&granularity=month");

        // Registered in October: T1 … T7 and T9 (T8 was registered on 29 September).
        assertThat(r.created()).isEqualTo(8);
        // Resolved in October: T1 (5th), T2 (6th), T3 (7th, its last resolution), T4 (8th), T7 (9th);
        // T9 is resolved on 2 November.
        assertThat(r.resolved()).isEqualTo(5);
        // T6, cancelled on 9 October.
        assertThat(r.cancelled()).isEqualTo(1);
        // Open at 1 November 00:00 (23:00Z on 31 October): T5 and T8 (open), T9 (resolved on 2 November).
        assertThat(r.backlog()).isEqualTo(3);
        assertThat(r.asOf()).isEqualTo(java.time.Instant.parse("2026-10-31T23:00:00Z"));
        // Ages at that moment: T9 5 d 15 h, T5 23 d 14 h, T8 32 d 16 h.
        assertThat(r.aging())
                .containsExactly(
                        new KpiReport.Count("0-1d", 0),
                        new KpiReport.Count("1-3d", 0),
                        new KpiReport.Count("3-7d", 1),
                        new KpiReport.Count("7-30d", 1),
                        new KpiReport.Count("30d+", 1));

        // First answered in October: T1 20 min, T2 30, T3 10, T4 30 (the question to the requester),
        // T5 5, T7 15, T9 30; all within office hours, so business = calendar time.
        // Sorted 5, 10, 15, 20, 30, 30, 30: mean 140 / 7 = 20; median the 4th = 20; p90 at rank
        // 0.9 × 6 = 5.4 → between 30 and 30 = 30.
        KpiReport.Stats response = new KpiReport.Stats(7, 20.0, 20.0, 30.0);
        assertThat(r.firstResponse().business()).isEqualTo(response);
        assertThat(r.firstResponse().calendar()).isEqualTo(response);
        // Every one within its target (P3 4 h, P2 1 h, P1 30 min, P4 8 h).
        assertThat(r.slaResponse()).isEqualTo(KpiReport.Rate.of(7, 7));

        // Resolved in October, business time (office hours 07:30–15:30, pauses excluded):
        // T1 08:00–09:00 = 60; T2 Mon 14:00–15:30 (90) + Tue 07:30–10:30 (180) = 270;
        // T3 Tue 09:00–15:30 (390) + Wed 07:30–09:00 (90) + after the reopen 12:00–13:00 (60) = 540;
        // T4 Wed 10:00–10:30 (30), paused until Thu 10:00, 10:00–10:30 (30) = 60; T7 10:00–12:15 = 135.
        // Sorted 60, 60, 135, 270, 540: mean 1065 / 5 = 213; median 135; p90 at rank 3.6 →
        // 270 + 0.6 × (540 − 270) = 432.
        assertThat(r.resolution().business()).isEqualTo(new KpiReport.Stats(5, 213.0, 135.0, 432.0));
        // Calendar time to the last resolution: T1 60; T2 20 h 30 = 1230; T3 Tue 09:00 → Wed 13:00 = 1680;
        // T4 Wed 10:00 → Thu 10:30 = 1470; T7 135. Sorted 60, 135, 1230, 1470, 1680: mean 4575 / 5 = 915;
        // median 1230; p90 1470 + 0.6 × 210 = 1596.
        assertThat(r.resolution().calendar()).isEqualTo(new KpiReport.Stats(5, 915.0, 1230.0, 1596.0));
        // T3 (P1, 4 h) reached its target on Tuesday at 13:00, before it was resolved: breached. The other
        // four met theirs.
        assertThat(r.slaResolution()).isEqualTo(KpiReport.Rate.of(4, 5));

        // First-line resolution: of T1, T2, T3, T4 (T7 is a security incident), T1 and T4.
        assertThat(r.firstLineResolution()).isEqualTo(KpiReport.Rate.of(2, 4));
        // Escalated, of the 8 registered: T2 and T5 to IT-04-1, T3 to IT-04-2, T7 to IT-02-1 (a security
        // incident enters at the first line too, ADR 0005).
        assertThat(r.escalations().overall()).isEqualTo(KpiReport.Rate.of(4, 8));
        assertThat(r.escalations().byUnit())
                .containsExactly(
                        new KpiReport.UnitRate("IT-04-1", KpiReport.Rate.of(2, 8)),
                        new KpiReport.UnitRate("IT-02-1", KpiReport.Rate.of(1, 8)),
                        new KpiReport.UnitRate("IT-04-2", KpiReport.Rate.of(1, 8)));
        // T3 was reassigned once and reopened once.
        assertThat(r.reassignments()).isEqualTo(new KpiReport.Reassignments(1, 5, 0.2));
        assertThat(r.reopened()).isEqualTo(KpiReport.Rate.of(1, 5));

        assertThat(r.channels())
                .containsExactly(
                        new KpiReport.Count("PORTAL", 4),
                        new KpiReport.Count("EMAIL", 2),
                        new KpiReport.Count("PHONE", 2));
        assertThat(r.categories())
                .containsExactly(
                        new KpiReport.Count(KpiFixture.PRINTER, 4),
                        new KpiReport.Count(KpiFixture.NETWORK, 2),
                        new KpiReport.Count(KpiFixture.PHISHING, 1),
                        new KpiReport.Count(KpiFixture.INSTALL, 1));
        // Incidents with a configuration item: T3 and T5 on item 501.
        assertThat(r.configurationItems()).containsExactly(new KpiReport.Count("501", 2));

        // Per resolving unit: IT-02-2 resolved T1 and T4; IT-02-1 T7; IT-04-1 T2; IT-05-4 T3 (breached).
        assertThat(r.slaByUnit())
                .containsExactly(
                        new KpiReport.UnitSla("IT-02-2", KpiReport.Rate.of(2, 2), KpiReport.Rate.of(2, 2)),
                        new KpiReport.UnitSla("IT-02-1", KpiReport.Rate.of(1, 1), KpiReport.Rate.of(1, 1)),
                        new KpiReport.UnitSla("IT-04-1", KpiReport.Rate.of(1, 1), KpiReport.Rate.of(1, 1)),
                        new KpiReport.UnitSla("IT-05-4", KpiReport.Rate.of(1, 1), KpiReport.Rate.of(0, 1)));
        assertThat(r.series()).containsExactly(new KpiReport.SeriesPoint(KpiFixture.FROM, 8, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "database"})
    void dailySeriesAndFiltersFollowTheTimestamps(String source) {
        KpiReport daily = report(DIRECTOR, source, "&granularity=day");
        assertThat(daily.series()).hasSize(31);
        // Registered: 5 Oct T1, T2; 6 Oct T3; 7 Oct T4; 8 Oct T5; 9 Oct T6, T7; 26 Oct T9.
        // Resolved: 5 Oct T1; 6 Oct T2; 7 Oct T3; 8 Oct T4; 9 Oct T7.
        assertThat(daily.series().stream()
                        .filter(p -> p.created() > 0 || p.resolved() > 0)
                        .toList())
                .containsExactly(
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 5), 2, 1),
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 6), 1, 1),
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 7), 1, 1),
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 8), 1, 1),
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 9), 2, 1),
                        new KpiReport.SeriesPoint(java.time.LocalDate.of(2026, 10, 26), 1, 0));

        // Channel e-mail: T2 (resolved) and T6 (cancelled).
        KpiReport email = report(DIRECTOR, source, "&channel=email");
        assertThat(List.of(email.created(), email.resolved(), email.cancelled(), email.backlog()))
                .containsExactly(2L, 1L, 1L, 0L);
        // Priority P1: T3 only.
        KpiReport p1 = report(DIRECTOR, source, "&priority=P1");
        assertThat(p1.slaResolution()).isEqualTo(KpiReport.Rate.of(0, 1));
        // Second line now: T2, T3, T5 (T7 is at the security line).
        KpiReport second = report(DIRECTOR, source, "&line=SECOND");
        assertThat(List.of(second.created(), second.resolved(), second.backlog()))
                .containsExactly(3L, 2L, 1L);
        // Customer unit KP-01: T1, T3, T5, T9 registered; T8 is KP-04.
        KpiReport kp01 = report(DIRECTOR, source, "&customerUnit=KP-01");
        assertThat(kp01.created()).isEqualTo(4);
        // Category NET-CORE: T2, T6.
        assertThat(report(DIRECTOR, source, "&category=NET-CORE").created()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "database"})
    void aUnitHeadSeesTheTicketsOfTheUnit(String source) {
        // IT-04-1 handled T2 (resolved) and T5 (open); nothing else.
        KpiReport r = report(UNIT_HEAD, source, "");
        KpiReport october = report(UNIT_HEAD, source, "&granularity=month");
        assertThat(october.created()).isEqualTo(2);
        assertThat(october.resolved()).isEqualTo(1);
        assertThat(october.backlog()).isEqualTo(1);
        assertThat(october.firstLineResolution()).isEqualTo(KpiReport.Rate.of(0, 1));
        assertThat(r.source()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "database"})
    void aDivisionHeadSeesTheTicketsOfTheSectionsUnderTheDivision(String source) {
        // IT-05-4 reports to the IT-05 division (§17.1.4); of the fixture it handled T3 only, resolved in
        // October. The head of IT-05 sees it by the reporting lines, the head of IT-07 (no part in it) does not.
        KpiReport division = report(TestUsers.manager("kierownik.it05", "IT-05"), source, "&granularity=month");
        assertThat(division.created()).isEqualTo(1);
        assertThat(division.resolved()).isEqualTo(1);
        KpiReport section = report(TestUsers.manager("kierownik.it054", "IT-05-4"), source, "&granularity=month");
        assertThat(section.created()).isEqualTo(1);
        KpiReport other = report(TestUsers.manager("kierownik.it07", "IT-07"), source, "&granularity=month");
        assertThat(other.created()).isZero();
    }

    @Test
    void securityIncidentsStayOutOfTheChiefStrategistsFigures() {
        KpiReport r = report(TestUsers.manager("strateg", "IT-08"), "index", "");
        KpiReport october = report(TestUsers.manager("strateg", "IT-08"), "index", "&granularity=month");
        assertThat(october.created()).isEqualTo(7);
        assertThat(october.categories()).extracting(KpiReport.Count::key).doesNotContain(KpiFixture.PHISHING);
        assertThat(r.period().to()).isEqualTo(KpiFixture.TO);
    }

    @Test
    void theIndexAndTheDatabaseAgreeOnTheFixture() {
        KpiComparison.Reconciliation reconciliation = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis/reconciliation?from=2026-09-01&to=2026-11-15&granularity=week")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(KpiComparison.Reconciliation.class)
                .returnResult()
                .getResponseBody();
        assertThat(reconciliation.differences()).isEmpty();
        assertThat(reconciliation.index().created()).isEqualTo(9);
    }

    @Test
    void kpisAreForManagers() {
        api.as(TestUsers.firstLine("jan.kowalski"))
                .get()
                .uri("/api/v1/kpis")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/kpis-for-managers");
        api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis?from=2026-10-05&to=2026-10-01")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/invalid-period");
    }
}
