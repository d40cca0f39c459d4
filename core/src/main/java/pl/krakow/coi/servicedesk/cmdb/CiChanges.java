package pl.krakow.coi.servicedesk.cmdb;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one audit diff of the CMDB (ADR 0080): which fields of an item's details changed, with their values
 * before and after, as an item's {@code UPDATED}, {@code DISCOVERED} and {@code MERGED} entries record them,
 * whether one item changed through {@link CmdbService} or a chunk of them through {@link CiBulkUpsert}.
 */
final class CiChanges {

    private CiChanges() {}

    /** Changed fields: name → value before and after, both as text (a map of attributes as a map of text). */
    static Map<String, CiEvent.Change> diff(CiDetails before, CiDetails after) {
        Map<String, Object> old = before.asMap();
        Map<String, Object> now = after.asMap();
        Map<String, CiEvent.Change> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : now.entrySet()) {
            Object was = text(old.get(entry.getKey()));
            Object is = text(entry.getValue());
            if (!Objects.equals(was, is)) {
                changes.put(entry.getKey(), new CiEvent.Change(was, is));
            }
        }
        return changes;
    }

    /** Values compared and recorded as text, so 16 and 16L, or 15.6 and 15.60, are the same. */
    private static Object text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> normalised = new TreeMap<>();
            map.forEach((k, v) -> normalised.put(String.valueOf(k), text(v)));
            return normalised;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
