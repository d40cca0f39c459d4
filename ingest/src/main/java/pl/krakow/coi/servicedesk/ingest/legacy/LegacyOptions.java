package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * The options of a legacy ticket import run (docs/ingest/legacy-tickets.md).
 *
 * @param columns our column name → the export's (e.g. {@code "number": "Incident ID"})
 * @param dateFormats patterns tried in order for every timestamp
 * @param timeZone the zone the export's local times are in
 * @param missingValue the marker of a missing value ({@code ?} in such exports)
 * @param groups the export's assignment groups → our unit codes
 * @param categories the export's {@code category} or {@code category/subcategory} → our catalogue codes
 * @param referencePrefix prefix of the external reference kept on each ticket
 */
record LegacyOptions(
        Map<String, String> columns,
        List<String> dateFormats,
        ZoneId timeZone,
        String missingValue,
        Map<String, String> groups,
        Map<String, String> categories,
        String referencePrefix) {

    static final List<String> DEFAULT_DATE_FORMATS =
            List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d.M.yyyy H:mm");

    @SuppressWarnings("unchecked")
    static LegacyOptions of(Map<String, Object> options) {
        try {
            Map<String, String> columns = strings((Map<String, Object>) options.getOrDefault("columns", Map.of()));
            List<String> formats = options.get("dateFormats") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : options.get("dateFormat") instanceof String one ? List.of(one) : DEFAULT_DATE_FORMATS;
            for (String format : formats) {
                DateTimeFormatter.ofPattern(format);
            }
            ZoneId zone = ZoneId.of(String.valueOf(options.getOrDefault("timeZone", "Europe/Warsaw")));
            String missing = String.valueOf(options.getOrDefault("missingValue", "?"));
            Map<String, String> groups = strings((Map<String, Object>) options.getOrDefault("groups", Map.of()));
            Map<String, String> categories =
                    strings((Map<String, Object>) options.getOrDefault("categories", Map.of()));
            String prefix = String.valueOf(options.getOrDefault("referencePrefix", "legacy:"));
            if (prefix.length() > 40) {
                throw new IllegalArgumentException("referencePrefix has at most 40 characters");
            }
            return new LegacyOptions(columns, formats, zone, missing, groups, categories, prefix);
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException e) {
            throw ServiceDeskException.invalid(
                    "invalid-options",
                    "Options of the legacy ticket import: columns, groups and categories are objects of strings,"
                            + " dateFormats a list of patterns, timeZone a zone id (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    /** The instant of a timestamp of the export, or null when no pattern reads it. */
    Instant parse(String value) {
        for (String format : dateFormats) {
            try {
                return LocalDateTime.parse(value, DateTimeFormatter.ofPattern(format))
                        .atZone(timeZone)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        try {
            return ZonedDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
