package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.sla.BusinessCalendar;
import pl.krakow.coi.servicedesk.sla.OpeningHours;

class RemoteHandsFiguresTest {

    static final BusinessCalendar OFFICE = BusinessCalendar.officeHours(
            "WARSAW-OFFICE", "Office", ZoneId.of("Europe/Warsaw"), OpeningHours.of("07:30", "15:30"));

    static final Instant START = Instant.parse("2026-09-30T22:00:00Z");
    static final Instant END = Instant.parse("2026-10-31T23:00:00Z");

    static RemoteHandsFigures october(List<RemoteHandsTasksFixture.Row> rows, Instant now) {
        return RemoteHandsFigures.of(
                LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 1),
                START,
                END,
                now,
                "WARSAW-OFFICE",
                Duration.ofHours(4),
                rows.stream().map(RemoteHandsTasksFixture.Row::task).toList(),
                OFFICE::businessTime);
    }

    @Test
    void octoberFiguresEqualTheHandComputedValues() {
        RemoteHandsFigures f = october(RemoteHandsTasksFixture.ROWS, Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(f.asOf()).isEqualTo(END);
        assertThat(f.targetMinutes()).isEqualTo(240);
        // Requested in October: all but T7 (30 September).
        assertThat(f.requested()).isEqualTo(7);
        // Completed in October: T1, T2, T3, T7, T9 (T6 on 2 November).
        assertThat(f.completed()).isEqualTo(5);
        assertThat(f.cancelled()).isEqualTo(1);
        // Open at the end: T5, and T6 (completed later); both past their due time.
        assertThat(f.open()).isEqualTo(2);
        assertThat(f.openOverdue()).isEqualTo(2);
        // Judged: T1 and T3 on time, T2 and T7 late; T9 has no due time.
        assertThat(f.onTime()).isEqualTo(new KpiReport.Rate(2, 4, 0.5));
        // Business minutes 45, 60, 150, 300, 360: mean 915 / 5; p90 at 3.6: 300 + 0.6 × 60.
        assertThat(f.timeToComplete().business()).isEqualTo(new KpiReport.Stats(5, 183.0, 150.0, 336.0));
        // Calendar minutes 45, 150, 1 260, 1 320, 3 900: mean 6 675 / 5; p90: 1 320 + 0.6 × 2 580.
        assertThat(f.timeToComplete().calendar()).isEqualTo(new KpiReport.Stats(5, 1335.0, 1260.0, 2868.0));
    }

    @Test
    void aPeriodNotYetOverCountsWhatIsOpenNow() {
        // On Tue 27 Oct at 11:00 Warsaw: T5 (due 13:00) is open and not yet overdue; T6 is not yet requested.
        RemoteHandsFigures f = october(RemoteHandsTasksFixture.ROWS, Instant.parse("2026-10-27T10:00:00Z"));

        assertThat(f.asOf()).isEqualTo(Instant.parse("2026-10-27T10:00:00Z"));
        assertThat(f.open()).isEqualTo(1);
        assertThat(f.openOverdue()).isZero();
    }

    @Test
    void nothingToJudgeGivesNoRate() {
        RemoteHandsFigures f = october(List.of(), Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(f.onTime()).isEqualTo(new KpiReport.Rate(0, 0, null));
        assertThat(f.timeToComplete().business()).isEqualTo(KpiReport.Stats.empty());
    }
}
