package pl.krakow.coi.servicedesk.ingest.mail;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A result row as a JSON object (column name to value), for assertions. */
final class JsonNodes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNodes() {}

    static JsonNode row(ResultSet rs) throws SQLException {
        ObjectNode node = JSON.createObjectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            node.set(
                    meta.getColumnLabel(i),
                    JSON.valueToTree(
                            value instanceof java.sql.Timestamp t
                                    ? t.toInstant().toString()
                                    : value));
        }
        return node;
    }
}
