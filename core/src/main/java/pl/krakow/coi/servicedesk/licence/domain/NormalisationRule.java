package pl.krakow.coi.servicedesk.licence.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * "A raw name matching this pattern is that product": an ordered, editable rule. The pattern must match the
 * whole cleaned name, case-insensitively. MAP rules name the publisher, product and version with templates
 * that may refer to the pattern's groups ({@code $1}, {@code ${year}}; {@code \$} is a dollar sign); IGNORE
 * rules mark noise (updates, runtimes) that needs no review.
 *
 * @param id null before the rule is stored
 * @param position rules apply in ascending position
 * @param licenceRequired whether products this rule creates need a licence
 */
public record NormalisationRule(
        Long id,
        int position,
        String pattern,
        Action action,
        String publisher,
        String product,
        String versionTemplate,
        boolean licenceRequired,
        boolean active) {

    public static final int MAX_PATTERN = 500;
    /** Characters a pattern may read per name, about 400 passes over the longest name. */
    static final int BUDGET = 200_000;

    private static final Pattern NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** What a matching rule does. */
    public enum Action {
        MAP,
        IGNORE
    }

    /** The rule, checked and compiled; refuses an invalid pattern or a template naming a missing group. */
    public Compiled compile() {
        if (pattern == null || pattern.isBlank()) {
            throw LicenceRuleViolation.invalid("invalid-pattern", "A rule needs a pattern");
        }
        if (pattern.length() > MAX_PATTERN) {
            throw LicenceRuleViolation.invalid(
                    "invalid-pattern", "A pattern has at most " + MAX_PATTERN + " characters");
        }
        if (action == null) {
            throw LicenceRuleViolation.invalid("invalid-rule", "A rule's action is MAP or IGNORE");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw LicenceRuleViolation.invalid(
                    "invalid-pattern",
                    "The pattern is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex(),
                    Map.of("pattern", pattern));
        }
        int groups = compiled.matcher("").groupCount();
        Set<String> names = new HashSet<>();
        Matcher named = NAMED_GROUP.matcher(pattern);
        while (named.find()) {
            names.add(named.group(1));
        }
        List<Template.Part> publisherParts = List.of();
        List<Template.Part> productParts = List.of();
        List<Template.Part> versionParts = List.of();
        if (action == Action.MAP) {
            if (publisher == null || publisher.isBlank() || product == null || product.isBlank()) {
                throw LicenceRuleViolation.invalid(
                        "invalid-rule", "A MAP rule names the publisher and the product (templates allowed)");
            }
            publisherParts = Template.parse("publisher", publisher, groups, names);
            productParts = Template.parse("product", product, groups, names);
            versionParts = versionTemplate == null || versionTemplate.isBlank()
                    ? List.of()
                    : Template.parse("versionTemplate", versionTemplate, groups, names);
        }
        return new Compiled(this, compiled, publisherParts, productParts, versionParts);
    }

    /** A rule ready to apply. */
    public record Compiled(
            NormalisationRule rule,
            Pattern regex,
            List<Template.Part> publisher,
            List<Template.Part> product,
            List<Template.Part> version) {

        /**
         * What the rule makes of a cleaned name: empty when it does not match (or gave up on an expensive
         * match).
         */
        public Optional<Normalisation> apply(String name) {
            Matcher matcher = regex.matcher(new BoundedCharSequence(name, BUDGET));
            try {
                if (!matcher.matches()) {
                    return Optional.empty();
                }
            } catch (BoundedCharSequence.Exhausted e) {
                return Optional.empty();
            } catch (StackOverflowError e) {
                return Optional.empty();
            }
            try {
                return Optional.of(result(matcher));
            } catch (IllegalArgumentException | BoundedCharSequence.Exhausted e) {
                // a group name that only looked like one, or a group read past the budget
                return Optional.empty();
            }
        }

        private Normalisation result(Matcher matcher) {
            if (rule.action() == Action.IGNORE) {
                return new Normalisation.Ignored(rule.id());
            }
            String version = Template.expand(this.version, matcher);
            return new Normalisation.Matched(
                    Template.expand(publisher, matcher),
                    Template.expand(product, matcher),
                    version.isEmpty() ? null : version,
                    rule.id(),
                    rule.licenceRequired());
        }
    }

    /** Templates: literal text and group references. */
    public static final class Template {

        private Template() {}

        /** A piece of a template: literal text, or a group by number or name. */
        public record Part(String literal, Integer group, String name) {}

        static List<Part> parse(String field, String template, int groups, Set<String> names) {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c == '\\' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                    literal.append('$');
                    i += 2;
                } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    int close = template.indexOf('}', i);
                    if (close < 0) {
                        throw invalidTemplate(field, "an unclosed ${");
                    }
                    String name = template.substring(i + 2, close);
                    if (!names.contains(name)) {
                        throw invalidTemplate(field, "no group named " + name + " in the pattern");
                    }
                    flush(parts, literal);
                    parts.add(new Part(null, null, name));
                    i = close + 1;
                } else if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                    int j = i + 1;
                    int number = 0;
                    while (j < template.length()
                            && Character.isDigit(template.charAt(j))
                            && number * 10 + (template.charAt(j) - '0') <= groups) {
                        number = number * 10 + (template.charAt(j) - '0');
                        j++;
                    }
                    if (j == i + 1 || number == 0) {
                        throw invalidTemplate(
                                field, "$" + template.charAt(i + 1) + " but the pattern has " + groups + " groups");
                    }
                    flush(parts, literal);
                    parts.add(new Part(null, number, null));
                    i = j;
                } else {
                    literal.append(c);
                    i++;
                }
            }
            flush(parts, literal);
            return List.copyOf(parts);
        }

        static String expand(List<Part> parts, Matcher matcher) {
            StringBuilder text = new StringBuilder();
            for (Part part : parts) {
                if (part.literal() != null) {
                    text.append(part.literal());
                } else {
                    String value = part.group() != null ? matcher.group(part.group()) : matcher.group(part.name());
                    if (value != null) {
                        text.append(value);
                    }
                }
            }
            return text.toString().replaceAll("\\s+", " ").strip();
        }

        private static void flush(List<Part> parts, StringBuilder literal) {
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), null, null));
                literal.setLength(0);
            }
        }

        private static LicenceRuleViolation invalidTemplate(String field, String problem) {
            return LicenceRuleViolation.invalid(
                    "invalid-template",
                    "The " + field + " template refers to " + problem,
                    Map.of("field", field.toLowerCase(Locale.ROOT)));
        }
    }
}
