package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents that monitoring resolved itself (their alert cleared) are no first-line resolutions: six tickets
 * resolved in November 2026, the first-line resolution rate and the count apart computed by hand, from both
 * sources.
 *
 * <pre>
 * M1 MONITORING  Mon 2 Nov 09:00 opened by the webhook; the alert clears 09:20, the webhook resolves it
 * M2 MONITORING  Mon 2 Nov 10:00 opened by the webhook; the alert clears 10:05, the webhook resolves it
 * M3 MONITORING  Mon 2 Nov 11:00 opened by the webhook; the first line takes it 11:10, resolves it 11:40
 * M4 MONITORING  Mon 2 Nov 12:00 opened by the webhook; the first line escalates to IT-04-1 12:15;
 *                the alert clears 13:00, the webhook resolves it
 * P1 PORTAL      Tue 3 Nov 09:00; the first line takes it 09:10, resolves it 09:30
 * P2 PORTAL      Tue 3 Nov 10:00; the first line escalates to IT-04-1 10:20; IT-04-1 resolves it 14:00
 * </pre>
 */
@IntegrationTest
class MonitoringResolutionKpiIT {

    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final Actor MONITORING = Actor.system("alertmanager");
    static final Actor FIRST_LINE =
            new Actor("jan.kowalski", "Jan Kowalski", Optional.of(new UnitCode("IT-02-2")), Actor.Kind.AGENT);
    static final Actor INFRASTRUCTURE =
            new Actor("marek.lis", "Marek Lis", Optional.of(new UnitCode("IT-04-1")), Actor.Kind.AGENT);
    static final Requester PROMETHEUS = new Requester("system:monitoring", "Monitoring (Prometheus)", Optional.empty());
    static final Requester ANNA = new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")));
    static final String HANDOVER = "Pierwsza linia sprawdziła zasilanie, łącze i restart usługi bez skutku;"
            + " awaria dotyczy infrastruktury, przekazuję do jednostki właściwej.";

    static boolean seeded;

    @Autowired
    Api api;

    @Autowired
    TicketService tickets;

    @Autowired
    IndexWaiter index;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void seed() {
        if (!seeded) {
            alert("M1", at(2, 9, 0), t -> t.resolve(Resolution.FIXED, "Alert ustąpił.", MONITORING, at(2, 9, 20)));
            alert("M2", at(2, 10, 0), t -> t.resolve(Resolution.FIXED, "Alert ustąpił.", MONITORING, at(2, 10, 5)));
            alert("M3", at(2, 11, 0), t -> {
                t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(2, 11, 10));
                t.resolve(Resolution.FIXED, "Zrestartowano usługę.", FIRST_LINE, at(2, 11, 40));
            });
            alert("M4", at(2, 12, 0), t -> {
                t.escalate(new UnitCode("IT-04-1"), HANDOVER, FIRST_LINE, at(2, 12, 15));
                t.resolve(Resolution.FIXED, "Alert ustąpił.", MONITORING, at(2, 13, 0));
            });
            portal("P1", at(3, 9, 0), t -> {
                t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(3, 9, 10));
                t.resolve(Resolution.FIXED, "Wyczyszczono kolejkę wydruku.", FIRST_LINE, at(3, 9, 30));
            });
            portal("P2", at(3, 10, 0), t -> {
                t.escalate(new UnitCode("IT-04-1"), HANDOVER, FIRST_LINE, at(3, 10, 20));
                t.resolve(Resolution.FIXED, "Wymieniono przełącznik.", INFRASTRUCTURE, at(3, 14, 0));
            });
            seeded = true;
        }
        index.awaitCaughtUp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "database"})
    void incidentsMonitoringResolvedItselfAreCountedApartNotAsFirstLineResolutions(String source) {
        KpiReport r = report(source);
        assertThat(r.resolved()).isEqualTo(6);
        // Resolved by monitoring itself: M1, M2 and M4 (escalated, but resolved when its alert cleared).
        assertThat(r.resolvedByMonitoring()).isEqualTo(3);
        // Candidates: the six resolved but the three monitoring resolved = M3, P1, P2; the first line resolved
        // M3 and P1 without escalating. (Counting monitoring's as the first line's gave 4 of 6.)
        assertThat(r.firstLineResolution()).isEqualTo(KpiReport.Rate.of(2, 3));
        assertThat(r.firstLineResolution().rate()).isEqualTo(0.6667);
    }

    @Test
    void bothSourcesAgree() {
        KpiComparison.Reconciliation reconciliation = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis/reconciliation?from=2026-11-01&to=2026-12-01")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(KpiComparison.Reconciliation.class)
                .returnResult()
                .getResponseBody();
        assertThat(reconciliation.differences()).isEmpty();
    }

    KpiReport report(String source) {
        String body = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis?from=2026-11-01&to=2026-12-01&source=" + source)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readValue(body, KpiReport.class);
    }

    void alert(String name, Instant at, Consumer<Ticket> history) {
        tickets.registerWithHistory(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "[Alert] NodeDown " + name,
                        "Host does not answer (" + name + ")",
                        PROMETHEUS,
                        Channel.MONITORING,
                        null,
                        null,
                        Impact.HIGH,
                        Urgency.HIGH,
                        null),
                MONITORING,
                at,
                history);
    }

    void portal(String name, Instant at, Consumer<Ticket> history) {
        tickets.registerWithHistory(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "Awaria " + name,
                        "Opis awarii " + name,
                        ANNA,
                        Channel.PORTAL,
                        null,
                        null,
                        Impact.MEDIUM,
                        Urgency.MEDIUM,
                        null),
                new Actor(ANNA.username(), ANNA.displayName(), ANNA.customerUnit(), Actor.Kind.REQUESTER),
                at,
                history);
    }

    static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute)
                .atZone(KpiQuery.ZONE)
                .toInstant();
    }
}
