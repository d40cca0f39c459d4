package pl.krakow.coi.servicedesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.HANDOVER;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.MONDAY_9;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.agentOf;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.escalatedTo;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.firstLineAgent;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.printerIncident;

import org.junit.jupiter.api.Test;

class ReclassificationTest {

    @Test
    void aTypeChangesOnlyByReclassificationWhichRenumbersTheTicketAndRecordsWhy() {
        Ticket ticket = escalatedTo("IT-02-1");
        TicketNumber sec = TicketNumber.of(TicketType.SECURITY_INCIDENT, 2026, 42);
        ticket.reclassify(
                TicketType.SECURITY_INCIDENT,
                sec,
                "Złośliwe oprogramowanie potwierdzone w logach EDR",
                agentOf("IT-02-1"),
                MONDAY_9.plusSeconds(900));

        assertThat(ticket.state().type()).isEqualTo(TicketType.SECURITY_INCIDENT);
        assertThat(ticket.number()).isEqualTo(sec);
        assertThat(ticket.assignedUnit()).isEqualTo(UnitCode.SECURITY);
        TicketEvent event = last(ticket);
        assertThat(event.type()).isEqualTo(TicketEventType.RECLASSIFIED);
        assertThat(event.changes())
                .containsEntry("type", new TicketEvent.Change("INCIDENT", "SECURITY_INCIDENT"))
                .containsEntry("number", new TicketEvent.Change("INC-2026-000001", "SEC-2026-000042"));
        assertThat(event.isPublic()).isFalse();
    }

    @Test
    void reclassificationNeedsAReasonANewTypeAndANumberOfThatType() {
        Ticket ticket = printerIncident();
        assertThatThrownBy(() -> ticket.reclassify(
                        TicketType.SERVICE_REQUEST,
                        TicketNumber.of(TicketType.SERVICE_REQUEST, 2026, 1),
                        "krótko",
                        firstLineAgent(),
                        MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class);
        assertThatThrownBy(() -> ticket.reclassify(
                        TicketType.INCIDENT,
                        TicketNumber.of(TicketType.INCIDENT, 2026, 2),
                        "To jednak jest incydent",
                        firstLineAgent(),
                        MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class)
                .satisfies(e -> assertThat(((TicketRuleViolation) e).type()).isEqualTo("reclassify-to-same-type"));
        assertThatThrownBy(() -> ticket.reclassify(
                        TicketType.SERVICE_REQUEST,
                        TicketNumber.of(TicketType.INCIDENT, 2026, 3),
                        "To prośba o usługę, nie awaria",
                        firstLineAgent(),
                        MONDAY_9))
                .as("number and type stay consistent")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ticket.state().type()).isEqualTo(TicketType.INCIDENT);
    }

    @Test
    void aServiceRequestOfCybersecurityStaysAServiceRequestWhenEscalated() {
        Ticket ticket = Ticket.register(
                new Ticket.NewTicket(
                        TicketType.SERVICE_REQUEST,
                        "Rejestracja zbioru danych",
                        "Proszę o wpis nowego zbioru danych osobowych do rejestru.",
                        TicketFixtures.employee(),
                        Channel.PORTAL,
                        "SEC-DATASET-REG",
                        null,
                        null,
                        null,
                        null),
                TicketNumber.of(TicketType.SERVICE_REQUEST, 2026, 5),
                TicketFixtures.requester(),
                MONDAY_9);
        ticket.escalate(UnitCode.SECURITY, HANDOVER, firstLineAgent(), MONDAY_9.plusSeconds(60));
        assertThat(ticket.state().type()).isEqualTo(TicketType.SERVICE_REQUEST);
        assertThat(ticket.number().value()).startsWith("REQ-");
    }

    @Test
    void escalationToADeputyIsInternal() {
        Ticket ticket = escalatedTo("IT-04-1");
        ticket.escalateToDeputy(
                new UnitCode("COI-Z3"), "Kierownik nie odpowiada od tygodnia", agentOf("IT-04-1"), MONDAY_9);
        assertThat(last(ticket).isPublic()).isFalse();
    }

    private static TicketEvent last(Ticket ticket) {
        var events = ticket.pendingEvents();
        return events.get(events.size() - 1);
    }
}
