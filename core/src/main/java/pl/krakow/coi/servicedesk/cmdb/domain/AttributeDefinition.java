package pl.krakow.coi.servicedesk.cmdb.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * One attribute of a class: {@code {"name": "ramGb", "type": "INTEGER", "required": false, "min": 1}}.
 *
 * @param name a camelCase key, unique within the class
 * @param label what users see (Polish)
 * @param values the allowed values of an ENUM
 * @param maxLength the longest STRING
 * @param min the smallest INTEGER or DECIMAL
 * @param max the largest INTEGER or DECIMAL
 */
public record AttributeDefinition(
        String name,
        AttributeType type,
        boolean required,
        String label,
        List<String> values,
        Integer maxLength,
        BigDecimal min,
        BigDecimal max) {

    public AttributeDefinition {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static AttributeDefinition of(String name, AttributeType type, boolean required) {
        return new AttributeDefinition(name, type, required, null, List.of(), null, null, null);
    }
}
