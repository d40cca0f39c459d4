package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolishHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({
        // Independent oracle: python-dateutil's easter() (EASTER_WESTERN).
        "1583, 1583-04-10",
        "1818, 1818-03-22",
        "1943, 1943-04-25",
        "2000, 2000-04-23",
        "2008, 2008-03-23",
        "2011, 2011-04-24",
        "2019, 2019-04-21",
        "2024, 2024-03-31",
        "2025, 2025-04-20",
        "2026, 2026-04-05",
        "2027, 2027-03-28",
        "2028, 2028-04-16",
        "2038, 2038-04-25",
        "2100, 2100-03-28",
        "2285, 2285-03-22"
    })
    void easterSundayFollowsTheGregorianComputus(int year, LocalDate easter) {
        assertThat(PolishHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void easterMondayPentecostAndCorpusChristiOf2026And2027AreHolidays() {
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2026-04-06"))).contains("Poniedziałek Wielkanocny");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2026-05-24"))).contains("Zielone Świątki");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2026-06-04"))).contains("Boże Ciało");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2027-03-29"))).contains("Poniedziałek Wielkanocny");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2027-05-16"))).contains("Zielone Świątki");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2027-05-27"))).contains("Boże Ciało");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2026-06-03"))).isEmpty();
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2027-05-28"))).isEmpty();
    }

    @Test
    void christmasEveIsAHolidayFrom2025On() {
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2024-12-24"))).isEmpty();
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2025-12-24"))).contains("Wigilia Bożego Narodzenia");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2026-12-24"))).contains("Wigilia Bożego Narodzenia");
        assertThat(PolishHolidays.nameOf(LocalDate.parse("2040-12-24"))).isPresent();
    }

    @Test
    void aYearHasThirteenFixedAndMoveableHolidaysPlusChristmasEveFrom2025() {
        assertThat(PolishHolidays.of(2026))
                .containsOnlyKeys(
                        LocalDate.parse("2026-01-01"),
                        LocalDate.parse("2026-01-06"),
                        LocalDate.parse("2026-04-05"),
                        LocalDate.parse("2026-04-06"),
                        LocalDate.parse("2026-05-01"),
                        LocalDate.parse("2026-05-03"),
                        LocalDate.parse("2026-05-24"),
                        LocalDate.parse("2026-06-04"),
                        LocalDate.parse("2026-08-15"),
                        LocalDate.parse("2026-11-01"),
                        LocalDate.parse("2026-11-11"),
                        LocalDate.parse("2026-12-24"),
                        LocalDate.parse("2026-12-25"),
                        LocalDate.parse("2026-12-26"));
        assertThat(PolishHolidays.of(2024)).hasSize(13);
        assertThat(PolishHolidays.of(2010))
                .as("Epiphany is a holiday again from 2011")
                .hasSize(12)
                .doesNotContainKey(LocalDate.parse("2010-01-06"));
    }

    @Test
    void moveableHolidaysKeepTheirDistanceFromEasterInEveryYear() {
        for (int year = 1900; year <= 2200; year++) {
            LocalDate easter = PolishHolidays.easterSunday(year);
            assertThat(easter.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
            assertThat(easter).isBetween(LocalDate.of(year, 3, 22), LocalDate.of(year, 4, 25));
            assertThat(PolishHolidays.of(year))
                    .containsKeys(easter, easter.plusDays(1), easter.plusDays(49), easter.plusDays(60));
            assertThat(easter.plusDays(60).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.THURSDAY);
        }
    }

    @Test
    void yearsBeforeTheGregorianCalendarAreRefused() {
        assertThatThrownBy(() -> PolishHolidays.of(1582)).isInstanceOf(IllegalArgumentException.class);
    }
}
