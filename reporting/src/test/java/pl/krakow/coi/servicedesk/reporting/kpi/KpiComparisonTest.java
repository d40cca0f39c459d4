package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class KpiComparisonTest {

    final JsonMapper json = new JsonMapper();

    @Test
    void everyFigureMustBeEqualPercentilesIncluded() {
        KpiReport exact = report("database", 10, new KpiReport.Stats(100, 50.0, 1000.0, 2000.0));
        assertThat(KpiComparison.differences(
                        exact, report("index", 10, new KpiReport.Stats(100, 50.0, 1000.0, 2000.0)), json))
                .isEmpty();
        // The index computes percentiles exactly (ADR 0073): a difference of a hundredth of a minute counts.
        assertThat(KpiComparison.differences(
                        exact, report("index", 10, new KpiReport.Stats(100, 50.0, 1000.01, 2000.0)), json))
                .containsExactly(".resolution.business.median: 1000.0 ≠ 1000.01");
        assertThat(KpiComparison.differences(
                        exact, report("index", 11, new KpiReport.Stats(100, 50.0, 1000.0, 2000.0)), json))
                .containsExactly(".created: 10 ≠ 11");
        assertThat(KpiComparison.differences(
                        exact, report("index", 10, new KpiReport.Stats(100, 50.5, 1000.0, 2100.0)), json))
                .containsExactly(".resolution.business.mean: 50.0 ≠ 50.5", ".resolution.business.p90: 2000.0 ≠ 2100.0");
    }

    private static KpiReport report(String source, long created, KpiReport.Stats business) {
        KpiQuery query = KpiQuery.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
        KpiReport.Rate none = KpiReport.Rate.of(0, 0);
        return new KpiReport(
                source,
                KpiReport.Period.of(query),
                Map.of(),
                Instant.parse("2026-10-31T23:00:00Z"),
                created,
                0,
                0,
                0,
                List.of(),
                new KpiReport.Durations(KpiReport.Stats.empty(), KpiReport.Stats.empty()),
                new KpiReport.Durations(business, KpiReport.Stats.empty()),
                none,
                none,
                none,
                0,
                new KpiReport.Escalations(none, List.of()),
                new KpiReport.Reassignments(0, 0, null),
                none,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null);
    }
}
