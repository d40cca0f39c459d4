package pl.krakow.coi.servicedesk.search;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping of the ticket index. Only built-in analysis is used (ADR 0002): text is analysed in the
 * application ({@code PolishText}) into space-separated terms indexed with the built-in {@code
 * whitespace} analyzer, so the same mapping works on the bare integ-test node and on any cluster.
 * The mapping is strict: a field nobody declared is an error, not a silently guessed type.
 */
final class TicketIndexMapping {

    /**
     * Version of the base mapping and of the text analysis; part of every index name. Raise it when
     * either changes incompatibly: the start-up log then asks for a reindex.
     */
    static final int SCHEMA_VERSION = 1;

    static final String WHITESPACE = "whitespace";
    static final List<String> TERM_FIELDS = List.of(TITLE_TERMS, DESCRIPTION_TERMS, COMMENT_TERMS, RESOLUTION_TERMS);

    private static final Map<String, Object> KEYWORD = Map.of("type", "keyword");
    private static final Map<String, Object> DATE = Map.of("type", "date");
    private static final Map<String, Object> INTEGER = Map.of("type", "integer");
    private static final Map<String, Object> LONG = Map.of("type", "long");
    private static final Map<String, Object> BOOLEAN = Map.of("type", "boolean");
    /** Original text: kept in the source for display and highlighting, not indexed. */
    private static final Map<String, Object> STORED_TEXT = Map.of("type", "text", "index", false);
    /** Pre-analysed terms; frequencies matter for scoring, positions do not (no phrase queries). */
    private static final Map<String, Object> TERMS =
            Map.of("type", "text", "analyzer", WHITESPACE, "index_options", "freqs");

    /**
     * The merge policy of a live index (ADR 0064). Every refresh of the relay's writes makes a small segment;
     * with Elasticsearch's defaults (10 segments per tier, floor 2 MB) a million-ticket index kept about 20 of
     * them beside its large one, and each search paid for every segment. Four per tier over a floor of
     * 100 MB keep about ten, at a little more merging while tickets are written.
     */
    static final Map<String, Object> MERGE_POLICY =
            Map.of("merge.policy.segments_per_tier", 4, "merge.policy.floor_segment", "100mb");

    private TicketIndexMapping() {}

    /** The fields the search capability itself sets. */
    static Map<String, Map<String, Object>> baseFields() {
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        fields.put(ID, LONG);
        fields.put(NUMBER, KEYWORD);
        fields.put(VERSION, LONG);
        for (String keyword : List.of(
                TYPE,
                STATUS,
                PRIORITY,
                IMPACT,
                URGENCY,
                CHANNEL,
                LINE,
                CATEGORY,
                ASSIGNED_UNIT,
                ASSIGNEE,
                ASSIGNEE_NAME,
                REQUESTER,
                REQUESTER_NAME,
                CUSTOMER_UNIT,
                HANDLED_BY,
                RESOLUTION,
                RESOLVED_BY_UNIT,
                RESOLVED_BY_LINE,
                ESCALATED_TO_DEPUTY,
                EXTERNAL_REFERENCE,
                SLA_STATE,
                IDENTIFIERS)) {
            fields.put(keyword, KEYWORD);
        }
        fields.put(OPEN, BOOLEAN);
        fields.put(CONFIGURATION_ITEM, LONG);
        for (String date : List.of(CREATED_AT, UPDATED_AT, FIRST_RESPONSE_AT, RESOLVED_AT, CLOSED_AT)) {
            fields.put(date, DATE);
        }
        fields.put(MINUTES_TO_FIRST_RESPONSE, LONG);
        fields.put(MINUTES_TO_RESOLVE, LONG);
        for (String counter : List.of(REOPEN_COUNT, REASSIGNMENT_COUNT, ESCALATION_COUNT, PUBLIC_COMMENT_COUNT)) {
            fields.put(counter, INTEGER);
        }
        for (String text : List.of(TITLE, DESCRIPTION, RESOLUTION_NOTE, COMMENTS)) {
            fields.put(text, STORED_TEXT);
        }
        for (String terms : TERM_FIELDS) {
            fields.put(terms, TERMS);
        }
        // Declared by search, filled by the attachment capability (null until then), like the SLA state.
        fields.put(ATTACHMENT_NAME_TERMS, TERMS);
        fields.put(INTERNAL_ATTACHMENT_NAME_TERMS, TERMS);
        return fields;
    }

    /** The properties of the mapping: the base fields and every contributor's. */
    static Map<String, Object> properties(Map<String, SearchFieldType> contributed) {
        Map<String, Object> properties = new LinkedHashMap<>(baseFields());
        contributed.forEach((name, type) -> properties.put(name, type.mapping()));
        return properties;
    }

    /** The whole mapping of a new index. */
    static Map<String, Object> mapping(Map<String, SearchFieldType> contributed) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("dynamic", "strict");
        // The terms are derived data: recomputed from PostgreSQL on reindex, never read back.
        mapping.put("_source", Map.of("excludes", List.of("*Terms")));
        mapping.put("_meta", Map.of("schemaVersion", SCHEMA_VERSION, "analysis", "PolishText"));
        mapping.put("properties", properties(contributed));
        return mapping;
    }

    /** Index settings; a reindex builds with refresh off and no replicas, then applies {@link #liveSettings}. */
    static Map<String, Object> settings(SearchProperties.Index index, boolean bulkLoad) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("number_of_shards", index.shards());
        settings.putAll(liveSettings(index, bulkLoad));
        return settings;
    }

    static Map<String, Object> liveSettings(SearchProperties.Index index, boolean bulkLoad) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("number_of_replicas", bulkLoad ? 0 : index.replicas());
        // An explicit interval also keeps the shard from going "search idle" (refresh only on search).
        settings.put(
                "refresh_interval", bulkLoad ? "-1" : index.refreshInterval().toMillis() + "ms");
        if (!bulkLoad) {
            settings.putAll(MERGE_POLICY);
        }
        return settings;
    }

    /** Every field a document may carry. */
    static Set<String> declared(Map<String, SearchFieldType> contributed) {
        return Set.copyOf(properties(contributed).keySet());
    }
}
