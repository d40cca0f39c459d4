package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.*;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.firstLineAgent;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.requester;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

class SlaClocksTest {

    static final String QUESTION = "Czy błąd pojawia się także na innym komputerze?";
    static final String ANSWER = "Tak, na komputerze koleżanki jest to samo.";
    static final String NOTE = "Przywrócono uprawnienia w aplikacji, działa.";

    @Nested
    class BusinessHoursAndHolidays {

        @Test
        void aTicketOpenedFridayAt15BeforeTheEasterWeekendIsDueOnTuesday() {
            Ticket ticket = incident(Priority.P2, warsaw("2026-04-03T15:00"));

            SlaStatus saturday = status(ticket, warsaw("2026-04-04T12:00"));
            assertThat(saturday.priority()).isEqualTo(Priority.P2);
            TargetStatus response = saturday.response();
            assertThat(response.state()).isEqualTo(TargetState.RUNNING);
            assertThat(response.elapsed()).isEqualTo(Duration.ofMinutes(30));
            assertThat(response.remaining()).isEqualTo(Duration.ofMinutes(30));
            assertThat(response.dueAt()).isEqualTo(warsaw("2026-04-07T08:00"));
            assertThat(response.warningAt()).isEqualTo(warsaw("2026-04-07T07:48"));
            assertThat(saturday.resolution().dueAt()).isEqualTo(warsaw("2026-04-07T15:00"));

            SlaStatus tuesday = status(ticket, warsaw("2026-04-07T07:45"));
            assertThat(tuesday.response().segments())
                    .extracting(Segment::kind)
                    .containsExactly(
                            Segment.Kind.RUNNING,
                            Segment.Kind.OUTSIDE_BUSINESS_HOURS,
                            Segment.Kind.HOLIDAY,
                            Segment.Kind.HOLIDAY,
                            Segment.Kind.OUTSIDE_BUSINESS_HOURS,
                            Segment.Kind.RUNNING);
            assertThat(tuesday.response().segments())
                    .extracting(Segment::detail)
                    .contains("Wielkanoc", "Poniedziałek Wielkanocny");
            assertCountedTimeAddsUp(tuesday.response());
            assertThat(tuesday.response().elapsed()).isEqualTo(Duration.ofMinutes(45));
        }

        @Test
        void aTicketOpenedFridayAt15BeforeTheMayLongWeekendOf2027IsDueOnTuesday() {
            // Saturday 1 May, Sunday, Monday 3 May: all closed.
            Ticket ticket = incident(Priority.P2, warsaw("2027-04-30T15:00"));
            assertThat(status(ticket, warsaw("2027-04-30T15:00")).response().dueAt())
                    .isEqualTo(warsaw("2027-05-04T08:00"));
        }

        @Test
        void aTicketOpenedOutsideBusinessHoursStartsCountingAtTheNextOpening() {
            Ticket evening = incident(Priority.P1, warsaw("2026-03-03T19:00"));
            SlaStatus nextMorning = status(evening, warsaw("2026-03-04T07:00"));
            assertThat(nextMorning.response().elapsed()).isZero();
            assertThat(nextMorning.response().state()).isEqualTo(TargetState.RUNNING);
            assertThat(nextMorning.response().warningAt()).isEqualTo(warsaw("2026-03-04T07:54"));
            assertThat(nextMorning.response().dueAt()).isEqualTo(warsaw("2026-03-04T08:00"));
            assertThat(nextMorning.resolution().dueAt()).isEqualTo(warsaw("2026-03-04T11:30"));
            assertThat(nextMorning.response().segments())
                    .singleElement()
                    .extracting(Segment::kind)
                    .isEqualTo(Segment.Kind.OUTSIDE_BUSINESS_HOURS);

            Ticket saturday = incident(Priority.P1, warsaw("2026-03-07T10:00"));
            assertThat(status(saturday, warsaw("2026-03-07T10:00")).response().dueAt())
                    .isEqualTo(warsaw("2026-03-09T08:00"));
        }

        @Test
        void christmasEveOf2025And2026IsClosed() {
            Ticket in2025 = incident(Priority.P3, warsaw("2025-12-23T15:00"));
            SlaStatus status2025 = status(in2025, warsaw("2025-12-29T07:30"));
            assertThat(status2025.response().dueAt()).isEqualTo(warsaw("2025-12-29T11:00"));
            assertThat(status2025.response().elapsed()).isEqualTo(Duration.ofMinutes(30));
            assertThat(status2025.response().segments())
                    .filteredOn(s -> s.kind() == Segment.Kind.HOLIDAY)
                    .extracting(Segment::detail)
                    .containsExactly(
                            "Wigilia Bożego Narodzenia",
                            "Boże Narodzenie (pierwszy dzień)",
                            "Boże Narodzenie (drugi dzień)");

            Ticket in2026 = incident(Priority.P3, warsaw("2026-12-23T15:00"));
            assertThat(status(in2026, warsaw("2026-12-24T12:00")).response().dueAt())
                    .isEqualTo(warsaw("2026-12-28T11:00"));

            Ticket in2024 = incident(Priority.P3, warsaw("2024-12-23T15:00"));
            assertThat(status(in2024, warsaw("2024-12-24T09:00")).response().dueAt())
                    .as("24 December was a working day until 2024")
                    .isEqualTo(warsaw("2024-12-24T11:00"));
        }

        @Test
        void corpusChristiAndEasterMondayOf2026And2027StopTheClock() {
            assertThat(status(incident(Priority.P2, warsaw("2026-06-03T15:00")), warsaw("2026-06-04T12:00"))
                            .response()
                            .dueAt())
                    .isEqualTo(warsaw("2026-06-05T08:00"));
            assertThat(status(incident(Priority.P2, warsaw("2027-05-26T15:00")), warsaw("2027-05-27T12:00"))
                            .response()
                            .dueAt())
                    .isEqualTo(warsaw("2027-05-28T08:00"));
            assertThat(status(incident(Priority.P2, warsaw("2026-04-03T15:00")), warsaw("2026-04-06T12:00"))
                            .response()
                            .dueAt())
                    .isEqualTo(warsaw("2026-04-07T08:00"));
            assertThat(status(incident(Priority.P2, warsaw("2027-03-26T15:00")), warsaw("2027-03-29T12:00"))
                            .response()
                            .dueAt())
                    .isEqualTo(warsaw("2027-03-30T08:00"));
        }

        @Test
        void responseAndResolutionMayCountInDifferentCalendars() {
            SlaPolicy policy = new SlaPolicy(
                    "SECURITY-24X7",
                    "Incydenty bezpieczeństwa",
                    new SlaPolicy.Scope("SEC-MALWARE", null),
                    ROUND_THE_CLOCK,
                    OFFICE,
                    SlaPolicy.defaultTargets());
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-07T10:00"));
            SlaStatus status = SlaClocks.compute(
                    ticket.pendingEvents(), policy, roundTheClock(), officeHours(), warsaw("2026-03-07T10:20"), false);
            assertThat(status.response().calendar()).isEqualTo(ROUND_THE_CLOCK);
            assertThat(status.response().dueAt()).isEqualTo(warsaw("2026-03-07T10:30"));
            assertThat(status.response().elapsed()).isEqualTo(Duration.ofMinutes(20));
            assertThat(status.resolution().dueAt()).isEqualTo(warsaw("2026-03-09T11:30"));
            assertThat(status.resolution().elapsed()).isZero();
            assertThatThrownBy(() -> SlaClocks.compute(
                            ticket.pendingEvents(),
                            policy,
                            officeHours(),
                            officeHours(),
                            warsaw("2026-03-07T10:20"),
                            false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class PausesStopsAndReopens {

        @Test
        void slaClockPausesWhileWaitingForRequesterAcrossAWeekendAndAHoliday() {
            Ticket ticket = incident(Priority.P3, warsaw("2026-04-30T09:00"));
            ticket.waitForRequester(QUESTION, firstLineAgent(), warsaw("2026-04-30T10:00"));

            SlaStatus holiday = status(ticket, warsaw("2026-05-01T12:00"));
            assertThat(holiday.response().state()).isEqualTo(TargetState.MET);
            assertThat(holiday.response().stoppedAt()).isEqualTo(warsaw("2026-04-30T10:00"));
            assertThat(holiday.resolution().state()).isEqualTo(TargetState.PAUSED);
            assertThat(holiday.resolution().clock()).isEqualTo(ClockState.PAUSED);
            assertThat(holiday.resolution().dueAt()).as("unknown while paused").isNull();
            assertThat(holiday.resolution().elapsed()).isEqualTo(Duration.ofHours(1));
            assertThat(holiday.nextCheck()).isEmpty();

            ticket.comment(ANSWER, Comment.Visibility.PUBLIC, requester(), warsaw("2026-05-04T10:00"));
            SlaStatus monday = status(ticket, warsaw("2026-05-04T12:00"));
            TargetStatus resolution = monday.resolution();
            assertThat(resolution.state()).isEqualTo(TargetState.RUNNING);
            // 1 h on Thursday and 2 h on Monday; without the pause it would be 11 h.
            assertThat(resolution.elapsed()).isEqualTo(Duration.ofHours(3));
            assertThat(resolution.remaining()).isEqualTo(Duration.ofHours(21));
            assertThat(resolution.dueAt()).isEqualTo(warsaw("2026-05-07T09:00"));
            assertThat(resolution.segments())
                    .extracting(Segment::kind)
                    .containsExactly(
                            Segment.Kind.RUNNING, Segment.Kind.PAUSED_WAITING_FOR_REQUESTER, Segment.Kind.RUNNING);
            assertThat(resolution.segments().get(1).from()).isEqualTo(warsaw("2026-04-30T10:00"));
            assertThat(resolution.segments().get(1).to()).isEqualTo(warsaw("2026-05-04T10:00"));
            assertCountedTimeAddsUp(resolution);
        }

        @Test
        void aReopenResumesTheResolutionClockAndTheElapsedTimeAccumulates() {
            Ticket ticket = incident(Priority.P3, warsaw("2026-03-02T08:00"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T08:30"));
            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-02T10:00"));

            SlaStatus resolved = status(ticket, warsaw("2026-03-02T12:00"));
            assertThat(resolved.response().state()).isEqualTo(TargetState.MET);
            assertThat(resolved.response().elapsed()).isEqualTo(Duration.ofMinutes(30));
            assertThat(resolved.resolution().state()).isEqualTo(TargetState.MET);
            assertThat(resolved.resolution().clock()).isEqualTo(ClockState.STOPPED);
            assertThat(resolved.resolution().elapsed()).isEqualTo(Duration.ofHours(2));
            assertThat(resolved.resolution().stoppedAt()).isEqualTo(warsaw("2026-03-02T10:00"));
            assertThat(resolved.resolution().dueAt())
                    .as("the deadline that applied")
                    .isEqualTo(warsaw("2026-03-05T08:00"));

            ticket.reopen("Błąd wrócił po restarcie komputera.", requester(), warsaw("2026-03-04T09:00"));
            SlaStatus reopened = status(ticket, warsaw("2026-03-04T12:00"));
            TargetStatus resolution = reopened.resolution();
            assertThat(resolution.state()).isEqualTo(TargetState.RUNNING);
            assertThat(resolution.elapsed()).isEqualTo(Duration.ofHours(5));
            assertThat(resolution.dueAt()).isEqualTo(warsaw("2026-03-06T15:00"));
            assertThat(resolution.segments())
                    .extracting(Segment::kind)
                    .containsExactly(Segment.Kind.RUNNING, Segment.Kind.RESOLVED, Segment.Kind.RUNNING);
            assertCountedTimeAddsUp(resolution);
            assertThat(reopened.response().state()).as("the response stays met").isEqualTo(TargetState.MET);

            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-05T10:00"));
            TargetStatus again = status(ticket, warsaw("2026-03-05T12:00")).resolution();
            assertThat(again.state()).isEqualTo(TargetState.MET);
            assertThat(again.elapsed()).isEqualTo(Duration.ofHours(11));
            assertThat(again.stoppedAt()).isEqualTo(warsaw("2026-03-05T10:00"));
        }

        @Test
        void aReopenedTicketBreachesOnceTheAccumulatedTimeReachesTheTarget() {
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-02T08:00"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T08:10"));
            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-02T11:00"));
            ticket.reopen("Błąd wrócił po restarcie komputera.", requester(), warsaw("2026-03-03T08:00"));

            TargetStatus beforeDue = status(ticket, warsaw("2026-03-03T08:30")).resolution();
            assertThat(beforeDue.state()).isEqualTo(TargetState.RUNNING);
            assertThat(beforeDue.warningReached()).as("3 h 30 min of 4 h").isTrue();
            assertThat(beforeDue.warningAt()).isEqualTo(warsaw("2026-03-03T08:12"));
            assertThat(beforeDue.dueAt()).isEqualTo(warsaw("2026-03-03T09:00"));

            SlaStatus after = status(ticket, warsaw("2026-03-03T09:30"));
            assertThat(after.resolution().state()).isEqualTo(TargetState.BREACHED);
            assertThat(after.resolution().clock()).isEqualTo(ClockState.RUNNING);
            assertThat(after.resolution().remaining()).isEqualTo(Duration.ofMinutes(-30));
            assertThat(after.resolution().percentUsed()).isEqualTo(112);
            assertThat(after.alertsReached())
                    .containsExactly(
                            new SlaAlert(SlaTarget.RESOLUTION, AlertLevel.WARNING, warsaw("2026-03-03T08:12")),
                            new SlaAlert(SlaTarget.RESOLUTION, AlertLevel.BREACH, warsaw("2026-03-03T09:00")));
        }

        @Test
        void cancellingStopsBothClocksWithoutABreach() {
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-02T07:30"));
            ticket.cancel("Zgłoszenie wysłane przez pomyłkę.", requester(), warsaw("2026-03-02T07:50"));
            SlaStatus status = status(ticket, warsaw("2026-03-02T15:00"));
            assertThat(status.response().state()).isEqualTo(TargetState.CANCELLED);
            assertThat(status.resolution().state()).isEqualTo(TargetState.CANCELLED);
            assertThat(status.resolution().clock()).isEqualTo(ClockState.STOPPED);
            assertThat(status.resolution().elapsed()).isEqualTo(Duration.ofMinutes(20));
            assertThat(status.alertsReached()).isEmpty();
            assertThat(status.nextCheck()).isEmpty();
        }

        @Test
        void aTargetMetExactlyAtItsDueInstantIsMetAndOneMissedByAnInstantIsBreached() {
            Ticket onTime = incident(Priority.P1, warsaw("2026-03-02T07:30"));
            onTime.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T08:00"));
            assertThat(status(onTime, warsaw("2026-03-02T09:00")).response().state())
                    .isEqualTo(TargetState.MET);

            Ticket late = incident(Priority.P1, warsaw("2026-03-02T07:30"));
            late.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T08:00:01"));
            TargetStatus response = status(late, warsaw("2026-03-02T09:00")).response();
            assertThat(response.state()).isEqualTo(TargetState.BREACHED);
            assertThat(response.dueAt()).isEqualTo(warsaw("2026-03-02T08:00"));

            // Responded in the evening after a 15:30 due time: late, though no business time passed.
            Ticket evening = incident(Priority.P1, warsaw("2026-03-02T15:00"));
            evening.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T20:00"));
            TargetStatus eveningResponse =
                    status(evening, warsaw("2026-03-02T21:00")).response();
            assertThat(eveningResponse.elapsed()).isEqualTo(Duration.ofMinutes(30));
            assertThat(eveningResponse.state()).isEqualTo(TargetState.BREACHED);
        }
    }

    @Nested
    class PriorityChanges {

        @Test
        void raisingThePriorityAppliesTheNewTargetToAllTimeSinceCreation() {
            Ticket ticket = incident(Priority.P4, warsaw("2026-03-02T07:30"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T07:45"));
            TargetStatus before = status(ticket, warsaw("2026-03-02T10:30")).resolution();
            assertThat(before.target()).isEqualTo(Duration.ofHours(40));

            ticket.update(
                    new Ticket.TicketUpdate(null, null, null, null, Impact.HIGH, Urgency.HIGH),
                    firstLineAgent(),
                    warsaw("2026-03-02T10:30"));
            SlaStatus raised = status(ticket, warsaw("2026-03-02T10:31"));
            assertThat(raised.priority()).isEqualTo(Priority.P1);
            assertThat(raised.resolution().target()).isEqualTo(Duration.ofHours(4));
            assertThat(raised.resolution().elapsed()).isEqualTo(Duration.ofMinutes(181));
            assertThat(raised.resolution().dueAt()).isEqualTo(warsaw("2026-03-02T11:30"));
            assertThat(raised.resolution().warningAt()).isEqualTo(warsaw("2026-03-02T10:42"));
            assertThat(raised.resolution().state()).isEqualTo(TargetState.RUNNING);
            assertThat(raised.response().state())
                    .as("15 minutes is within P1's 30 minutes too")
                    .isEqualTo(TargetState.MET);
            assertThat(raised.nextCheck()).contains(warsaw("2026-03-02T10:42"));

            assertThat(status(ticket, warsaw("2026-03-02T11:31")).resolution().state())
                    .isEqualTo(TargetState.BREACHED);
            assertThat(status(ticket, warsaw("2026-03-02T10:29")).priority())
                    .as("as of an instant before the change, the old priority applies")
                    .isEqualTo(Priority.P4);
        }

        @Test
        void raisingThePriorityOfAnUnansweredTicketCanMakeItOverdueAtOnce() {
            Ticket ticket = incident(Priority.P4, warsaw("2026-03-02T07:30"));
            ticket.update(
                    new Ticket.TicketUpdate(null, null, null, null, Impact.HIGH, Urgency.HIGH),
                    firstLineAgent(),
                    warsaw("2026-03-02T10:30"));
            TargetStatus response = status(ticket, warsaw("2026-03-02T10:30")).response();
            assertThat(response.state()).isEqualTo(TargetState.BREACHED);
            assertThat(response.dueAt()).isEqualTo(warsaw("2026-03-02T08:00"));
        }

        @Test
        void loweringThePriorityGivesMoreTime() {
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-02T07:30"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T07:40"));
            ticket.update(
                    new Ticket.TicketUpdate(null, null, null, null, Impact.LOW, Urgency.MEDIUM),
                    firstLineAgent(),
                    warsaw("2026-03-02T10:30"));
            TargetStatus resolution = status(ticket, warsaw("2026-03-02T12:30")).resolution();
            assertThat(resolution.target()).isEqualTo(Duration.ofHours(40));
            assertThat(resolution.state()).isEqualTo(TargetState.RUNNING);
            assertThat(resolution.remaining()).isEqualTo(Duration.ofHours(35));
        }
    }

    @Nested
    class FirstResponse {

        @Test
        void theResponseClockStopsWhereTheTicketRecordsItsFirstResponse() {
            Instant t0 = warsaw("2026-03-02T08:00");
            List<Ticket> tickets = List.of(
                    assigned(t0),
                    workStarted(t0),
                    askedTheRequester(t0),
                    commentedPubliclyAfterAnInternalNote(t0),
                    resolvedDirectly(t0),
                    escalatedThenTakenBySecondLine(t0));
            for (Ticket ticket : tickets) {
                Instant firstResponseAt = ticket.state().firstResponseAt();
                assertThat(firstResponseAt).isNotNull();
                TargetStatus response =
                        status(ticket, t0.plus(Duration.ofDays(1))).response();
                assertThat(response.stoppedAt())
                        .as(ticket.pendingEvents().toString())
                        .isEqualTo(firstResponseAt);
                assertThat(response.state()).isEqualTo(TargetState.MET);
            }
        }

        @Test
        void neitherARequesterCommentNorAnEscalationNorAnInternalNoteIsAResponse() {
            Instant t0 = warsaw("2026-03-02T08:00");
            Ticket ticket = incident(Priority.P3, t0);
            ticket.comment(ANSWER, Comment.Visibility.PUBLIC, requester(), t0.plusSeconds(60));
            ticket.comment("Notatka wewnętrzna", Comment.Visibility.INTERNAL, firstLineAgent(), t0.plusSeconds(120));
            ticket.escalate(new UnitCode("IT-04-2"), TicketFixtures.HANDOVER, firstLineAgent(), t0.plusSeconds(180));
            assertThat(ticket.state().firstResponseAt()).isNull();
            TargetStatus response = status(ticket, t0.plus(Duration.ofHours(1))).response();
            assertThat(response.clock()).isEqualTo(ClockState.RUNNING);
            assertThat(response.elapsed()).isEqualTo(Duration.ofHours(1));
        }

        private Ticket assigned(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), t0.plusSeconds(600));
            return ticket;
        }

        private Ticket workStarted(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.startWork(firstLineAgent(), t0.plusSeconds(900));
            return ticket;
        }

        private Ticket askedTheRequester(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.waitForRequester(QUESTION, firstLineAgent(), t0.plusSeconds(1200));
            return ticket;
        }

        private Ticket commentedPubliclyAfterAnInternalNote(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.comment("Sprawdzam logi.", Comment.Visibility.INTERNAL, firstLineAgent(), t0.plusSeconds(300));
            ticket.comment(
                    "Zajmujemy się zgłoszeniem.", Comment.Visibility.PUBLIC, firstLineAgent(), t0.plusSeconds(700));
            return ticket;
        }

        private Ticket resolvedDirectly(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.resolve(Resolution.USER_INSTRUCTED, NOTE, firstLineAgent(), t0.plusSeconds(1500));
            return ticket;
        }

        private Ticket escalatedThenTakenBySecondLine(Instant t0) {
            Ticket ticket = incident(Priority.P3, t0);
            ticket.escalate(new UnitCode("IT-04-2"), TicketFixtures.HANDOVER, firstLineAgent(), t0.plusSeconds(300));
            ticket.assign("ewa.zielinska", "Ewa Zielińska", TicketFixtures.agentOf("IT-04-2"), t0.plusSeconds(3000));
            return ticket;
        }
    }

    @Nested
    class Recomputation {

        @Test
        void theSameEventsPolicyCalendarAndInstantAlwaysGiveTheSameAnswer() {
            Ticket ticket = incident(Priority.P2, warsaw("2026-04-03T15:00"));
            ticket.waitForRequester(QUESTION, firstLineAgent(), warsaw("2026-04-03T15:10"));
            ticket.comment(ANSWER, Comment.Visibility.PUBLIC, requester(), warsaw("2026-04-07T09:00"));
            Instant now = warsaw("2026-04-07T12:00");
            assertThat(status(ticket, now)).isEqualTo(status(List.copyOf(ticket.pendingEvents()), now));
        }

        @Test
        void aStoppedClockGivesTheSameAnswerWhenRecomputedLater() {
            Ticket ticket = incident(Priority.P2, warsaw("2026-03-02T09:00"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T09:20"));
            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-02T13:00"));
            TargetStatus soon = status(ticket, warsaw("2026-03-02T14:00")).resolution();
            TargetStatus muchLater = status(ticket, warsaw("2027-01-15T10:00")).resolution();
            assertThat(muchLater.state()).isEqualTo(soon.state()).isEqualTo(TargetState.MET);
            assertThat(muchLater.elapsed()).isEqualTo(soon.elapsed()).isEqualTo(Duration.ofHours(4));
            assertThat(muchLater.dueAt()).isEqualTo(soon.dueAt());
        }

        @Test
        void eventsAfterTheInstantAreIgnoredAndAnInstantBeforeCreationIsRefused() {
            Ticket ticket = incident(Priority.P2, warsaw("2026-03-02T09:00"));
            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-02T13:00"));
            assertThat(status(ticket, warsaw("2026-03-02T12:00")).resolution().clock())
                    .isEqualTo(ClockState.RUNNING);
            assertThatThrownBy(() -> status(ticket, warsaw("2026-03-02T08:00")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Alerts {

        @Test
        void theNextCheckIsTheWarningThenTheBreachAndNothingAfterIt() {
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-02T09:00"));
            ticket.assign("jan.kowalski", "Jan Kowalski", firstLineAgent(), warsaw("2026-03-02T09:05"));
            assertThat(status(ticket, warsaw("2026-03-02T09:10")).nextCheck()).contains(warsaw("2026-03-02T12:12"));
            SlaStatus warned = status(ticket, warsaw("2026-03-02T12:12"));
            assertThat(warned.alertsReached())
                    .containsExactly(
                            new SlaAlert(SlaTarget.RESOLUTION, AlertLevel.WARNING, warsaw("2026-03-02T12:12")));
            assertThat(warned.nextCheck()).contains(warsaw("2026-03-02T13:00"));
            SlaStatus breached = status(ticket, warsaw("2026-03-02T13:00"));
            assertThat(breached.alertsReached()).hasSize(2);
            assertThat(breached.nextCheck()).isEmpty();
        }

        @Test
        void aStoppedClockRaisesNoAlertsEvenIfItWasBreached() {
            Ticket ticket = incident(Priority.P1, warsaw("2026-03-02T09:00"));
            ticket.resolve(Resolution.FIXED, NOTE, firstLineAgent(), warsaw("2026-03-02T14:00"));
            SlaStatus status = status(ticket, warsaw("2026-03-03T09:00"));
            assertThat(status.response().state()).isEqualTo(TargetState.BREACHED);
            assertThat(status.resolution().state()).isEqualTo(TargetState.BREACHED);
            assertThat(status.alertsReached()).isEmpty();
        }
    }

    static void assertCountedTimeAddsUp(TargetStatus target) {
        Duration counted = target.segments().stream().map(Segment::counted).reduce(Duration.ZERO, Duration::plus);
        assertThat(counted).isEqualTo(target.elapsed());
        for (int i = 1; i < target.segments().size(); i++) {
            assertThat(target.segments().get(i).from())
                    .isEqualTo(target.segments().get(i - 1).to());
        }
    }
}
