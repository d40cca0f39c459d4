package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of one period (definitions: docs/kpis.md). Durations are in minutes; rates are fractions
 * (0.85 = 85 %), null when there is nothing to divide by. Both sources (the index and PostgreSQL)
 * produce this same shape, so they can be compared field by field.
 *
 * @param source {@code index} (Elasticsearch aggregations) or {@code database} (PostgreSQL)
 * @param asOf the instant the backlog and its aging are taken at: the end of the period, or now if
 *     the period has not ended
 * @param created tickets registered in the period
 * @param resolved tickets whose (last) resolution falls in the period
 * @param cancelled tickets cancelled in the period
 * @param backlog tickets open at {@code asOf}
 * @param aging the backlog by age at {@code asOf}
 * @param firstResponse time from registration to the first response, of tickets first answered in
 *     the period
 * @param resolution time from registration to resolution, of tickets resolved in the period
 * @param slaResponse response target met, of tickets first answered in the period
 * @param slaResolution resolution target met, of tickets resolved in the period
 * @param firstLineResolution resolved by the first line without escalation, of tickets resolved in the
 *     period that are neither security incidents nor resolved by monitoring itself
 * @param resolvedByMonitoring incidents from monitoring resolved in the period by monitoring itself (their
 *     alert cleared): counted apart, not as first-line resolutions
 * @param escalations tickets registered in the period and escalated, overall and per target unit
 * @param reassignments reassignments of tickets resolved in the period
 * @param reopened tickets resolved in the period that had been reopened
 * @param channels tickets registered in the period, by channel
 * @param categories the most frequent categories of tickets registered in the period
 * @param configurationItems the configuration items with most incidents registered in the period
 *     (problem candidates)
 * @param slaByUnit SLA compliance per resolving unit, of tickets resolved in the period
 * @param series registered and resolved tickets per bucket
 * @param licences the licence register's compliance summary, when a register is installed
 * @param configurationItemCounts CMDB items by class and state, when a CMDB is installed
 * @param configurationItemNames names of the items in {@code configurationItems}, by id, when a CMDB is
 *     installed
 */
public record KpiReport(
        String source,
        Period period,
        Map<String, List<String>> filters,
        Instant asOf,
        long created,
        long resolved,
        long cancelled,
        long backlog,
        List<Count> aging,
        Durations firstResponse,
        Durations resolution,
        Rate slaResponse,
        Rate slaResolution,
        Rate firstLineResolution,
        long resolvedByMonitoring,
        Escalations escalations,
        Reassignments reassignments,
        Rate reopened,
        List<Count> channels,
        List<Count> categories,
        List<Count> configurationItems,
        List<UnitSla> slaByUnit,
        List<SeriesPoint> series,
        LicenceCompliance licences,
        List<ConfigurationItemCount> configurationItemCounts,
        Map<String, String> configurationItemNames) {

    /** This report with the CMDB and licence figures, which do not depend on the period. */
    public KpiReport withInventory(
            LicenceCompliance licences, List<ConfigurationItemCount> counts, Map<String, String> itemNames) {
        return new KpiReport(
                source,
                period,
                filters,
                asOf,
                created,
                resolved,
                cancelled,
                backlog,
                aging,
                firstResponse,
                resolution,
                slaResponse,
                slaResolution,
                firstLineResolution,
                resolvedByMonitoring,
                escalations,
                reassignments,
                reopened,
                channels,
                categories,
                configurationItems,
                slaByUnit,
                series,
                licences,
                counts,
                itemNames);
    }

    /** The period in City Hall days ({@code to} exclusive) and as instants (for links into the search). */
    public record Period(LocalDate from, LocalDate to, KpiQuery.Granularity granularity, Instant start, Instant end) {

        static Period of(KpiQuery query) {
            return new Period(query.from(), query.to(), query.granularity(), query.start(), query.end());
        }
    }

    /** A number of tickets with a key (a channel, a category, a unit, an age bucket). */
    public record Count(String key, long count) {}

    /** A share: {@code part} of {@code total}; {@code rate} is null when the total is 0. */
    public record Rate(long part, long total, Double rate) {

        public static Rate of(long part, long total) {
            return new Rate(part, total, total == 0 ? null : round4((double) part / total));
        }
    }

    /** The same duration measured in business time (SLA clocks) and in calendar time. */
    public record Durations(Stats business, Stats calendar) {}

    /**
     * Mean, median and 90th percentile of a duration in minutes; null when {@code count} is 0. The
     * percentiles interpolate between the closest ranks (docs/kpis.md).
     */
    public record Stats(long count, Double mean, Double median, Double p90) {

        public static Stats empty() {
            return new Stats(0, null, null, null);
        }
    }

    /** Escalated tickets of those registered in the period, overall and per target unit. */
    public record Escalations(Rate overall, List<UnitRate> byUnit) {}

    public record UnitRate(String unit, Rate rate) {}

    /** Reassignments of the tickets resolved in the period, and their mean per ticket. */
    public record Reassignments(long total, long tickets, Double perTicket) {}

    /** Response and resolution compliance of the tickets a unit resolved in the period. */
    public record UnitSla(String unit, Rate response, Rate resolution) {}

    /** One bucket of the time series: the first day of the bucket, tickets registered and resolved in it. */
    public record SeriesPoint(LocalDate start, long created, long resolved) {}

    static Double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static Double round2(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }
}
