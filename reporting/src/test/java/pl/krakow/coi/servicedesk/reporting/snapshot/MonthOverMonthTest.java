package pl.krakow.coi.servicedesk.reporting.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthOverMonthTest {

    @Test
    void aMonthSumsItsDaysKeepsTheLastBacklogAndComputesItsRates() {
        Map<String, Double> month = MonthOverMonth.month(List.of(
                Map.of("created", 10, "resolved", 8, "backlog", 30, "resolutionMet", 6, "resolutionJudged", 8),
                Map.of("created", 5, "resolved", 12, "backlog", 23, "resolutionMet", 12, "resolutionJudged", 12)));
        assertThat(month)
                .containsEntry("created", 15.0)
                .containsEntry("resolved", 20.0)
                .containsEntry("backlog", 23.0)
                .containsEntry("slaResolutionRate", 0.9)
                .doesNotContainKey("slaResponseRate");
    }

    @Test
    void theChangeIsRelativeToTheMonthBeforeAndAbsentWithoutIt() {
        Map<String, Double> change = MonthOverMonth.change(
                Map.of("created", 12.0, "backlog", 5.0, "reopenRate", 0.1), Map.of("created", 10.0, "backlog", 0.0));
        assertThat(change).containsEntry("created", 0.2).hasSize(1);
        assertThat(MonthOverMonth.change(Map.of("created", 1.0), null)).isEmpty();
    }
}
