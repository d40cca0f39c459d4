package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.List;

/** Order statistics computed the way PostgreSQL's {@code percentile_cont} does (docs/kpis.md). */
final class Percentiles {

    private Percentiles() {}

    /** The {@code q}-quantile of ascending {@code sorted} values, interpolating between the closest ranks. */
    static Double continuous(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        double position = q * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double fraction = position - lower;
        return sorted.get(lower) + (sorted.get(upper) - sorted.get(lower)) * fraction;
    }

    static KpiReport.Stats stats(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return KpiReport.Stats.empty();
        }
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new KpiReport.Stats(
                sorted.size(),
                KpiReport.round2(sum / sorted.size()),
                KpiReport.round2(continuous(sorted, 0.5)),
                KpiReport.round2(continuous(sorted, 0.9)));
    }
}
