package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRow;

/** Checks one row of the export (number, timestamps, state) and turns it into an {@link IncidentUpdate}. */
class StageProcessor implements ItemProcessor<CsvRow, IncidentUpdate> {

    static final List<String> REQUIRED = List.of("number", "incident_state", "opened_at");
    static final List<String> OPTIONAL = List.of(
            "short_description",
            "description",
            "resolved_at",
            "closed_at",
            "impact",
            "urgency",
            "priority",
            "category",
            "subcategory",
            "assignment_group",
            "assigned_to",
            "caller_id",
            "contact_type",
            "reassignment_count",
            "reopen_count",
            "made_sla",
            "sys_updated_at",
            "close_notes",
            "active",
            "sys_mod_count");
    static final List<String> TIMESTAMPS = List.of("opened_at", "resolved_at", "closed_at", "sys_updated_at");

    private final LegacyOptions options;

    StageProcessor(LegacyOptions options) {
        this.options = options;
    }

    @Override
    public IncidentUpdate process(CsvRow row) {
        String number = row.get("number");
        if (number == null) {
            throw row.reject("number", "The ticket number is required");
        }
        if (number.length() > 40) {
            throw row.reject("number", "A number has at most 40 characters");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String column : REQUIRED) {
            put(row, column, fields);
        }
        for (String column : OPTIONAL) {
            put(row, column, fields);
        }
        for (String column : TIMESTAMPS) {
            String value = fields.get(column);
            if (value != null) {
                Instant at = options.parse(value);
                if (at == null) {
                    throw row.reject(column, "Not a timestamp in " + options.dateFormats());
                }
                fields.put(column, at.toString());
            }
        }
        if (fields.get("opened_at") == null) {
            throw row.reject("opened_at", "When the ticket was opened is required");
        }
        if (fields.get("caller_id") != null && fields.get("caller_id").length() > 100) {
            throw row.reject("caller_id", "Has at most 100 characters (the requester's username)");
        }
        if (LegacyStates.of(fields.get("incident_state")) == null) {
            throw row.reject("incident_state", "Unknown state; known: " + LegacyStates.KNOWN);
        }
        for (String column : List.of("impact", "urgency")) {
            if (fields.get(column) != null && LegacyTicketBuilder.level(fields.get(column)) == null) {
                throw row.reject(column, "Not a level (1 - High, 2 - Medium, 3 - Low)");
            }
        }
        Instant updated = fields.get("sys_updated_at") != null
                ? Instant.parse(fields.get("sys_updated_at"))
                : Instant.parse(fields.get("opened_at"));
        return new IncidentUpdate(row.line(), number, updated, fields);
    }

    private static void put(CsvRow row, String column, Map<String, String> fields) {
        String value = row.get(column);
        if (value != null) {
            fields.put(column, value);
        }
    }
}
