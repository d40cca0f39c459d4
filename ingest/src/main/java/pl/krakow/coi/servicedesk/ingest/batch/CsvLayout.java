package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns a job's CSV file must and may have. A header lacking a required column, repeating one, or
 * (when strict) naming one the job does not know is refused before any row is read.
 *
 * @param required columns every file has
 * @param optional further columns the job reads
 * @param prefixes prefixes of open-ended columns (e.g. {@code attr.} for class attributes)
 * @param strict whether other columns are refused (a typo would otherwise lose data silently)
 */
public record CsvLayout(List<String> required, List<String> optional, List<String> prefixes, boolean strict) {

    /**
     * Checks a header, with the run's column mapping ({@code ours → theirs}) applied.
     *
     * @return our column name → index in the file
     * @throws FileRejected naming what is wrong
     */
    public Map<String, Integer> check(List<String> header, Map<String, String> mapping) {
        Map<String, String> theirsToOurs = new LinkedHashMap<>();
        mapping.forEach((ours, theirs) -> theirsToOurs.put(lower(theirs), ours));
        Map<String, String> canonical = new LinkedHashMap<>();
        required.forEach(c -> canonical.put(lower(c), c));
        optional.forEach(c -> canonical.put(lower(c), c));
        Map<String, Integer> columns = new LinkedHashMap<>();
        Set<String> duplicates = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = strip(header.get(i));
            if (raw.isEmpty()) {
                continue;
            }
            String mapped = theirsToOurs.getOrDefault(lower(raw), raw);
            String ours = canonical.get(lower(mapped));
            if (ours == null) {
                ours = prefixes.stream()
                        .filter(p -> lower(mapped).startsWith(lower(p)) && mapped.length() > p.length())
                        .map(p -> p + mapped.substring(p.length()))
                        .findFirst()
                        .orElse(null);
            }
            if (ours == null) {
                if (strict) {
                    unknown.add(header.get(i));
                }
                ours = mapped;
            }
            if (columns.putIfAbsent(ours, i) != null) {
                duplicates.add(ours);
            }
        }
        List<String> missing =
                required.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty() || !duplicates.isEmpty() || !unknown.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add("missing column(s) " + String.join(", ", missing));
            }
            if (!duplicates.isEmpty()) {
                problems.add("repeated column(s) " + String.join(", ", duplicates));
            }
            if (!unknown.isEmpty()) {
                problems.add("unknown column(s) " + String.join(", ", unknown));
            }
            throw FileRejected.wrongHeader(
                    "Wrong header: " + String.join("; ", problems) + ". Expected " + String.join(", ", required)
                            + (optional.isEmpty() ? "" : " and optionally " + String.join(", ", optional)),
                    Map.of("missing", missing, "repeated", List.copyOf(duplicates), "unknown", unknown));
        }
        return columns;
    }

    private static String strip(String column) {
        String value = column == null ? "" : column.strip();
        if (!value.isEmpty() && value.charAt(0) == '\uFEFF') {
            value = value.substring(1).strip();
        }
        return value;
    }

    private static String lower(String value) {
        return strip(value).toLowerCase(Locale.ROOT);
    }
}
