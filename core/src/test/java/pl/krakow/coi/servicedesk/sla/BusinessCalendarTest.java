package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.sla.BusinessCalendar.Closure;
import pl.krakow.coi.servicedesk.sla.BusinessCalendar.ExtraDay;
import pl.krakow.coi.servicedesk.sla.BusinessCalendar.PieceKind;

class BusinessCalendarTest {

    private final BusinessCalendar office = officeHours();

    @Test
    void aWorkingWeekHasFortyHours() {
        assertThat(office.businessTime(warsaw("2026-03-02T00:00"), warsaw("2026-03-09T00:00")))
                .isEqualTo(Duration.ofHours(40));
        assertThat(office.businessTime(warsaw("2026-03-02T10:00"), warsaw("2026-03-02T09:00")))
                .isZero();
    }

    @Test
    void businessTimeCarriesOverTheWeekend() {
        assertThat(office.plusBusinessTime(warsaw("2026-03-06T15:15"), Duration.ofMinutes(30)))
                .isEqualTo(warsaw("2026-03-09T07:45"));
    }

    @Test
    void aTargetEndingAtClosingTimeIsDueAtClosingTimeNotAtTheNextOpening() {
        assertThat(office.plusBusinessTime(warsaw("2026-03-02T07:30"), Duration.ofHours(8)))
                .isEqualTo(warsaw("2026-03-02T15:30"));
        assertThat(office.plusBusinessTime(warsaw("2026-03-02T20:00"), Duration.ZERO))
                .isEqualTo(warsaw("2026-03-02T20:00"));
    }

    @Test
    void easterMondayAndCorpusChristiOf2026And2027AreClosed() {
        for (String date : List.of("2026-04-06", "2026-06-04", "2027-03-29", "2027-05-27")) {
            BusinessCalendar.Day day = office.day(LocalDate.parse(date));
            assertThat(day.isOpen()).as(date).isFalse();
            assertThat(day.closure()).as(date).isEqualTo(Closure.HOLIDAY);
        }
        assertThat(office.isOpenAt(warsaw("2026-06-04T10:00"))).isFalse();
        assertThat(office.isOpenAt(warsaw("2026-06-05T10:00"))).isTrue();
        // Wednesday 15:00 before Corpus Christi 2027: 30 minutes on Wednesday, the rest on Friday.
        assertThat(office.plusBusinessTime(warsaw("2027-05-26T15:00"), Duration.ofHours(1)))
                .isEqualTo(warsaw("2027-05-28T08:00"));
        // Good Friday 2027 15:00: Easter Sunday and Monday closed, due on Tuesday.
        assertThat(office.plusBusinessTime(warsaw("2027-03-26T15:00"), Duration.ofHours(1)))
                .isEqualTo(warsaw("2027-03-30T08:00"));
    }

    @Test
    void christmasEveIsClosedFrom2025ButWasOpenIn2024() {
        assertThat(office.day(LocalDate.parse("2025-12-24")).closure()).isEqualTo(Closure.HOLIDAY);
        assertThat(office.day(LocalDate.parse("2026-12-24")).closure()).isEqualTo(Closure.HOLIDAY);
        assertThat(office.day(LocalDate.parse("2024-12-24")).isOpen()).isTrue();
        assertThat(office.plusBusinessTime(warsaw("2024-12-23T15:00"), Duration.ofHours(4)))
                .isEqualTo(warsaw("2024-12-24T11:00"));
        assertThat(office.plusBusinessTime(warsaw("2025-12-23T15:00"), Duration.ofHours(4)))
                .isEqualTo(warsaw("2025-12-29T11:00"));
        assertThat(office.plusBusinessTime(warsaw("2026-12-23T15:00"), Duration.ofHours(4)))
                .isEqualTo(warsaw("2026-12-28T11:00"));
    }

    @Test
    void piecesNameTheHolidaysAndMergeTheEveningWithTheWeekend() {
        List<BusinessCalendar.Piece> pieces = office.pieces(warsaw("2026-04-03T15:00"), warsaw("2026-04-07T09:00"));
        assertThat(pieces)
                .extracting(BusinessCalendar.Piece::kind)
                .containsExactly(
                        PieceKind.WORKING_TIME,
                        PieceKind.OUTSIDE_BUSINESS_HOURS,
                        PieceKind.HOLIDAY,
                        PieceKind.HOLIDAY,
                        PieceKind.OUTSIDE_BUSINESS_HOURS,
                        PieceKind.WORKING_TIME);
        assertThat(pieces.get(1).from()).isEqualTo(warsaw("2026-04-03T15:30"));
        assertThat(pieces.get(1).to()).isEqualTo(warsaw("2026-04-05T00:00"));
        assertThat(pieces.get(2).detail()).isEqualTo("Wielkanoc");
        assertThat(pieces.get(3).detail()).isEqualTo("Poniedziałek Wielkanocny");
        assertThat(pieces.get(5).duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(pieces.get(0).from()).isEqualTo(warsaw("2026-04-03T15:00"));
        assertThat(pieces.get(pieces.size() - 1).to()).isEqualTo(warsaw("2026-04-07T09:00"));
    }

    @Test
    void extraClosedAndOpenDaysOverrideTheWeekAndTheHolidays() {
        BusinessCalendar calendar = new BusinessCalendar(
                "OFFICE-2026",
                "Urząd 2026",
                WARSAW,
                office.weeklyHours(),
                true,
                List.of(
                        ExtraDay.closed(LocalDate.parse("2026-11-10"), "Dzień wolny za 15 sierpnia"),
                        ExtraDay.open(LocalDate.parse("2026-11-14"), OpeningHours.of("07:30", "15:30"), "Odpracowanie"),
                        ExtraDay.open(LocalDate.parse("2026-11-11"), OpeningHours.of("10:00", "12:00"), "Dyżur")));
        assertThat(calendar.day(LocalDate.parse("2026-11-10")).closure()).isEqualTo(Closure.EXTRA_CLOSED_DAY);
        assertThat(calendar.day(LocalDate.parse("2026-11-11")).hours()).isEqualTo(OpeningHours.of("10:00", "12:00"));
        // Monday 15:00 + 1 h: 30 min on Monday, Tuesday closed, Wednesday (Independence Day) open 10–12.
        assertThat(calendar.plusBusinessTime(warsaw("2026-11-09T15:00"), Duration.ofHours(1)))
                .isEqualTo(warsaw("2026-11-11T10:30"));
        // Friday 15:00 + 1 h: the Saturday is a working day.
        assertThat(calendar.plusBusinessTime(warsaw("2026-11-13T15:00"), Duration.ofHours(1)))
                .isEqualTo(warsaw("2026-11-14T08:00"));
        assertThat(office.plusBusinessTime(warsaw("2026-11-13T15:00"), Duration.ofHours(1)))
                .isEqualTo(warsaw("2026-11-16T08:00"));
        assertThat(calendar.pieces(warsaw("2026-11-10T00:00"), warsaw("2026-11-11T00:00")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(PieceKind.CLOSED_DAY);
                    assertThat(p.detail()).isEqualTo("Dzień wolny za 15 sierpnia");
                });
    }

    @Test
    void aRoundTheClockCalendarCountsWallTimeIncludingHolidaysAndDaylightSavingChanges() {
        BusinessCalendar always = roundTheClock();
        assertThat(always.plusBusinessTime(warsaw("2025-12-24T22:00"), Duration.ofHours(4)))
                .isEqualTo(warsaw("2025-12-25T02:00"));
        // The night of 28/29 March 2026 has 23 hours in Warsaw.
        assertThat(always.businessTime(warsaw("2026-03-28T12:00"), warsaw("2026-03-29T12:00")))
                .isEqualTo(Duration.ofHours(23));
        assertThat(always.pieces(warsaw("2026-03-27T12:00"), warsaw("2026-03-30T12:00")))
                .singleElement()
                .extracting(BusinessCalendar.Piece::kind)
                .isEqualTo(PieceKind.WORKING_TIME);
    }

    @Test
    void officeHoursAreLocalTimeAcrossTheDaylightSavingChange() {
        // Friday before the change (CET) + 1 h: Monday 08:00 CEST.
        assertThat(office.plusBusinessTime(warsaw("2026-03-27T15:00"), Duration.ofHours(1)))
                .isEqualTo(java.time.Instant.parse("2026-03-30T06:00:00Z"));
    }

    @Test
    void aCalendarThatIsNeverOpenOrHasBadHoursIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar("NONE", "Nigdy", WARSAW, Map.of(), false, List.of()))
                .isInstanceOf(SlaRuleViolation.class)
                .hasMessageContaining("at least one weekday");
        assertThatThrownBy(() -> OpeningHours.of("15:30", "07:30")).isInstanceOf(SlaRuleViolation.class);
        assertThatThrownBy(() -> OpeningHours.of("7.30", "15:30")).isInstanceOf(SlaRuleViolation.class);
        assertThatThrownBy(() -> OpeningHours.of("07:30", "24:30")).isInstanceOf(SlaRuleViolation.class);
        assertThat(OpeningHours.of("00:00", "24:00")).isEqualTo(OpeningHours.ALL_DAY);
        assertThatThrownBy(() -> new BusinessCalendar(
                        "X1",
                        "Dwa razy",
                        WARSAW,
                        Map.of(DayOfWeek.MONDAY, OpeningHours.ALL_DAY),
                        false,
                        List.of(
                                ExtraDay.closed(LocalDate.parse("2026-01-02"), null),
                                ExtraDay.closed(LocalDate.parse("2026-01-02"), null))))
                .isInstanceOf(SlaRuleViolation.class);
    }
}
