package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

class ConfigDiffTest {

    @Test
    void aCalendarChangeIsDescribedDayByDay() {
        BusinessCalendar before = officeHours();
        Map<DayOfWeek, OpeningHours> week = new EnumMap<>(before.weeklyHours());
        week.put(DayOfWeek.FRIDAY, OpeningHours.of("07:30", "13:30"));
        week.put(DayOfWeek.SATURDAY, OpeningHours.of("08:00", "12:00"));
        BusinessCalendar after = new BusinessCalendar(
                OFFICE,
                before.name(),
                WARSAW,
                week,
                true,
                List.of(BusinessCalendar.ExtraDay.closed(LocalDate.parse("2026-12-31"), "Sylwester")));
        assertThat(ConfigDiff.between(before, after))
                .containsExactly(
                        "FRIDAY: 07:30–15:30 → 07:30–13:30",
                        "SATURDAY: closed → 08:00–12:00",
                        "extra day 2026-12-31 closed (Sylwester) added");
        assertThat(ConfigDiff.between(before, officeHours())).isEmpty();
    }

    @Test
    void aPolicyChangeIsDescribedTargetByTarget() {
        SlaPolicy before = defaultPolicy();
        Map<Priority, TargetDurations> targets = new EnumMap<>(before.targets());
        targets.put(Priority.P1, TargetDurations.of(Duration.ofMinutes(15), Duration.ofHours(4)));
        SlaPolicy after = new SlaPolicy(before.code(), before.name(), before.scope(), ROUND_THE_CLOCK, OFFICE, targets);
        assertThat(ConfigDiff.between(before, after))
                .containsExactly("response calendar: WARSAW-OFFICE → 24X7", "P1 response: PT30M → PT15M");
    }
}
