package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.TicketService;

/**
 * What a KPI report covers: a period of City Hall days {@code [from, to)}, the granularity of its time
 * series, and filters (values of one dimension are alternatives; dimensions all apply).
 *
 * @param to exclusive: {@code from=2026-10-01, to=2026-11-01} is October
 */
public record KpiQuery(LocalDate from, LocalDate to, Granularity granularity, Map<Dimension, List<String>> filters) {

    /** Days, weeks and months are those of City Hall (Europe/Warsaw). */
    public static final ZoneId ZONE = TicketService.CITY_HALL_ZONE;

    /** At most this many days in one report (three years and a bit). */
    public static final int MAX_DAYS = 1_100;

    /** Buckets of the time series; weeks start on Monday. */
    public enum Granularity {
        DAY,
        WEEK,
        MONTH
    }

    /** What a report can be filtered by; the parameter name of the API in {@link #parameter()}. */
    public enum Dimension {
        /** A unit that held or helped with the ticket ({@code handledBy}), as a unit head's view. */
        UNIT("unit"),
        /** The line holding the ticket now (for a resolved ticket, the line that resolved it). */
        LINE("line"),
        CATEGORY("category"),
        PRIORITY("priority"),
        /** The requester's customer unit. */
        CUSTOMER_UNIT("customerUnit"),
        CHANNEL("channel");

        private final String parameter;

        Dimension(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    public KpiQuery {
        if (from == null || to == null) {
            throw ServiceDeskException.invalid("invalid-period", "from and to are required");
        }
        if (!from.isBefore(to)) {
            throw ServiceDeskException.invalid("invalid-period", "from must be before to (to is exclusive)");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw ServiceDeskException.invalid("invalid-period", "A report covers at most " + MAX_DAYS + " days");
        }
        granularity = granularity == null ? Granularity.DAY : granularity;
        Map<Dimension, List<String>> cleaned = new EnumMap<>(Dimension.class);
        if (filters != null) {
            filters.forEach((dimension, values) -> {
                List<String> kept = values == null
                        ? List.of()
                        : values.stream()
                                .filter(v -> v != null && !v.isBlank())
                                .map(v -> normalise(dimension, v.trim()))
                                .distinct()
                                .toList();
                if (!kept.isEmpty()) {
                    cleaned.put(dimension, kept);
                }
            });
        }
        filters = Collections.unmodifiableMap(cleaned);
    }

    /** The report of one period without filters, by day. */
    public static KpiQuery of(LocalDate from, LocalDate to) {
        return new KpiQuery(from, to, Granularity.DAY, Map.of());
    }

    public Instant start() {
        return from.atStartOfDay(ZONE).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(ZONE).toInstant();
    }

    /** The period of the same length just before this one, with the same filters (for trends). */
    public KpiQuery previous() {
        long days = ChronoUnit.DAYS.between(from, to);
        return new KpiQuery(from.minusDays(days), from, granularity, filters);
    }

    public KpiQuery withFilter(Dimension dimension, List<String> values) {
        Map<Dimension, List<String>> changed = new EnumMap<>(Dimension.class);
        changed.putAll(filters);
        changed.put(dimension, values);
        return new KpiQuery(from, to, granularity, changed);
    }

    /** The first day of the bucket that holds {@code day}. */
    public LocalDate bucketOf(LocalDate day) {
        return switch (granularity) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day of every bucket of the period, in order (the first may start before {@code from}). */
    public List<LocalDate> bucketStarts() {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate day = bucketOf(from); day.isBefore(to); day = next(day)) {
            starts.add(day);
        }
        return starts;
    }

    private LocalDate next(LocalDate bucket) {
        return switch (granularity) {
            case DAY -> bucket.plusDays(1);
            case WEEK -> bucket.plusWeeks(1);
            case MONTH -> bucket.plusMonths(1);
        };
    }

    private static String normalise(Dimension dimension, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        return switch (dimension) {
            case LINE -> requireOneOf(dimension, upper, List.of("FIRST", "SECOND", "SECURITY"));
            case PRIORITY -> requireOneOf(dimension, upper, List.of("P1", "P2", "P3", "P4"));
            case CHANNEL -> requireOneOf(dimension, upper, List.of("PORTAL", "EMAIL", "PHONE", "MONITORING", "API"));
            default -> {
                if (!upper.matches("[A-Z0-9][A-Z0-9-]{0,39}")) {
                    throw ServiceDeskException.invalid(
                            "invalid-filter", dimension.parameter() + " is not a code: " + value);
                }
                yield upper;
            }
        };
    }

    private static String requireOneOf(Dimension dimension, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw ServiceDeskException.invalid(
                    "invalid-filter", dimension.parameter() + " must be one of " + allowed + ", not " + value);
        }
        return value;
    }

    /** A query from the request parameters of the KPI endpoints and exports (defaults: the last 30 days, by day). */
    public static KpiQuery of(
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
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        put(filters, Dimension.UNIT, unit);
        put(filters, Dimension.LINE, line);
        put(filters, Dimension.CATEGORY, category);
        put(filters, Dimension.PRIORITY, priority);
        put(filters, Dimension.CUSTOMER_UNIT, customerUnit);
        put(filters, Dimension.CHANNEL, channel);
        return new KpiQuery(start, end, KpiController.granularity(granularity), filters);
    }

    private static void put(Map<Dimension, List<String>> filters, Dimension d, List<String> v) {
        if (v != null && !v.isEmpty()) {
            filters.put(d, v);
        }
    }
}
