package pl.krakow.coi.servicedesk.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of the next page ({@code after}): the sort it belongs to and the sort values of
 * the last hit, for Elasticsearch's {@code search_after}. Deep pages cost what the first does.
 */
record SearchCursor(String sort, List<FieldValue> values) {

    String encode(JsonMapper json) {
        List<Object> array = new ArrayList<>();
        array.add(sort);
        for (FieldValue value : values) {
            if (value.isLong()) {
                array.add(value.longValue());
            } else if (value.isDouble()) {
                array.add(value.doubleValue());
            } else if (value.isBoolean()) {
                array.add(value.booleanValue());
            } else {
                array.add(value.stringValue());
            }
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.writeValueAsString(array).getBytes(StandardCharsets.UTF_8));
    }

    static SearchCursor decode(String cursor, String expectedSort, JsonMapper json) {
        try {
            JsonNode array = json.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (!array.isArray() || array.size() < 2 || !array.get(0).isString()) {
                throw invalid();
            }
            if (!array.get(0).asString().equals(expectedSort)) {
                throw ServiceDeskException.invalid(
                        "invalid-cursor",
                        "This cursor belongs to a search sorted by "
                                + array.get(0).asString());
            }
            List<FieldValue> values = new ArrayList<>();
            for (int i = 1; i < array.size(); i++) {
                JsonNode node = array.get(i);
                if (node.isIntegralNumber()) {
                    values.add(FieldValue.of(node.asLong()));
                } else if (node.isNumber()) {
                    values.add(FieldValue.of(node.asDouble()));
                } else if (node.isBoolean()) {
                    values.add(FieldValue.of(node.asBoolean()));
                } else if (node.isString()) {
                    values.add(FieldValue.of(node.asString()));
                } else {
                    throw invalid();
                }
            }
            return new SearchCursor(expectedSort, values);
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    private static ServiceDeskException invalid() {
        return ServiceDeskException.invalid(
                "invalid-cursor", "The cursor is not one this search returned; start again without 'after'");
    }
}
