package pl.krakow.coi.servicedesk.search;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.elasticsearch.QueryDeadline;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full-text ticket search with filters, facets, sorting, deep paging and highlights; the caller's
 * visibility is a filter inside the query.
 *
 * <p>Scoring: each query word is a group of its analysis terms matched in title (weighted), description,
 * public comments and resolution note; short queries need every word, longer ones most of them.
 * Identifiers (ticket numbers, hosts, IPs, inventory numbers) match the {@code identifiers} keyword
 * field exactly and outweigh any text match.
 *
 * <p>Facets count the hits of the text query within the caller's visibility, each with every filter
 * applied except its own (so choosing one status still shows how many hits the other statuses have).
 */
@Service
class TicketSearch {

    static final int MAX_SIZE = 100;
    static final int MAX_QUERY_LENGTH = 500;
    static final int FACET_SIZE = 50;
    /** A hit's source as a JSON object; the client deserialises into the class it is given. */
    @SuppressWarnings("unchecked") // a class literal cannot name Map's type arguments; the cast only adds them
    static final Class<Map<String, Object>> SOURCE = (Class<Map<String, Object>>) (Class<?>) Map.class;

    static final String WORDS_REQUIRED = "2<67%";
    static final float IDENTIFIER_BOOST = 50f;
    static final List<String> TEXT_FIELDS =
            List.of(TITLE_TERMS + "^2", DESCRIPTION_TERMS, COMMENT_TERMS, RESOLUTION_TERMS, ATTACHMENT_NAME_TERMS);
    /** What staff search: internal attachments' names too (a requester's search never matches them). */
    static final List<String> STAFF_TEXT_FIELDS = java.util.stream.Stream.concat(
                    TEXT_FIELDS.stream(), java.util.stream.Stream.of(INTERNAL_ATTACHMENT_NAME_TERMS))
            .toList();

    /** Facet name (and request parameter) → document field. */
    static final Map<String, String> FACETS = facets();

    /** Aggregation names: the facets without a filter of their own, under every filter; a facet's values. */
    private static final String FILTERED = "filtered";

    private static final String VALUES = "values";

    private final ElasticsearchClient client;
    private final TicketIndex index;
    private final JsonMapper json;
    private final TicketAccess access;
    private final TicketService tickets;

    TicketSearch(
            QueryDeadline deadline, TicketIndex index, JsonMapper json, TicketAccess access, TicketService tickets) {
        this.tickets = tickets;
        this.client = deadline.client();
        this.index = index;
        this.json = json;
        this.access = access;
    }

    /**
     * What to search for. Filter values of one facet are alternatives; different facets all apply.
     *
     * @param filters facet name ({@link #FACETS}) → accepted values
     * @param sort {@code relevance} (default with a query), {@code created} (newest first, default
     *     without), {@code updated}, {@code oldest}, {@code priority}
     * @param after the {@code next} cursor of the previous page
     * @param facets the facets to count ({@link #FACETS} names); {@code null} for all of them, empty for none
     */
    record Request(
            String q,
            Map<String, List<String>> filters,
            Boolean open,
            Instant createdFrom,
            Instant createdTo,
            Instant updatedFrom,
            Instant updatedTo,
            Instant resolvedFrom,
            Instant resolvedTo,
            String sort,
            int size,
            String after,
            List<String> facets) {}

    record Result(
            long total, boolean totalIsExact, List<HitView> hits, Map<String, List<FacetValue>> facets, String next) {}

    /** One hit; {@code highlights} maps a text field to its marked passages. */
    record HitView(
            long id,
            String number,
            String title,
            String type,
            String status,
            String priority,
            String category,
            String assignedUnit,
            String assignee,
            String customerUnit,
            String requester,
            Instant createdAt,
            Instant updatedAt,
            Instant resolvedAt,
            Double score,
            Map<String, List<String>> highlights) {}

    record FacetValue(String value, long count) {}

    Result search(Request request, CurrentUser user) {
        validate(request);
        QueryText text = QueryText.parse(request.q());
        String sort = sortName(request.sort(), text);
        Map<String, Query> filters = filters(request, user);
        List<Query> scope = new ArrayList<>();
        scope.add(SearchVisibility.of(access.visibility(user)).query());
        scope.addAll(ranges(request));
        if (request.open() != null) {
            // Not a facet: it narrows the hits and every facet alike, so it belongs to the query, where
            // Elasticsearch skips what it excludes instead of scoring it and filtering it out afterwards.
            scope.add(Query.of(q -> q.term(t -> t.field(OPEN).value(request.open()))));
        }
        Query textQuery = text.isEmpty()
                ? Query.of(q -> q.matchAll(m -> m))
                : textQuery(text, tickets.seesInternal(user) ? STAFF_TEXT_FIELDS : TEXT_FIELDS);
        Query query = Query.of(q -> q.bool(b -> b.must(textQuery).filter(scope)));
        Set<String> counted = counted(request.facets());
        Map<String, Aggregation> aggregations = aggregations(filters, counted);
        SearchCursor after = request.after() == null || request.after().isBlank()
                ? null
                : SearchCursor.decode(request.after(), sort, json);
        SearchResponse<Map<String, Object>> response = call(() -> client.search(
                s -> {
                    s.index(index.alias())
                            .query(query)
                            .aggregations(aggregations)
                            .sort(sortOptions(sort))
                            .size(request.size())
                            .trackScores(true);
                    if (!aggregations.isEmpty()) {
                        // The facets visit every match anyway, so an exact total costs nothing more; without
                        // them Elasticsearch counts up to 10 000 and may skip documents that cannot make the page.
                        s.trackTotalHits(t -> t.enabled(true));
                    }
                    if (!filters.isEmpty()) {
                        s.postFilter(p -> p.bool(b -> b.filter(List.copyOf(filters.values()))));
                    }
                    if (after != null) {
                        s.searchAfter(after.values());
                    }
                    return s;
                },
                SOURCE));
        Highlighter highlighter = new Highlighter(text);
        List<HitView> hits = new ArrayList<>();
        List<FieldValue> lastSort = null;
        for (Hit<Map<String, Object>> hit : response.hits().hits()) {
            hits.add(view(hit, highlighter));
            lastSort = hit.sort();
        }
        String next = hits.size() == request.size() && lastSort != null
                ? new SearchCursor(sort, lastSort).encode(json)
                : null;
        var total = response.hits().total();
        return new Result(
                total == null ? hits.size() : total.value(),
                total == null || total.relation() == co.elastic.clients.elasticsearch.core.search.TotalHitsRelation.Eq,
                hits,
                facets(response.aggregations(), filters, counted),
                next);
    }

    /** The text part of the query: word groups that must mostly match, identifiers that outweigh them. */
    static Query textQuery(QueryText text, List<String> fields) {
        List<Query> clauses = new ArrayList<>();
        if (!text.words().isEmpty()) {
            List<Query> words =
                    text.words().stream().map(terms -> word(terms, fields)).toList();
            clauses.add(Query.of(q -> q.bool(b -> b.should(words).minimumShouldMatch(WORDS_REQUIRED))));
        }
        if (!text.identifiers().isEmpty()) {
            List<FieldValue> values =
                    text.identifierSet().stream().map(FieldValue::of).toList();
            clauses.add(Query.of(q -> q.constantScore(c -> c.filter(
                            f -> f.terms(t -> t.field(IDENTIFIERS).terms(v -> v.value(values))))
                    .boost(IDENTIFIER_BOOST))));
        }
        return Query.of(q -> q.bool(b -> b.should(clauses).minimumShouldMatch("1")));
    }

    /**
     * One query word: its best-matching analysis term counts (a word analysed into three terms does not
     * weigh three times a rare word analysed into one), in its best field.
     */
    private static Query word(List<String> terms, List<String> fields) {
        List<Query> perTerm = terms.stream()
                .map(term -> Query.of(q -> q.multiMatch(m -> m.query(term)
                        .fields(fields)
                        .type(TextQueryType.BestFields)
                        .tieBreaker(0.3)
                        .analyzer(TicketIndexMapping.WHITESPACE))))
                .toList();
        return perTerm.size() == 1
                ? perTerm.get(0)
                : Query.of(q -> q.disMax(d -> d.queries(perTerm).tieBreaker(0.1)));
    }

    private HitView view(Hit<Map<String, Object>> hit, Highlighter highlighter) {
        Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
        Map<String, List<String>> highlights = new LinkedHashMap<>();
        if (!highlighter.isEmpty()) {
            highlighter.whole(string(source, TITLE)).ifPresent(h -> highlights.put(TITLE, List.of(h)));
            highlighter
                    .fragment(string(source, DESCRIPTION), 200)
                    .ifPresent(h -> highlights.put(DESCRIPTION, List.of(h)));
            highlighter
                    .fragment(string(source, RESOLUTION_NOTE), 200)
                    .ifPresent(h -> highlights.put(RESOLUTION_NOTE, List.of(h)));
            Object comments = source.get(COMMENTS);
            if (comments instanceof List<?> list) {
                List<String> marked = new ArrayList<>();
                for (Object comment : list) {
                    highlighter.fragment(String.valueOf(comment), 160).ifPresent(marked::add);
                    if (marked.size() == 3) {
                        break;
                    }
                }
                if (!marked.isEmpty()) {
                    highlights.put(COMMENTS, marked);
                }
            }
        }
        return new HitView(
                ((Number) source.get(ID)).longValue(),
                string(source, NUMBER),
                string(source, TITLE),
                string(source, TYPE),
                string(source, STATUS),
                string(source, PRIORITY),
                string(source, CATEGORY),
                string(source, ASSIGNED_UNIT),
                string(source, ASSIGNEE),
                string(source, CUSTOMER_UNIT),
                string(source, REQUESTER),
                instant(source, CREATED_AT),
                instant(source, UPDATED_AT),
                instant(source, RESOLVED_AT),
                hit.score(),
                highlights);
    }

    /**
     * The facets' aggregations: each facet counts the hits of the text query in the caller's scope with every
     * filter applied except its own. The facets without a filter of their own share one filter aggregation
     * (none when nothing is filtered); only a filtered facet gets one of its own. Elasticsearch tests each
     * match against a filter aggregation's query, so one per facet cost more than the eleven counts
     * themselves (ADR 0063; the figures are in BENCHMARKS.md).
     */
    private static Map<String, Aggregation> aggregations(Map<String, Query> filters, Set<String> counted) {
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        Map<String, Aggregation> unfiltered = new LinkedHashMap<>();
        FACETS.forEach((facet, field) -> {
            if (!counted.contains(facet)) {
                return;
            }
            Aggregation values = Aggregation.of(a -> a.terms(t -> t.field(field).size(FACET_SIZE)));
            if (!filters.containsKey(facet)) {
                unfiltered.put(facet, values);
                return;
            }
            List<Query> others = filters.entrySet().stream()
                    .filter(e -> !e.getKey().equals(facet))
                    .map(Map.Entry::getValue)
                    .toList();
            aggregations.put(facet, others.isEmpty() ? values : filtered(others, Map.of(VALUES, values)));
        });
        if (filters.isEmpty()) {
            aggregations.putAll(unfiltered);
        } else if (!unfiltered.isEmpty()) {
            aggregations.put(FILTERED, filtered(List.copyOf(filters.values()), unfiltered));
        }
        return aggregations;
    }

    private static Aggregation filtered(List<Query> filters, Map<String, Aggregation> within) {
        return Aggregation.of(a -> a.filter(f -> f.bool(b -> b.filter(filters))).aggregations(within));
    }

    private static Map<String, List<FacetValue>> facets(
            Map<String, Aggregate> aggregations, Map<String, Query> filters, Set<String> counted) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        FACETS.keySet().stream().filter(counted::contains).forEach(facet -> {
            Aggregate values = filters.isEmpty() || filters.containsKey(facet)
                    ? aggregations.get(facet)
                    : aggregations.get(FILTERED).filter().aggregations().get(facet);
            if (values.isFilter()) {
                values = values.filter().aggregations().get(VALUES);
            }
            List<FacetValue> buckets = new ArrayList<>();
            if (values.isSterms()) {
                values.sterms()
                        .buckets()
                        .array()
                        .forEach(b -> buckets.add(new FacetValue(b.key().stringValue(), b.docCount())));
            } else if (values.isLterms()) {
                values.lterms()
                        .buckets()
                        .array()
                        .forEach(b -> buckets.add(new FacetValue(Long.toString(b.key()), b.docCount())));
            }
            facets.put(facet, buckets);
        });
        return facets;
    }

    /**
     * The facets a request asks for: all by default; {@code none} for none, when the client shows no facets
     * (a quick search box): the counts are most of a search's cost in Elasticsearch (ADR 0063).
     */
    private static Set<String> counted(List<String> requested) {
        if (requested == null) {
            return FACETS.keySet();
        }
        Set<String> counted = new LinkedHashSet<>();
        for (String facet : requested) {
            String name = facet == null ? "" : facet.trim();
            if (name.isEmpty() || name.equals("none")) {
                continue;
            }
            if (!FACETS.containsKey(name)) {
                throw ServiceDeskException.invalid(
                        "invalid-facet", "Unknown facet " + name + "; facets are " + FACETS.keySet() + " or none");
            }
            counted.add(name);
        }
        return counted;
    }

    private static Map<String, Query> filters(Request request, CurrentUser user) {
        Map<String, Query> filters = new LinkedHashMap<>();
        request.filters().forEach((facet, values) -> {
            String field = FACETS.get(facet);
            if (field == null) {
                throw ServiceDeskException.invalid(
                        "invalid-filter", "Unknown filter " + facet + "; filters are " + FACETS.keySet());
            }
            List<String> cleaned = values.stream()
                    .filter(v -> v != null && !v.isBlank())
                    .map(v -> normalise(facet, v.trim(), user))
                    .toList();
            if (!cleaned.isEmpty()) {
                List<FieldValue> terms = cleaned.stream().map(FieldValue::of).toList();
                filters.put(facet, Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
            }
        });
        return filters;
    }

    private static String normalise(String facet, String value, CurrentUser user) {
        return switch (facet) {
            case "status", "priority", "type", "line", "channel" -> value.toUpperCase(Locale.ROOT);
            case "assignee" -> value.equals("me") ? user.username() : value;
            case "ci" -> {
                if (!value.matches("\\d{1,18}")) {
                    throw ServiceDeskException.invalid("invalid-filter", "ci must be a configuration item id");
                }
                yield value;
            }
            default -> value;
        };
    }

    private static List<Query> ranges(Request request) {
        List<Query> ranges = new ArrayList<>();
        range(ranges, CREATED_AT, request.createdFrom(), request.createdTo());
        range(ranges, UPDATED_AT, request.updatedFrom(), request.updatedTo());
        range(ranges, RESOLVED_AT, request.resolvedFrom(), request.resolvedTo());
        return ranges;
    }

    private static void range(List<Query> ranges, String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return;
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ServiceDeskException.invalid("invalid-range", field + ": the start must be before the end");
        }
        ranges.add(Query.of(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (from != null) {
                d.gte(from.toString());
            }
            if (to != null) {
                d.lt(to.toString());
            }
            return d;
        }))));
    }

    private static String sortName(String requested, QueryText text) {
        String sort = requested == null || requested.isBlank() ? (text.isEmpty() ? "created" : "relevance") : requested;
        if (sort.equals("relevance") && text.isEmpty()) {
            return "created";
        }
        if (!List.of("relevance", "created", "updated", "oldest", "priority").contains(sort)) {
            throw ServiceDeskException.invalid(
                    "invalid-sort", "Sort must be relevance, created, updated, oldest or priority");
        }
        return sort;
    }

    private static List<SortOptions> sortOptions(String sort) {
        return switch (sort) {
            case "relevance" -> List.of(score(), field(ID, SortOrder.Desc));
            case "updated" -> List.of(field(UPDATED_AT, SortOrder.Desc), field(ID, SortOrder.Desc));
            case "oldest" -> List.of(field(CREATED_AT, SortOrder.Asc), field(ID, SortOrder.Asc));
            case "priority" ->
                List.of(field(PRIORITY, SortOrder.Asc), field(CREATED_AT, SortOrder.Asc), field(ID, SortOrder.Asc));
            default -> List.of(field(CREATED_AT, SortOrder.Desc), field(ID, SortOrder.Desc));
        };
    }

    private static SortOptions score() {
        return SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc)));
    }

    private static SortOptions field(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
    }

    private static void validate(Request request) {
        if (request.size() < 1 || request.size() > MAX_SIZE) {
            throw ServiceDeskException.invalid("invalid-page-size", "size must be between 1 and " + MAX_SIZE);
        }
        if (request.q() != null && request.q().length() > MAX_QUERY_LENGTH) {
            throw ServiceDeskException.invalid(
                    "query-too-long", "q may have at most " + MAX_QUERY_LENGTH + " characters");
        }
    }

    private static String string(Map<String, Object> source, String field) {
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant instant(Map<String, Object> source, String field) {
        Object value = source.get(field);
        return value == null ? null : Instant.parse(value.toString());
    }

    private static Map<String, String> facets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("status", STATUS);
        facets.put("priority", PRIORITY);
        facets.put("type", TYPE);
        facets.put("unit", ASSIGNED_UNIT);
        facets.put("line", LINE);
        facets.put("category", CATEGORY);
        facets.put("customerUnit", CUSTOMER_UNIT);
        facets.put("channel", CHANNEL);
        facets.put("ci", CONFIGURATION_ITEM);
        facets.put("assignee", ASSIGNEE);
        facets.put("slaState", SLA_STATE);
        return java.util.Collections.unmodifiableMap(facets);
    }

    /** Runs an Elasticsearch call; unreachable or not ready → 503 {@code search-unavailable}. */
    static <T> T call(ElasticsearchCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw SearchUnavailable.because(e);
        } catch (ElasticsearchException e) {
            int status = e.status();
            if (status >= 500
                    || status == 429
                    || "index_not_found_exception".equals(e.error().type())) {
                throw SearchUnavailable.because(e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    interface ElasticsearchCall<T> {
        T call() throws IOException;
    }
}
