package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.List;
import java.util.Map;

/**
 * One data row of a CSV file: its line, and its values by column (columns renamed by the run's mapping,
 * absent columns and the missing-value marker read as null).
 */
public record CsvRow(long line, Map<String, Integer> columns, List<String> values, String missingMarker) {

    /** The value of {@code column}, stripped; null when the column is absent or the value empty. */
    public String get(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= values.size()) {
            return null;
        }
        String value = values.get(index).strip();
        if (value.isEmpty() || (missingMarker != null && value.equals(missingMarker))) {
            return null;
        }
        return value;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** A rejection of this row's {@code column}. */
    public RowRejected reject(String column, String reason) {
        return new RowRejected(line, column, get(column), reason);
    }
}
