package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentilesInterpolateBetweenTheClosestRanksLikePostgresql() {
        // The fixture's business minutes to resolve (KpiFixtureIT).
        List<Long> minutes = List.of(60L, 60L, 135L, 270L, 540L);
        assertThat(Percentiles.continuous(minutes, 0.5)).isEqualTo(135.0);
        assertThat(Percentiles.continuous(minutes, 0.9)).isEqualTo(432.0);
        assertThat(Percentiles.continuous(List.of(10L, 20L), 0.5)).isEqualTo(15.0);
        assertThat(Percentiles.continuous(List.of(7L), 0.9)).isEqualTo(7.0);
    }

    @Test
    void statsOfNothingAreEmpty() {
        assertThat(Percentiles.stats(List.of())).isEqualTo(KpiReport.Stats.empty());
        assertThat(Percentiles.stats(List.of(5L, 10L, 15L, 20L, 30L, 30L, 30L)))
                .isEqualTo(new KpiReport.Stats(7, 20.0, 20.0, 30.0));
    }

    @Test
    void ratesAreRoundedAndNullWithoutATotal() {
        assertThat(KpiReport.Rate.of(1, 3).rate()).isEqualTo(0.3333);
        assertThat(KpiReport.Rate.of(0, 0).rate()).isNull();
    }
}
