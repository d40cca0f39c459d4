package pl.krakow.coi.servicedesk.search;

import java.util.Map;

/** How a field of the ticket document is indexed (for fields that other capabilities contribute). */
public enum SearchFieldType {
    /** Exact values: filters, facets, terms aggregations. */
    KEYWORD("keyword"),
    BOOLEAN("boolean"),
    INTEGER("integer"),
    LONG("long"),
    DOUBLE("double"),
    /** An instant (ISO-8601 in the document). */
    DATE("date");

    private final String elasticsearchType;

    SearchFieldType(String elasticsearchType) {
        this.elasticsearchType = elasticsearchType;
    }

    /** The Elasticsearch mapping of a field of this type. */
    Map<String, Object> mapping() {
        return Map.of("type", elasticsearchType);
    }
}
