package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

class KpiQueryTest {

    @Test
    void daysAreCityHallDaysWithTheEndExclusive() {
        KpiQuery october = KpiQuery.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
        assertThat(october.start()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        // Summer time ended on 25 October: November starts at 23:00 UTC.
        assertThat(october.end()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void weeksStartOnMondayAndTheFirstBucketMayStartBeforeThePeriod() {
        KpiQuery query = new KpiQuery(
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 20), KpiQuery.Granularity.WEEK, Map.of());
        assertThat(query.bucketStarts())
                .containsExactly(
                        LocalDate.of(2026, 9, 28),
                        LocalDate.of(2026, 10, 5),
                        LocalDate.of(2026, 10, 12),
                        LocalDate.of(2026, 10, 19));
        assertThat(query.bucketOf(LocalDate.of(2026, 10, 18))).isEqualTo(LocalDate.of(2026, 10, 12));
    }

    @Test
    void monthsAndThePreviousPeriodOfTheSameLength() {
        KpiQuery query =
                new KpiQuery(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 4, 1), KpiQuery.Granularity.MONTH, Map.of());
        assertThat(query.bucketStarts())
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        KpiQuery previous = query.previous();
        assertThat(previous.to()).isEqualTo(query.from());
        assertThat(previous.from()).isEqualTo(LocalDate.of(2025, 10, 31));
    }

    @Test
    void filtersAreNormalisedAndCheckedAndBlankOnesDropped() {
        KpiQuery query = new KpiQuery(
                LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 1),
                null,
                Map.of(
                        KpiQuery.Dimension.CHANNEL, List.of("email", "EMAIL"),
                        KpiQuery.Dimension.PRIORITY, List.of(" p1 "),
                        KpiQuery.Dimension.UNIT, List.of("")));
        assertThat(query.granularity()).isEqualTo(KpiQuery.Granularity.DAY);
        assertThat(query.filters())
                .containsEntry(KpiQuery.Dimension.CHANNEL, List.of("EMAIL"))
                .containsEntry(KpiQuery.Dimension.PRIORITY, List.of("P1"))
                .doesNotContainKey(KpiQuery.Dimension.UNIT);
    }

    @Test
    void badPeriodsAndFiltersAreRefusedWithStableTypes() {
        LocalDate day = LocalDate.of(2026, 10, 1);
        assertThatThrownBy(() -> KpiQuery.of(day, day))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-period"));
        assertThatThrownBy(() -> KpiQuery.of(day, day.plusDays(KpiQuery.MAX_DAYS + 1)))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-period"));
        assertThatThrownBy(() ->
                        new KpiQuery(day, day.plusDays(1), null, Map.of(KpiQuery.Dimension.LINE, List.of("THIRD"))))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-filter"));
        assertThatThrownBy(() ->
                        new KpiQuery(day, day.plusDays(1), null, Map.of(KpiQuery.Dimension.CATEGORY, List.of("a b"))))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-filter"));
    }
}
