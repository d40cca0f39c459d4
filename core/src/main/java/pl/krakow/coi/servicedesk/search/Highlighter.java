package pl.krakow.coi.servicedesk.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import pl.krakow.coi.servicedesk.text.PolishText;

/**
 * Highlights in the application, over the original text (the index holds pre-analysed terms, so
 * Elasticsearch's highlighter cannot point into the text): every word whose analysis terms meet the
 * query's, and every identifier the query names, is wrapped in {@code <mark>…</mark>}. The rest of
 * the text is HTML-escaped, so a client may render the result as HTML.
 */
final class Highlighter {

    static final String OPEN = "<mark>";
    static final String CLOSE = "</mark>";
    private static final int CONTEXT_BEFORE = 40;

    private final Set<String> terms;
    private final Set<String> identifiers;

    Highlighter(QueryText query) {
        this.terms = query.terms();
        this.identifiers = query.identifierSet();
    }

    boolean isEmpty() {
        return terms.isEmpty() && identifiers.isEmpty();
    }

    /** The whole text with its matches marked, if anything matches. */
    Optional<String> whole(String text) {
        List<int[]> spans = spans(text);
        return spans.isEmpty() ? Optional.empty() : Optional.of(render(text, 0, text.length(), spans));
    }

    /**
     * The passage of at most {@code maxLength} characters holding the most matches, marked; an
     * ellipsis shows where the text was cut.
     */
    Optional<String> fragment(String text, int maxLength) {
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() <= maxLength) {
            return Optional.of(render(text, 0, text.length(), spans));
        }
        int bestStart = 0;
        int bestCount = -1;
        for (int[] span : spans) {
            int start = Math.max(0, span[0] - CONTEXT_BEFORE);
            int end = start + maxLength;
            int count = (int)
                    spans.stream().filter(s -> s[0] >= start && s[1] <= end).count();
            if (count > bestCount) {
                bestCount = count;
                bestStart = start;
            }
        }
        final int from = wordStart(text, bestStart);
        final int to = wordEnd(text, Math.min(text.length(), from + maxLength));
        List<int[]> inside =
                spans.stream().filter(s -> s[0] >= from && s[1] <= to).toList();
        return Optional.of((from > 0 ? "…" : "") + render(text, from, to, inside) + (to < text.length() ? "…" : ""));
    }

    /** Character ranges [start, end) of the matching words and identifiers, sorted, not overlapping. */
    List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        if (text == null || text.isEmpty() || isEmpty()) {
            return spans;
        }
        for (PolishText.Word word : PolishText.words(text)) {
            if (word.terms().stream().anyMatch(terms::contains)) {
                spans.add(new int[] {word.start(), word.end()});
            }
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (String identifier : identifiers) {
            for (int at = upper.indexOf(identifier); at >= 0; at = upper.indexOf(identifier, at + 1)) {
                spans.add(new int[] {at, at + identifier.length()});
            }
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new int[] {span[0], span[1]});
            }
        }
        return merged;
    }

    private static String render(String text, int from, int to, List<int[]> spans) {
        StringBuilder out = new StringBuilder();
        int at = from;
        for (int[] span : spans) {
            if (span[0] < at || span[1] > to) {
                continue;
            }
            escape(text, at, span[0], out);
            out.append(OPEN);
            escape(text, span[0], span[1], out);
            out.append(CLOSE);
            at = span[1];
        }
        escape(text, at, to, out);
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static int wordStart(String text, int at) {
        int i = at;
        while (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String text, int at) {
        int i = at;
        while (i < text.length()
                && i > 0
                && Character.isLetterOrDigit(text.charAt(i - 1))
                && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
