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
        return interpolate(sorted.get(lower), sorted.get(upper), position);
    }

    /**
     * The value at 0-based {@code position} between the values at its floor and ceiling ranks, computed the
     * same way by both KPI sources so that their figures are equal to the last bit.
     */
    static double interpolate(double lower, double upper, double position) {
        double fraction = position - Math.floor(position);
        return lower + (upper - lower) * fraction;
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
