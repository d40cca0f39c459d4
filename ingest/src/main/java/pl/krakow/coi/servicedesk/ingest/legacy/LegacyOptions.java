package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * @param skipUnmappedGroups whether a ticket that passed through a group {@code groups} does not map is skipped
 *     (else it stays where it is)
 * @param categories the export's {@code category} or {@code category/subcategory} → our catalogue codes
 * @param referencePrefix prefix of the external reference kept on each ticket
 * @param formatters the date formats, strict
 */
record LegacyOptions(
        Map<String, String> columns,
        List<String> dateFormats,
        ZoneId timeZone,
        String missingValue,
        Map<String, String> groups,
        boolean skipUnmappedGroups,
        Map<String, String> categories,
        String referencePrefix,
        List<DateTimeFormatter> formatters) {

    static final List<String> DEFAULT_DATE_FORMATS =
            List.of("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d.M.yyyy H:mm");

    /** The longest reference prefix: with a number of at most 40 characters it fits the ticket's 60. */
    static final int PREFIX_MAX = 20;

    @SuppressWarnings("unchecked")
    static LegacyOptions of(Map<String, Object> options) {
        try {
            Map<String, String> columns = strings((Map<String, Object>) options.getOrDefault("columns", Map.of()));
            List<String> formats = options.get("dateFormats") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : options.get("dateFormat") instanceof String one ? List.of(one) : DEFAULT_DATE_FORMATS;
            List<DateTimeFormatter> formatters =
                    formats.stream().map(LegacyOptions::strict).toList();
            ZoneId zone = ZoneId.of(String.valueOf(options.getOrDefault("timeZone", "Europe/Warsaw")));
            String missing = String.valueOf(options.getOrDefault("missingValue", "?"));
            Map<String, String> groups = strings((Map<String, Object>) options.getOrDefault("groups", Map.of()));
            Map<String, String> categories =
                    strings((Map<String, Object>) options.getOrDefault("categories", Map.of()));
            String prefix = String.valueOf(options.getOrDefault("referencePrefix", "legacy:"));
            if (prefix.isBlank() || prefix.length() > PREFIX_MAX) {
                throw new IllegalArgumentException("referencePrefix has 1 to " + PREFIX_MAX + " characters");
            }
            String unmapped = String.valueOf(options.getOrDefault("unmappedGroups", "keep"))
                    .toLowerCase(Locale.ROOT);
            if (!unmapped.equals("keep") && !unmapped.equals("skip")) {
                throw new IllegalArgumentException("unmappedGroups is keep or skip");
            }
            return new LegacyOptions(
                    columns, formats, zone, missing, groups, unmapped.equals("skip"), categories, prefix, formatters);
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException e) {
            throw ServiceDeskException.invalid(
                    "invalid-options",
                    "Options of the legacy ticket import: columns, groups and categories are objects of strings,"
                            + " dateFormats a list of patterns, timeZone a zone id, unmappedGroups keep or skip ("
                            + e.getMessage() + ")");
        }
    }

    /**
     * A strict formatter of {@code pattern}: a day that does not exist (30 February) is refused, not moved to
     * the last day of the month. Strict resolution needs the proleptic year ({@code u}) where exports write the
     * year of era ({@code y}).
     */
    private static DateTimeFormatter strict(String pattern) {
        StringBuilder proleptic = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            proleptic.append(!quoted && c == 'y' ? 'u' : c);
        }
        return DateTimeFormatter.ofPattern(proleptic.toString(), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    /** The instant of a timestamp of the export, or null when no pattern reads it. */
    Instant parse(String value) {
        for (DateTimeFormatter format : formatters) {
            try {
                return LocalDateTime.parse(value, format).atZone(timeZone).toInstant();
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
