package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote-hands KPIs of October 2026 over {@link RemoteHandsTasksFixture}, stored in {@code ticket_task}
 * and read over HTTP, against values computed by hand; the business minutes come from the seeded calendar
 * WARSAW-OFFICE through the SLA configuration.
 */
@IntegrationTest
class RemoteHandsKpiIT {

    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final CurrentUser TELECOM_HEAD = TestUsers.manager("kierownik.it044", "IT-04-4");

    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        Requester anna = new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")));
        long ticket = tickets.registerAt(
                        new Ticket.NewTicket(
                                TicketType.INCIDENT,
                                "Drukarka w pokoju 214",
                                "Drukarka nie drukuje od rana.",
                                anna,
                                Channel.PORTAL,
                                null,
                                null,
                                Impact.LOW,
                                Urgency.LOW,
                                null),
                        new Actor("anna.nowak", "Anna Nowak", anna.customerUnit(), Actor.Kind.REQUESTER),
                        Instant.parse("2026-09-29T08:00:00Z"))
                .id();
        for (RemoteHandsTasksFixture.Row row : RemoteHandsTasksFixture.ROWS) {
            jdbc.sql("""
                            INSERT INTO ticket_task (ticket_id, kind, requested_by, requested_by_unit, assigned_unit,
                                description, status, created_at, due_at, completed_at, completed_by, cancelled_at,
                                cancelled_by, cancel_reason)
                            VALUES (:ticket, 'REMOTE_HANDS', 'agent', :unit, 'IT-04-2', :name, :status, :requested,
                                :due, :completed, :completedBy, :cancelled, :cancelledBy, :reason)
                            """)
                    .param("ticket", ticket)
                    .param("unit", row.requestedByUnit())
                    .param("name", row.name())
                    .param(
                            "status",
                            row.completedAt() != null ? "DONE" : row.cancelledAt() != null ? "CANCELLED" : "OPEN")
                    .param("requested", timestamp(row.requestedAt()))
                    .param("due", timestamp(row.dueAt()))
                    .param("completed", timestamp(row.completedAt()))
                    .param("completedBy", row.completedAt() == null ? null : "ewa.zielinska")
                    .param("cancelled", timestamp(row.cancelledAt()))
                    .param("cancelledBy", row.cancelledAt() == null ? null : "agent")
                    .param("reason", row.cancelledAt() == null ? null : "Niepotrzebne już zadanie.")
                    .update();
        }
        // One more task, in November, asked for by a section of the IT-05 division (T6 too is completed
        // in November, but was requested by IT-04-1).
        jdbc.sql("""
                        INSERT INTO ticket_task (ticket_id, kind, requested_by, requested_by_unit, assigned_unit,
                            description, status, created_at, due_at, completed_at, completed_by)
                        VALUES (:ticket, 'REMOTE_HANDS', 'agent', 'IT-05-2', 'IT-04-2', 'T10', 'DONE',
                            :requested, :due, :completed, 'ewa.zielinska')
                        """)
                .param("ticket", ticket)
                .param("requested", timestamp("2026-11-10T08:00:00Z"))
                .param("due", timestamp("2026-11-10T12:00:00Z"))
                .param("completed", timestamp("2026-11-10T09:00:00Z"))
                .update();
        seeded = true;
    }

    @Test
    void octoberFiguresEqualTheHandComputedValues() {
        RemoteHandsFigures f = report(DIRECTOR, "");

        assertThat(f.calendar()).isEqualTo("WARSAW-OFFICE");
        assertThat(f.asOf()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(f.requested()).isEqualTo(7);
        assertThat(f.completed()).isEqualTo(5);
        assertThat(f.cancelled()).isEqualTo(1);
        assertThat(f.open()).isEqualTo(2);
        assertThat(f.openOverdue()).isEqualTo(2);
        assertThat(f.onTime()).isEqualTo(new KpiReport.Rate(2, 4, 0.5));
        assertThat(f.timeToComplete().business()).isEqualTo(new KpiReport.Stats(5, 183.0, 150.0, 336.0));
        assertThat(f.timeToComplete().calendar()).isEqualTo(new KpiReport.Stats(5, 1335.0, 1260.0, 2868.0));
    }

    @Test
    void aUnitHeadCountsTheTasksTheUnitAskedForAsTheDirectorDoesFilteringByIt() {
        // IT-04-4 asked for T3, T5 and T7: requested T3 and T5; completed T3 (60 business minutes, 3 900
        // calendar, on time) and T7 (360 and 1 320, late); T5 open and overdue.
        RemoteHandsFigures f = report(TELECOM_HEAD, "");

        assertThat(f.requested()).isEqualTo(2);
        assertThat(f.completed()).isEqualTo(2);
        assertThat(f.cancelled()).isZero();
        assertThat(f.open()).isEqualTo(1);
        assertThat(f.openOverdue()).isEqualTo(1);
        assertThat(f.onTime()).isEqualTo(new KpiReport.Rate(1, 2, 0.5));
        // p90 at 0.9: 60 + 0.9 × 300; 1 320 + 0.9 × 2 580.
        assertThat(f.timeToComplete().business()).isEqualTo(new KpiReport.Stats(2, 210.0, 210.0, 330.0));
        assertThat(f.timeToComplete().calendar()).isEqualTo(new KpiReport.Stats(2, 2610.0, 2610.0, 3642.0));
        assertThat(report(DIRECTOR, "&unit=IT-04-4")).isEqualTo(f);
    }

    @Test
    void aDivisionHeadCountsTheTasksOfTheSectionsUnderTheDivision() {
        String november = "/api/v1/kpis/remote-hands?from=2026-11-01&to=2026-12-01";
        RemoteHandsFigures division = report(TestUsers.manager("naczelnik.it05", "IT-05"), "", november);

        assertThat(division.requested()).isEqualTo(1);
        assertThat(division.completed()).isEqualTo(1);
        assertThat(division.onTime()).isEqualTo(new KpiReport.Rate(1, 1, 1.0));
        assertThat(report(DIRECTOR, "&unit=IT-05-2", november)).isEqualTo(division);
        assertThat(report(TestUsers.manager("kierownik.it051", "IT-05-1"), "", november)
                        .requested())
                .as("a section sees neither its sibling's tasks nor its division's")
                .isZero();
    }

    @Test
    void remoteHandsKpisAreForManagers() {
        api.as(TestUsers.agent("ewa.zielinska", "IT-04-2"))
                .get()
                .uri("/api/v1/kpis/remote-hands?from=2026-10-01&to=2026-11-01")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/kpis-for-managers");
    }

    RemoteHandsFigures report(CurrentUser user, String extra) {
        return report(user, extra, "/api/v1/kpis/remote-hands?from=2026-10-01&to=2026-11-01");
    }

    RemoteHandsFigures report(CurrentUser user, String extra, String period) {
        String body = api.as(user)
                .get()
                .uri(period + extra)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readValue(body, RemoteHandsFigures.class);
    }

    private static Timestamp timestamp(String value) {
        return value == null ? null : Timestamp.from(Instant.parse(value));
    }
}
