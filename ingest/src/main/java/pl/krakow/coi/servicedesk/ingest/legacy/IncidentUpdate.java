package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the export: one update of one ticket, as staged ({@code legacy_incident_row}).
 *
 * @param updatedAt when the update happened ({@code sys_updated_at}, else {@code opened_at})
 * @param fields the row's values by our column names (missing values left out); timestamps as ISO instants
 */
record IncidentUpdate(long line, String number, Instant updatedAt, Map<String, String> fields) {

    String get(String field) {
        return fields.get(field);
    }

    Instant instant(String field) {
        String value = fields.get(field);
        return value == null ? null : Instant.parse(value);
    }
}
