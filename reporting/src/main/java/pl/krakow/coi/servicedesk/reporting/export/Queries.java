package pl.krakow.coi.servicedesk.reporting.export;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;

/** A {@link KpiQuery} from request parameters (the same as {@code GET /api/v1/kpis}). */
final class Queries {

    private Queries() {}

    static KpiQuery of(
            LocalDate from,
            LocalDate to,
            String granularity,
            List<String> unit,
            List<String> line,
            List<String> category,
            List<String> priority,
            List<String> customerUnit,
            List<String> channel) {
        LocalDate end = to != null ? to : LocalDate.now(KpiQuery.ZONE).plusDays(1);
        LocalDate start = from != null ? from : end.minusDays(30);
        Map<KpiQuery.Dimension, List<String>> filters = new EnumMap<>(KpiQuery.Dimension.class);
        put(filters, KpiQuery.Dimension.UNIT, unit);
        put(filters, KpiQuery.Dimension.LINE, line);
        put(filters, KpiQuery.Dimension.CATEGORY, category);
        put(filters, KpiQuery.Dimension.PRIORITY, priority);
        put(filters, KpiQuery.Dimension.CUSTOMER_UNIT, customerUnit);
        put(filters, KpiQuery.Dimension.CHANNEL, channel);
        KpiQuery.Granularity g = KpiQuery.Granularity.DAY;
        if (granularity != null && !granularity.isBlank()) {
            try {
                g = KpiQuery.Granularity.valueOf(granularity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ServiceDeskException.invalid("invalid-granularity", "granularity must be day, week or month");
            }
        }
        return new KpiQuery(start, end, g, filters);
    }

    private static void put(Map<KpiQuery.Dimension, List<String>> filters, KpiQuery.Dimension d, List<String> v) {
        if (v != null && !v.isEmpty()) {
            filters.put(d, v);
        }
    }
}
