package pl.krakow.coi.servicedesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.*;

import org.junit.jupiter.api.Test;

class TicketTest {

    @Test
    void everyTicketEntersAtTheFirstLine() {
        Ticket ticket = printerIncident();
        assertThat(ticket.state().assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
        assertThat(ticket.state().line()).isEqualTo(SupportLine.FIRST);
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.pendingEvents()).extracting(TicketEvent::type).containsExactly(TicketEventType.CREATED);
    }

    @Test
    void aSuspectedSecurityIncidentEntersAtTheFirstLineLikeEveryTicket() {
        Ticket ticket = Ticket.register(
                new Ticket.NewTicket(
                        TicketType.SECURITY_INCIDENT,
                        "Phishing",
                        "Dostałem podejrzany e-mail z linkiem.",
                        employee(),
                        Channel.EMAIL,
                        null,
                        null,
                        null,
                        null,
                        null),
                TicketNumber.of(TicketType.SECURITY_INCIDENT, 2026, 7),
                requester(),
                MONDAY_9);
        assertThat(ticket.state().assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
        assertThat(ticket.state().line()).isEqualTo(SupportLine.FIRST);
        assertThat(ticket.state().type()).isEqualTo(TicketType.SECURITY_INCIDENT);
        assertThat(ticket.number().value()).startsWith("SEC-");
    }

    @Test
    void priorityFollowsTheImpactUrgencyMatrix() {
        assertThat(Priority.of(Impact.HIGH, Urgency.HIGH)).isEqualTo(Priority.P1);
        assertThat(Priority.of(Impact.HIGH, Urgency.MEDIUM)).isEqualTo(Priority.P2);
        assertThat(Priority.of(Impact.MEDIUM, Urgency.HIGH)).isEqualTo(Priority.P2);
        assertThat(Priority.of(Impact.MEDIUM, Urgency.MEDIUM)).isEqualTo(Priority.P3);
        assertThat(Priority.of(Impact.LOW, Urgency.HIGH)).isEqualTo(Priority.P3);
        assertThat(Priority.of(Impact.LOW, Urgency.MEDIUM)).isEqualTo(Priority.P4);
        assertThat(Priority.of(Impact.LOW, Urgency.LOW)).isEqualTo(Priority.P4);
    }

    @Test
    void escalationWithoutHandoverCommentIsRejected() {
        Ticket ticket = printerIncident();
        assertThatThrownBy(() ->
                        ticket.escalate(new UnitCode("IT-04-2"), "proszę o realizację", firstLineAgent(), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class)
                .satisfies(e -> assertThat(((TicketRuleViolation) e).type()).isEqualTo("escalation-requires-handover"));
        assertThatThrownBy(() -> ticket.escalate(new UnitCode("IT-04-2"), null, firstLineAgent(), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class);
        assertThat(ticket.state().assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
    }

    @Test
    void escalationHandsTheTicketToTheSecondLineWithTheCommentAndRecordsIt() {
        Ticket ticket = escalatedTo("IT-04-2");
        TicketState state = ticket.state();
        assertThat(state.assignedUnit()).isEqualTo(new UnitCode("IT-04-2"));
        assertThat(state.line()).isEqualTo(SupportLine.SECOND);
        assertThat(state.status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(state.escalationCount()).isEqualTo(1);
        assertThat(state.handledBy()).contains(UnitCode.FIRST_LINE, new UnitCode("IT-04-2"));
        TicketEvent escalated = ticket.pendingEvents().get(1);
        assertThat(escalated.type()).isEqualTo(TicketEventType.ESCALATED);
        assertThat(escalated.changes().get("assignedUnit")).isEqualTo(new TicketEvent.Change("IT-02-2", "IT-04-2"));
        assertThat(escalated.data()).containsEntry("handoverComment", HANDOVER);
        assertThat(ticket.pendingComments()).singleElement().satisfies(c -> {
            assertThat(c.visibility()).isEqualTo(Comment.Visibility.INTERNAL);
            assertThat(c.body()).isEqualTo(HANDOVER);
        });
    }

    @Test
    void escalatingToCybersecurityKeepsTheTypeAndTheNumber() {
        Ticket ticket = escalatedTo("IT-02-1");
        assertThat(ticket.state().type()).isEqualTo(TicketType.INCIDENT);
        assertThat(ticket.number().value()).startsWith("INC-");
        assertThat(ticket.state().line()).isEqualTo(SupportLine.SECURITY);
        assertThat(ticket.pendingEvents())
                .last()
                .satisfies(e -> assertThat(e.changes()).doesNotContainKey("type"));
    }

    @Test
    void onlyTheFirstLineEscalates() {
        Ticket ticket = escalatedTo("IT-04-1");
        assertThatThrownBy(() -> ticket.escalate(new UnitCode("IT-05-4"), HANDOVER, agentOf("IT-04-1"), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class)
                .hasMessageContaining("Only the first line escalates");
    }

    @Test
    void reassignmentNeedsAReasonAndIsCounted() {
        Ticket ticket = escalatedTo("IT-04-1");
        assertThatThrownBy(() -> ticket.reassign(new UnitCode("IT-04-4"), "", agentOf("IT-04-1"), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class);
        ticket.reassign(new UnitCode("IT-04-4"), "To okablowanie, nie przełącznik.", agentOf("IT-04-1"), MONDAY_9);
        assertThat(ticket.state().reassignmentCount()).isEqualTo(1);
        assertThat(ticket.state().assignedUnit()).isEqualTo(new UnitCode("IT-04-4"));
    }

    @Test
    void handBackReturnsTheTicketToTheFirstLine() {
        Ticket ticket = escalatedTo("IT-05-4");
        ticket.handBack("To nie aplikacja, tylko brak uprawnień w domenie.", agentOf("IT-05-4"), MONDAY_9);
        assertThat(ticket.state().line()).isEqualTo(SupportLine.FIRST);
        assertThat(ticket.state().assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
    }

    @Test
    void remoteHandsKeepTheTicketWithTheRequestingUnit() {
        Ticket ticket = escalatedTo("IT-04-1");
        ticket.requestRemoteHands("Proszę o restart przełącznika w szafie na 2 piętrze.", agentOf("IT-04-1"), MONDAY_9);
        assertThat(ticket.state().assignedUnit()).isEqualTo(new UnitCode("IT-04-1"));
        assertThat(ticket.state().handledBy()).contains(UnitCode.USER_SUPPORT);
    }

    @Test
    void requesterReplyResumesAWaitingTicket() {
        Ticket ticket = printerIncident();
        ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), MONDAY_9.plusSeconds(60));
        ticket.waitForRequester(
                "Jaki model drukarki i jaki komunikat błędu?", firstLineAgent(), MONDAY_9.plusSeconds(120));
        assertThat(ticket.status()).isEqualTo(TicketStatus.WAITING_FOR_REQUESTER);
        ticket.comment(
                "HP LaserJet M507, komunikat 13.B2",
                Comment.Visibility.INTERNAL,
                requester(),
                MONDAY_9.plusSeconds(900));
        assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(ticket.pendingComments().get(1).visibility())
                .as("a requester's comment is always public")
                .isEqualTo(Comment.Visibility.PUBLIC);
    }

    @Test
    void firstResponseIsTheFirstAssignmentOrPublicReplyByStaff() {
        Ticket ticket = printerIncident();
        ticket.comment("Czy ktoś się tym zajmie?", Comment.Visibility.PUBLIC, requester(), MONDAY_9.plusSeconds(30));
        assertThat(ticket.state().firstResponseAt()).isNull();
        ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), MONDAY_9.plusSeconds(60));
        assertThat(ticket.state().firstResponseAt()).isEqualTo(MONDAY_9.plusSeconds(60));
    }

    @Test
    void reopenResumesWithTheResolvingUnitAndIsCounted() {
        Ticket ticket = escalatedTo("IT-04-2");
        ticket.resolve(
                Resolution.FIXED,
                "Wymieniono rolkę pobierającą papier.",
                agentOf("IT-04-2"),
                MONDAY_9.plusSeconds(3600));
        assertThat(ticket.state().resolvedByLine()).isEqualTo(SupportLine.SECOND);
        ticket.reopen("Po godzinie znowu to samo, papier się zacina.", requester(), MONDAY_9.plusSeconds(7200));
        assertThat(ticket.status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(ticket.state().reopenCount()).isEqualTo(1);
        assertThat(ticket.state().assignedUnit()).isEqualTo(new UnitCode("IT-04-2"));
        assertThat(ticket.state().resolvedAt()).isNull();
    }

    @Test
    void closedTicketsAcceptNoMoreChanges() {
        Ticket ticket = printerIncident();
        ticket.resolve(
                Resolution.USER_INSTRUCTED, "Pokazano jak włożyć papier.", firstLineAgent(), MONDAY_9.plusSeconds(60));
        ticket.close(requester(), MONDAY_9.plusSeconds(120));
        assertThatThrownBy(() -> ticket.comment("jeszcze jedno", Comment.Visibility.PUBLIC, requester(), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class);
        assertThatThrownBy(() -> ticket.reopen("Nadal nie działa ta drukarka", requester(), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class);
    }

    @Test
    void changingImpactOrUrgencyReprioritisesAndIsRecorded() {
        Ticket ticket = printerIncident();
        ticket.update(
                new Ticket.TicketUpdate(null, null, null, null, Impact.HIGH, Urgency.HIGH), firstLineAgent(), MONDAY_9);
        assertThat(ticket.state().priority()).isEqualTo(Priority.P1);
        assertThat(ticket.pendingEvents()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(TicketEventType.PRIORITY_CHANGED);
            assertThat(e.changes().get("priority")).isEqualTo(new TicketEvent.Change("P4", "P1"));
        });
    }

    @Test
    void hierarchicalEscalationIsRaisedOncePerDeputy() {
        Ticket ticket = escalatedTo("IT-04-1");
        assertThat(ticket.escalateToDeputy(
                        new UnitCode("COI-Z3"), "SLA naruszone o 2 godziny", Actor.system("sla"), MONDAY_9))
                .isTrue();
        assertThat(ticket.escalateToDeputy(
                        new UnitCode("COI-Z3"), "SLA naruszone o 2 godziny", Actor.system("sla"), MONDAY_9))
                .isFalse();
        assertThat(ticket.state().escalatedToDeputy()).isEqualTo(new UnitCode("COI-Z3"));
    }

    @Test
    void ticketNumbersAreHumanReadable() {
        assertThat(TicketNumber.of(TicketType.INCIDENT, 2026, 123).value()).isEqualTo("INC-2026-000123");
        assertThat(TicketNumber.of(TicketType.SERVICE_REQUEST, 2027, 0).value()).isEqualTo("REQ-2027-000000");
        assertThat(TicketNumber.of(TicketType.SECURITY_INCIDENT, 2026, 1_234_567)
                        .value())
                .as("the sequence grows past six digits")
                .isEqualTo("SEC-2026-1234567");
        assertThatThrownBy(() -> new TicketNumber("INC-26-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
