package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;

/**
 * The two KPI paths agree on a generated dataset: 600 tickets with random histories over three months
 * (first-line resolutions, escalations, reassignments, pauses, reopenings, cancellations, open tickets),
 * for several periods, granularities, filters and callers.
 */
@IntegrationTest
class KpiReconciliationIT {

    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IndexWaiter index;

    @BeforeEach
    void seed() {
        if (!seeded) {
            GeneratedHistories.register(tickets, jdbc, 600, LocalDate.of(2026, 6, 1), 92, 8);
            seeded = true;
        }
        index.awaitCaughtUp();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "dyrektor, COI-DYR, from=2026-06-01&to=2026-09-01&granularity=month",
        "dyrektor, COI-DYR, from=2026-07-01&to=2026-08-01&granularity=day",
        "dyrektor, COI-DYR, from=2026-06-15&to=2026-08-15&granularity=week&channel=PORTAL&channel=PHONE",
        "dyrektor, COI-DYR, from=2026-06-01&to=2026-09-01&unit=IT-04-1&priority=P2&priority=P3",
        "dyrektor, COI-DYR, from=2026-06-01&to=2026-09-01&line=SECOND&category=NET-CORE",
        "dyrektor, COI-DYR, from=2026-06-01&to=2026-09-01&customerUnit=KP-01",
        "dyrektor, COI-DYR, from=2026-08-20&to=2026-12-01&granularity=week",
        "kierownik, IT-04-2, from=2026-06-01&to=2026-09-01&granularity=month",
        "strateg, IT-08, from=2026-05-01&to=2026-10-01&granularity=month"
    })
    void theIndexAndPostgresqlGiveTheSameKpis(String user, String unit, String query) {
        CurrentUser manager = TestUsers.manager(user, unit);
        KpiComparison.Reconciliation reconciliation = api.as(manager)
                .get()
                .uri("/api/v1/kpis/reconciliation?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(KpiComparison.Reconciliation.class)
                .returnResult()
                .getResponseBody();
        assertThat(reconciliation.differences()).isEmpty();
        assertThat(reconciliation.index().created() + reconciliation.index().backlog())
                .isPositive();
    }
}
