package pl.krakow.coi.servicedesk.reporting.kpi;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.elasticsearch.QueryDeadline;
import pl.krakow.coi.servicedesk.search.SearchVisibility;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live KPIs: one Elasticsearch search (no hits, only aggregations) over the ticket index, within
 * the caller's visibility and the report's filters. Each KPI family is a filter aggregation on the
 * timestamp that attributes a ticket to the period (registered, first answered, resolved, cancelled,
 * open at the end), so one request answers the whole report (docs/kpis.md).
 */
@Component
class IndexKpis {

    static final int TOP = 10;
    static final int UNITS = 50;
    private static final Logger log = LoggerFactory.getLogger(IndexKpis.class);

    private final RestClient client;
    private final QueryDeadline deadline;
    private final ElasticsearchProperties elasticsearch;
    private final JsonMapper json;

    IndexKpis(RestClient client, QueryDeadline deadline, ElasticsearchProperties elasticsearch, JsonMapper json) {
        this.client = client;
        this.deadline = deadline;
        this.elasticsearch = elasticsearch;
        this.json = json;
    }

    String alias() {
        return elasticsearch.indexName("tickets");
    }

    KpiReport report(KpiQuery query, SearchVisibility visibility, Instant now) {
        Instant start = query.start();
        Instant end = query.end();
        Instant asOf = end.isBefore(now) ? end : now;
        List<Object> scope = new ArrayList<>();
        scope.add(visibility(visibility));
        scope.addAll(filters(query));
        Map<String, Object> backlog = backlog(asOf);
        List<Object> relevant = List.of(
                range(CREATED_AT, start, end),
                range(RESOLVED_AT, start, end),
                range(FIRST_RESPONSE_AT, start, end),
                range(CLOSED_AT, start, end),
                backlog);
        Map<String, Object> aggs = new LinkedHashMap<>();
        aggs.put("created", filterAgg(range(CREATED_AT, start, end), createdAggs(query)));
        aggs.put("resolved", filterAgg(range(RESOLVED_AT, start, end), resolvedAggs(query)));
        aggs.put("responded", filterAgg(range(FIRST_RESPONSE_AT, start, end), respondedAggs()));
        aggs.put("cancelled", filterAgg(bool(List.of(term(STATUS, "CANCELLED"), range(CLOSED_AT, start, end))), null));
        aggs.put("backlog", filterAgg(backlog, Map.of("aging", agingAgg(asOf))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.put("query", Map.of("bool", Map.of("filter", scope, "should", relevant, "minimum_should_match", 1)));
        body.put("aggs", aggs);
        JsonNode aggregations = search(body).path("aggregations");
        return read(query, asOf, aggregations, exactPercentiles(scope, start, end, aggregations));
    }

    /** The duration families: the timestamp that puts a ticket in the period, and the fields measured. */
    private static final Map<String, String> FAMILY_TIMESTAMPS =
            Map.of("responded", FIRST_RESPONSE_AT, "resolved", RESOLVED_AT);

    private static final Map<String, Map<String, String>> FAMILY_FIELDS = Map.of(
            "responded",
            Map.of("business", BUSINESS_MINUTES_TO_FIRST_RESPONSE, "calendar", MINUTES_TO_FIRST_RESPONSE),
            "resolved",
            Map.of("business", BUSINESS_MINUTES_TO_RESOLVE, "calendar", MINUTES_TO_RESOLVE));

    /**
     * The exact medians and 90th percentiles ({@link Percentiles#continuous}, as PostgreSQL's
     * {@code percentile_cont}), by {@code family.kind.percent}, from a second search (ADR 0073). The first
     * search's HDR histogram puts the value at one of the two ranks the quantile lies between within
     * {@link #HDR_RELATIVE_ERROR} of its estimate; the second counts, per quantile, the values below a window
     * around that estimate, the values in it one by one (the durations are whole minutes), the largest value
     * below and the smallest above it: enough to read both ranks exactly.
     */
    private Map<String, Double> exactPercentiles(
            List<Object> scope, Instant start, Instant end, JsonNode aggregations) {
        List<ExactPercentile> wanted = new ArrayList<>();
        Map<String, Object> aggs = new LinkedHashMap<>();
        FAMILY_FIELDS.forEach((family, fields) -> {
            Map<String, Object> windows = new LinkedHashMap<>();
            fields.forEach((kind, field) -> {
                JsonNode parent = aggregations.path(family);
                long count = parent.path(kind).path("count").asLong();
                for (JsonNode value : parent.path(kind + "Percentiles").path("values")) {
                    if (count == 0 || !value.path("value").isNumber()) {
                        continue;
                    }
                    ExactPercentile p = new ExactPercentile(
                            family,
                            kind,
                            field,
                            value.path("key").asDouble() / 100,
                            count,
                            value.path("value").asDouble());
                    wanted.add(p);
                    windows.putAll(p.aggregations());
                }
            });
            if (!windows.isEmpty()) {
                aggs.put(family, filterAgg(range(FAMILY_TIMESTAMPS.get(family), start, end), windows));
            }
        });
        Map<String, Double> exact = new HashMap<>();
        if (wanted.isEmpty()) {
            return exact;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 0);
        body.put("track_total_hits", false);
        body.put("query", Map.of("bool", Map.of("filter", scope)));
        body.put("aggs", aggs);
        JsonNode windows = search(body).path("aggregations");
        for (ExactPercentile p : wanted) {
            Double value = p.read(windows.path(p.family()));
            if (value != null) {
                exact.put(p.key(), value);
            } else {
                log.warn(
                        "KPI {}: the exact percentile is not in the window around the estimate {}; the estimate"
                                + " is reported",
                        p.key(),
                        p.estimate());
            }
        }
        return exact;
    }

    /**
     * The largest relative error of Elasticsearch's HDR percentiles with {@link #HDR_DIGITS} significant
     * digits: a value is reported as the highest value of its bucket, at most 1/1024 of it above.
     */
    static final double HDR_RELATIVE_ERROR = 1.0 / 1024;

    static final int HDR_DIGITS = 3;

    /**
     * One quantile {@code q} of {@code count} values of {@code field}, which HDR estimated at
     * {@code estimate}. With 1-based ranks, {@code percentile_cont} lies between rank {@code a = ⌊q·(n−1)⌋ + 1}
     * and {@code a + 1}; HDR's rank, round(q·n) (or ⌈q·n⌉), is one of the two.
     */
    record ExactPercentile(String family, String kind, String field, double q, long count, double estimate) {

        String key() {
            return family + "." + kind + "." + Math.round(q * 100);
        }

        private String name() {
            return kind + Math.round(q * 100);
        }

        /** The window: every value HDR could have reported as {@code estimate}, with a margin. */
        long low() {
            return (long) Math.floor(estimate * (1 - 2 * HDR_RELATIVE_ERROR)) - 1;
        }

        long high() {
            return (long) Math.ceil(estimate) + 1;
        }

        Map<String, Object> aggregations() {
            Map<String, Object> aggs = new LinkedHashMap<>();
            aggs.put(
                    name() + "Window",
                    filterAgg(
                            Map.of("range", Map.of(field, Map.of("gte", low(), "lte", high()))),
                            Map.of(
                                    "values",
                                    Map.of("histogram", Map.of("field", field, "interval", 1, "min_doc_count", 1)))));
            aggs.put(
                    name() + "Below",
                    filterAgg(
                            Map.of("range", Map.of(field, Map.of("lt", low()))),
                            Map.of("max", Map.of("max", Map.of("field", field)))));
            aggs.put(
                    name() + "Above",
                    filterAgg(
                            Map.of("range", Map.of(field, Map.of("gt", high()))),
                            Map.of("min", Map.of("min", Map.of("field", field)))));
            return aggs;
        }

        /** The exact quantile from the second search's figures, or null if a rank it needs is out of reach. */
        Double read(JsonNode family) {
            long below = family.path(name() + "Below").path("doc_count").asLong();
            JsonNode buckets = family.path(name() + "Window").path("values").path("buckets");
            double position = q * (count - 1);
            long a = (long) Math.floor(position) + 1;
            Double lower = valueAt(a, below, buckets, family);
            Double upper = position == Math.floor(position) ? lower : valueAt(a + 1, below, buckets, family);
            if (lower == null || upper == null) {
                return null;
            }
            return Percentiles.interpolate(lower, upper, position);
        }

        private Double valueAt(long rank, long below, JsonNode buckets, JsonNode family) {
            if (rank <= 0 || rank > count) {
                return null;
            }
            if (rank == below) {
                JsonNode max = family.path(name() + "Below").path("max").path("value");
                return max.isNumber() ? max.asDouble() : null;
            }
            long seen = below;
            for (JsonNode bucket : buckets) {
                seen += bucket.path("doc_count").asLong();
                if (rank > below && rank <= seen) {
                    return bucket.path("key").asDouble();
                }
            }
            if (rank == seen + 1) {
                JsonNode min = family.path(name() + "Above").path("min").path("value");
                return min.isNumber() ? min.asDouble() : null;
            }
            return null;
        }
    }

    private Map<String, Object> createdAggs(KpiQuery query) {
        Map<String, Object> aggs = new LinkedHashMap<>();
        aggs.put("channels", termsAgg(CHANNEL, TOP, null));
        aggs.put("categories", termsAgg(CATEGORY, TOP, null));
        aggs.put(
                "incidents",
                filterAgg(
                        term(TYPE, TicketType.INCIDENT.name()),
                        Map.of("items", termsAgg(CONFIGURATION_ITEM, TOP, null))));
        aggs.put(
                "escalated",
                filterAgg(
                        term(KpiFields.ESCALATED, true), Map.of("to", termsAgg(KpiFields.ESCALATED_TO, UNITS, null))));
        aggs.put("series", histogram(CREATED_AT, query));
        return aggs;
    }

    private Map<String, Object> resolvedAggs(KpiQuery query) {
        Map<String, Object> aggs = new LinkedHashMap<>();
        durations(aggs, BUSINESS_MINUTES_TO_RESOLVE, MINUTES_TO_RESOLVE);
        aggs.put("sla", termsAgg(SLA_RESOLUTION_MET, 2, null));
        aggs.put(
                "notSecurity",
                filterAgg(
                        Map.of(
                                "bool",
                                Map.of(
                                        "must_not",
                                        List.of(
                                                term(TYPE, TicketType.SECURITY_INCIDENT.name()),
                                                term(KpiFields.RESOLVED_BY_MONITORING, true)))),
                        Map.of("firstLine", filterAgg(term(KpiFields.FIRST_LINE_RESOLVED, true), null))));
        aggs.put("byMonitoring", filterAgg(term(KpiFields.RESOLVED_BY_MONITORING, true), null));
        aggs.put("reopened", filterAgg(term(KpiFields.REOPENED, true), null));
        aggs.put("reassignments", Map.of("sum", Map.of("field", REASSIGNMENT_COUNT)));
        Map<String, Object> perUnit = new LinkedHashMap<>();
        perUnit.put("response", termsAgg(SLA_RESPONSE_MET, 2, null));
        perUnit.put("resolution", termsAgg(SLA_RESOLUTION_MET, 2, null));
        aggs.put("byUnit", termsAgg(RESOLVED_BY_UNIT, UNITS, perUnit));
        aggs.put("series", histogram(RESOLVED_AT, query));
        return aggs;
    }

    private Map<String, Object> respondedAggs() {
        Map<String, Object> aggs = new LinkedHashMap<>();
        durations(aggs, BUSINESS_MINUTES_TO_FIRST_RESPONSE, MINUTES_TO_FIRST_RESPONSE);
        aggs.put("sla", termsAgg(SLA_RESPONSE_MET, 2, null));
        return aggs;
    }

    private static void durations(Map<String, Object> aggs, String business, String calendar) {
        aggs.put("business", Map.of("stats", Map.of("field", business)));
        aggs.put("businessPercentiles", percentiles(business));
        aggs.put("calendar", Map.of("stats", Map.of("field", calendar)));
        aggs.put("calendarPercentiles", percentiles(calendar));
    }

    /** HDR, not TDigest: its error is bounded ({@link #HDR_RELATIVE_ERROR}), so the exact value is near. */
    private static Map<String, Object> percentiles(String field) {
        return Map.of(
                "percentiles",
                Map.of(
                        "field",
                        field,
                        "percents",
                        List.of(50.0, 90.0),
                        "keyed",
                        false,
                        "hdr",
                        Map.of("number_of_significant_value_digits", HDR_DIGITS)));
    }

    private static Map<String, Object> histogram(String field, KpiQuery query) {
        return Map.of(
                "date_histogram",
                Map.of(
                        "field",
                        field,
                        "calendar_interval",
                        query.granularity().name().toLowerCase(Locale.ROOT),
                        "time_zone",
                        KpiQuery.ZONE.getId(),
                        "min_doc_count",
                        1));
    }

    private static Map<String, Object> agingAgg(Instant asOf) {
        List<Object> ranges = new ArrayList<>();
        for (Aging bucket : Aging.all()) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("key", bucket.key());
            if (bucket.createdFrom(asOf) != null) {
                range.put("from", bucket.createdFrom(asOf).toString());
            }
            range.put("to", bucket.createdBefore(asOf).toString());
            ranges.add(range);
        }
        return Map.of("date_range", Map.of("field", CREATED_AT, "ranges", ranges, "keyed", false));
    }

    /** Open at {@code asOf}: registered before, not resolved before, not cancelled before. */
    private static Map<String, Object> backlog(Instant asOf) {
        return Map.of(
                "bool",
                Map.of(
                        "filter",
                        List.of(Map.of("range", Map.of(CREATED_AT, Map.of("lt", asOf.toString())))),
                        "must_not",
                        List.of(
                                Map.of("range", Map.of(RESOLVED_AT, Map.of("lt", asOf.toString()))),
                                bool(List.of(
                                        term(STATUS, "CANCELLED"),
                                        Map.of("range", Map.of(CLOSED_AT, Map.of("lt", asOf.toString()))))))));
    }

    private KpiReport read(KpiQuery query, Instant asOf, JsonNode aggs, Map<String, Double> exact) {
        JsonNode created = aggs.path("created");
        JsonNode resolved = aggs.path("resolved");
        JsonNode responded = aggs.path("responded");
        long createdCount = created.path("doc_count").asLong();
        long resolvedCount = resolved.path("doc_count").asLong();

        // Elasticsearch orders date ranges by their start; the report lists the youngest first.
        Map<String, Long> ages = new HashMap<>();
        for (JsonNode bucket : aggs.path("backlog").path("aging").path("buckets")) {
            ages.put(bucket.path("key").asString(), bucket.path("doc_count").asLong());
        }
        List<KpiReport.Count> aging = new ArrayList<>();
        for (Aging bucket : Aging.all()) {
            aging.add(new KpiReport.Count(bucket.key(), ages.getOrDefault(bucket.key(), 0L)));
        }
        List<KpiReport.UnitRate> byUnit = new ArrayList<>();
        for (JsonNode bucket : created.path("escalated").path("to").path("buckets")) {
            byUnit.add(new KpiReport.UnitRate(
                    bucket.path("key").asString(),
                    KpiReport.Rate.of(bucket.path("doc_count").asLong(), createdCount)));
        }
        List<KpiReport.UnitSla> slaByUnit = new ArrayList<>();
        for (JsonNode bucket : resolved.path("byUnit").path("buckets")) {
            slaByUnit.add(new KpiReport.UnitSla(
                    bucket.path("key").asString(), met(bucket.path("response")), met(bucket.path("resolution"))));
        }
        long reassignments =
                Math.round(resolved.path("reassignments").path("value").asDouble());
        Map<LocalDate, long[]> series = new HashMap<>();
        histogram(series, created.path("series"), 0, query);
        histogram(series, resolved.path("series"), 1, query);
        return new KpiReport(
                "index",
                KpiReport.Period.of(query),
                filterView(query),
                asOf,
                createdCount,
                resolvedCount,
                aggs.path("cancelled").path("doc_count").asLong(),
                aggs.path("backlog").path("doc_count").asLong(),
                aging,
                durations(responded, "responded", exact),
                durations(resolved, "resolved", exact),
                met(responded.path("sla")),
                met(resolved.path("sla")),
                KpiReport.Rate.of(
                        resolved.path("notSecurity")
                                .path("firstLine")
                                .path("doc_count")
                                .asLong(),
                        resolved.path("notSecurity").path("doc_count").asLong()),
                resolved.path("byMonitoring").path("doc_count").asLong(),
                new KpiReport.Escalations(
                        KpiReport.Rate.of(
                                created.path("escalated").path("doc_count").asLong(), createdCount),
                        byUnit),
                new KpiReport.Reassignments(
                        reassignments,
                        resolvedCount,
                        resolvedCount == 0 ? null : KpiReport.round2((double) reassignments / resolvedCount)),
                KpiReport.Rate.of(resolved.path("reopened").path("doc_count").asLong(), resolvedCount),
                counts(created.path("channels")),
                counts(created.path("categories")),
                counts(created.path("incidents").path("items")),
                slaByUnit,
                series(query, series),
                null,
                null,
                null);
    }

    static List<KpiReport.SeriesPoint> series(KpiQuery query, Map<LocalDate, long[]> values) {
        List<KpiReport.SeriesPoint> points = new ArrayList<>();
        for (LocalDate start : query.bucketStarts()) {
            long[] v = values.getOrDefault(start, new long[2]);
            points.add(new KpiReport.SeriesPoint(start, v[0], v[1]));
        }
        return points;
    }

    private static void histogram(Map<LocalDate, long[]> series, JsonNode histogram, int slot, KpiQuery query) {
        for (JsonNode bucket : histogram.path("buckets")) {
            LocalDate day = Instant.ofEpochMilli(bucket.path("key").asLong())
                    .atZone(KpiQuery.ZONE)
                    .toLocalDate();
            series.computeIfAbsent(query.bucketOf(day), d -> new long[2])[slot] +=
                    bucket.path("doc_count").asLong();
        }
    }

    private static KpiReport.Durations durations(JsonNode parent, String family, Map<String, Double> exact) {
        return new KpiReport.Durations(
                stats(parent.path("business"), parent.path("businessPercentiles"), family + ".business", exact),
                stats(parent.path("calendar"), parent.path("calendarPercentiles"), family + ".calendar", exact));
    }

    private static KpiReport.Stats stats(
            JsonNode stats, JsonNode percentiles, String prefix, Map<String, Double> exact) {
        long count = stats.path("count").asLong();
        if (count == 0) {
            return KpiReport.Stats.empty();
        }
        Double median = null;
        Double p90 = null;
        for (JsonNode value : percentiles.path("values")) {
            double key = value.path("key").asDouble();
            Double v = value.path("value").isNumber() ? value.path("value").asDouble() : null;
            v = exact.getOrDefault(prefix + "." + Math.round(key), v);
            if (key == 50.0) {
                median = v;
            } else if (key == 90.0) {
                p90 = v;
            }
        }
        return new KpiReport.Stats(
                count, KpiReport.round2(stats.path("avg").asDouble()), KpiReport.round2(median), KpiReport.round2(p90));
    }

    /** Met of met + breached, from a terms aggregation on a boolean field. */
    private static KpiReport.Rate met(JsonNode terms) {
        long met = 0;
        long total = 0;
        for (JsonNode bucket : terms.path("buckets")) {
            long count = bucket.path("doc_count").asLong();
            total += count;
            if ("true".equals(bucket.path("key_as_string").asString())) {
                met += count;
            }
        }
        return KpiReport.Rate.of(met, total);
    }

    private static List<KpiReport.Count> counts(JsonNode terms) {
        List<KpiReport.Count> counts = new ArrayList<>();
        for (JsonNode bucket : terms.path("buckets")) {
            counts.add(new KpiReport.Count(
                    bucket.path("key").asString(), bucket.path("doc_count").asLong()));
        }
        return counts;
    }

    static Map<String, List<String>> filterView(KpiQuery query) {
        Map<String, List<String>> view = new LinkedHashMap<>();
        query.filters().forEach((dimension, values) -> view.put(dimension.parameter(), values));
        return view;
    }

    private JsonNode search(Map<String, Object> body) {
        Request request = new Request("POST", "/" + alias() + "/_search");
        request.addParameter("request_cache", "true");
        request.setEntity(new NStringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        try {
            Response response = client.performRequest(deadline.apply(request));
            try (InputStream in = response.getEntity().getContent()) {
                return json.readTree(in);
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404 || status == 429 || status >= 500) {
                throw unavailable(e);
            }
            throw new IllegalStateException("KPI query refused by Elasticsearch: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    static ServiceDeskException unavailable(Exception cause) {
        ServiceDeskException e = new ServiceDeskException(
                ServiceDeskException.Kind.UNAVAILABLE,
                "kpis-unavailable",
                "KPIs unavailable",
                "The ticket index cannot be read right now; the KPIs from PostgreSQL (source=database) and the"
                        + " daily snapshots are still available",
                Map.of("retryAfterSeconds", 10));
        e.initCause(cause);
        return e;
    }

    // Query building blocks (plain maps, serialised as the search body).

    private static List<Object> filters(KpiQuery query) {
        List<Object> filters = new ArrayList<>();
        query.filters().forEach((dimension, values) -> filters.add(Map.of("terms", Map.of(field(dimension), values))));
        return filters;
    }

    static String field(KpiQuery.Dimension dimension) {
        return switch (dimension) {
            case UNIT -> HANDLED_BY;
            case LINE -> LINE;
            case CATEGORY -> CATEGORY;
            case PRIORITY -> PRIORITY;
            case CUSTOMER_UNIT -> CUSTOMER_UNIT;
            case CHANNEL -> CHANNEL;
        };
    }

    static Object visibility(SearchVisibility visibility) {
        if (visibility instanceof SearchVisibility.Everything) {
            return Map.of("match_all", Map.of());
        }
        if (visibility instanceof SearchVisibility.Own own) {
            return term(REQUESTER, own.username());
        }
        if (visibility instanceof SearchVisibility.HandledByAnyOf handled) {
            return Map.of("terms", Map.of(HANDLED_BY, List.copyOf(handled.units())));
        }
        if (visibility instanceof SearchVisibility.Security) {
            return term(TYPE, TicketType.SECURITY_INCIDENT.name());
        }
        if (visibility instanceof SearchVisibility.NotSecurity) {
            return Map.of("bool", Map.of("must_not", List.of(term(TYPE, TicketType.SECURITY_INCIDENT.name()))));
        }
        if (visibility instanceof SearchVisibility.AnyOf any) {
            return Map.of(
                    "bool",
                    Map.of(
                            "should",
                            any.parts().stream().map(IndexKpis::visibility).toList(),
                            "minimum_should_match",
                            1));
        }
        if (visibility instanceof SearchVisibility.AllOf all) {
            return bool(all.parts().stream().map(IndexKpis::visibility).toList());
        }
        throw new IllegalArgumentException("Unknown visibility " + visibility);
    }

    static Map<String, Object> range(String field, Instant from, Instant to) {
        return Map.of("range", Map.of(field, Map.of("gte", from.toString(), "lt", to.toString())));
    }

    static Map<String, Object> term(String field, Object value) {
        return Map.of("term", Map.of(field, value));
    }

    static Map<String, Object> bool(List<?> filters) {
        return Map.of("bool", Map.of("filter", filters));
    }

    static Map<String, Object> filterAgg(Object filter, Map<String, Object> subAggs) {
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put("filter", filter);
        if (subAggs != null && !subAggs.isEmpty()) {
            agg.put("aggs", subAggs);
        }
        return agg;
    }

    private static Map<String, Object> termsAgg(String field, int size, Map<String, Object> subAggs) {
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put(
                "terms",
                Map.of(
                        "field",
                        field,
                        "size",
                        size,
                        "order",
                        List.of(Map.of("_count", "desc"), Map.of("_key", "asc"))));
        if (subAggs != null && !subAggs.isEmpty()) {
            agg.put("aggs", subAggs);
        }
        return agg;
    }
}
