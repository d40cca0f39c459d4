package pl.krakow.coi.servicedesk.cmdb.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The attributes items of a class may have. A schema is checked when a class is defined (names, types,
 * bounds), and every item's attributes are checked against it: unknown names, missing required values
 * and values of the wrong type or out of bounds are refused, each with the attribute's name.
 */
public record AttributeSchema(List<AttributeDefinition> attributes) {

    public static final int MAX_ATTRIBUTES = 60;
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    private static final Pattern ENUM_VALUE = Pattern.compile("[A-Z0-9][A-Z0-9_]{0,39}");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}(%[0-9a-zA-Z]+)?");
    private static final int MAX_STRING = 2000;

    /** One reason an attribute map or a schema is refused. */
    public record Violation(String field, String message) {}

    public AttributeSchema {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        List<Violation> problems = problems(attributes);
        if (!problems.isEmpty()) {
            throw CmdbRuleViolation.invalid(
                    "invalid-attribute-schema",
                    "The attribute schema is invalid: " + problems.get(0).field() + " "
                            + problems.get(0).message(),
                    Map.of("errors", asMaps(problems)));
        }
    }

    public static AttributeSchema empty() {
        return new AttributeSchema(List.of());
    }

    private static List<Violation> problems(List<AttributeDefinition> attributes) {
        List<Violation> problems = new ArrayList<>();
        if (attributes.size() > MAX_ATTRIBUTES) {
            problems.add(new Violation("attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            AttributeDefinition a = attributes.get(i);
            String field = "attributes[" + i + "]";
            if (a == null) {
                problems.add(new Violation(field, "is empty"));
                continue;
            }
            if (a.name() == null || !NAME.matcher(a.name()).matches()) {
                problems.add(new Violation(field + ".name", "must be camelCase letters and digits, e.g. ramGb"));
            } else if (!names.add(a.name())) {
                problems.add(new Violation(field + ".name", "duplicates " + a.name()));
            }
            if (a.type() == null) {
                problems.add(new Violation(field + ".type", "is required"));
                continue;
            }
            if (a.type() == AttributeType.ENUM) {
                if (a.values().isEmpty()) {
                    problems.add(new Violation(field + ".values", "an ENUM needs its values"));
                }
                if (a.values().stream()
                        .anyMatch(v -> v == null || !ENUM_VALUE.matcher(v).matches())) {
                    problems.add(new Violation(field + ".values", "values are UPPER_CASE words"));
                }
                if (new HashSet<>(a.values()).size() != a.values().size()) {
                    problems.add(new Violation(field + ".values", "values repeat"));
                }
            } else if (!a.values().isEmpty()) {
                problems.add(new Violation(field + ".values", "only an ENUM has values"));
            }
            if (a.maxLength() != null
                    && (a.type() != AttributeType.STRING || a.maxLength() < 1 || a.maxLength() > MAX_STRING)) {
                problems.add(new Violation(field + ".maxLength", "a STRING's maxLength is 1 to " + MAX_STRING));
            }
            boolean numeric = a.type() == AttributeType.INTEGER || a.type() == AttributeType.DECIMAL;
            if ((a.min() != null || a.max() != null) && !numeric) {
                problems.add(new Violation(field + ".min", "only INTEGER and DECIMAL have bounds"));
            }
            if (a.min() != null && a.max() != null && a.min().compareTo(a.max()) > 0) {
                problems.add(new Violation(field + ".min", "is greater than max"));
            }
            if (a.label() != null && a.label().length() > 200) {
                problems.add(new Violation(field + ".label", "has at most 200 characters"));
            }
        }
        return problems;
    }

    public AttributeDefinition definition(String name) {
        for (AttributeDefinition a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** What is wrong with {@code values} for this schema; empty when they are valid. */
    public List<Violation> violations(Map<String, ?> values) {
        Map<String, ?> given = values == null ? Map.of() : values;
        List<Violation> violations = new ArrayList<>();
        for (String name : given.keySet()) {
            if (definition(name) == null) {
                violations.add(new Violation(name, "is not an attribute of this class"));
            }
        }
        for (AttributeDefinition a : attributes) {
            Object value = given.get(a.name());
            if (value == null) {
                if (a.required()) {
                    violations.add(new Violation(a.name(), "is required"));
                }
                continue;
            }
            String problem = problem(a, value);
            if (problem != null) {
                violations.add(new Violation(a.name(), problem));
            }
        }
        return violations;
    }

    /**
     * The values, checked and in canonical form (integers as {@link Long}, decimals as {@link BigDecimal},
     * null values dropped), in schema order; refuses invalid values with every violation listed.
     */
    public Map<String, Object> validate(Map<String, ?> values) {
        List<Violation> violations = violations(values);
        if (!violations.isEmpty()) {
            throw CmdbRuleViolation.invalid(
                    "invalid-attributes",
                    "Attribute " + violations.get(0).field() + " "
                            + violations.get(0).message(),
                    Map.of("errors", asMaps(violations)));
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (AttributeDefinition a : attributes) {
            Object value = values == null ? null : values.get(a.name());
            if (value != null) {
                canonical.put(a.name(), canonical(a, value));
            }
        }
        return canonical;
    }

    private static String problem(AttributeDefinition a, Object value) {
        return switch (a.type()) {
            case STRING -> {
                if (!(value instanceof String s)) {
                    yield "must be text";
                }
                int max = a.maxLength() == null ? MAX_STRING : a.maxLength();
                yield s.length() > max ? "has at most " + max + " characters" : null;
            }
            case INTEGER -> {
                BigDecimal number = number(value);
                if (number == null || number.stripTrailingZeros().scale() > 0) {
                    yield "must be a whole number";
                }
                if (number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    yield "is too large";
                }
                yield bounds(a, number);
            }
            case DECIMAL -> {
                BigDecimal number = number(value);
                yield number == null ? "must be a number" : bounds(a, number);
            }
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case DATE -> {
                if (!(value instanceof String s)) {
                    yield "must be a date, e.g. 2026-03-31";
                }
                try {
                    LocalDate.parse(s);
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "must be a date, e.g. 2026-03-31";
                }
            }
            case ENUM -> value instanceof String s && a.values().contains(s) ? null : "must be one of " + a.values();
            case IP_ADDRESS ->
                value instanceof String s
                                && (IPV4.matcher(s).matches()
                                        || (s.contains(":") && IPV6.matcher(s).matches()))
                        ? null
                        : "must be an IPv4 or IPv6 address";
        };
    }

    private static String bounds(AttributeDefinition a, BigDecimal number) {
        if (a.min() != null && number.compareTo(a.min()) < 0) {
            return "must be at least " + a.min().toPlainString();
        }
        if (a.max() != null && number.compareTo(a.max()) > 0) {
            return "must be at most " + a.max().toPlainString();
        }
        return null;
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof java.math.BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    private static Object canonical(AttributeDefinition a, Object value) {
        return switch (a.type()) {
            case INTEGER -> number(value).longValueExact();
            case DECIMAL -> {
                BigDecimal stripped = number(value).stripTrailingZeros();
                yield stripped.scale() < 0 ? stripped.setScale(0) : stripped;
            }
            default -> value;
        };
    }

    private static List<Map<String, String>> asMaps(List<Violation> violations) {
        return violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList();
    }
}
