package pl.krakow.coi.servicedesk.cmdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows held as one array per column, bound as one parameter per column of a set-based statement
 * ({@code ... FROM unnest(?, ?, ...) AS r(...)}): a chunk of any size is one statement, parsed, planned and
 * executed once, instead of one execution per row in a JDBC batch (ADR 0058).
 */
final class ColumnArrays {

    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();
    private int size;

    /** @param types the PostgreSQL element type of each column ({@code int8}, {@code varchar}, …) */
    ColumnArrays(String... types) {
        this.types = types;
        for (int i = 0; i < types.length; i++) {
            columns.add(new ArrayList<>());
        }
    }

    void add(Object... values) {
        if (values.length != types.length) {
            throw new IllegalArgumentException(types.length + " columns, " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The values of column {@code index}, in row order. */
    List<Object> column(int index) {
        return columns.get(index);
    }

    /** Binds the columns as array parameters {@code first}, {@code first + 1}, …; the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        Connection connection = statement.getConnection();
        for (int i = 0; i < types.length; i++) {
            statement.setArray(
                    first + i, connection.createArrayOf(types[i], columns.get(i).toArray()));
        }
        return first + types.length;
    }
}
