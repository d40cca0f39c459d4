package pl.krakow.coi.servicedesk.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import pl.krakow.coi.servicedesk.text.PolishText;

/**
 * A search query's text, analysed as the documents are ({@link PolishText}): the identifiers it names
 * (ticket numbers, host names, IPs, inventory numbers), and its remaining words, each with its terms.
 * A word matches a document when any of its terms does, so any inflection or spelling without
 * diacritics of a word finds the others.
 */
record QueryText(List<List<String>> words, List<String> identifiers) {

    static final int MAX_WORDS = 32;

    QueryText {
        words = List.copyOf(words);
        identifiers = List.copyOf(identifiers);
    }

    static QueryText parse(String text) {
        if (text == null || text.isBlank()) {
            return new QueryText(List.of(), List.of());
        }
        List<String> identifiers = new ArrayList<>(new LinkedHashSet<>(PolishText.identifiers(text)));
        String rest = text;
        for (String identifier : identifiers) {
            rest = rest.replaceAll("(?i)" + java.util.regex.Pattern.quote(identifier), " ");
        }
        List<List<String>> words = new ArrayList<>();
        for (PolishText.Word word : PolishText.words(rest)) {
            if (!word.terms().isEmpty() && words.size() < MAX_WORDS) {
                words.add(List.copyOf(new LinkedHashSet<>(word.terms())));
            }
        }
        return new QueryText(words, identifiers);
    }

    boolean isEmpty() {
        return words.isEmpty() && identifiers.isEmpty();
    }

    /** Every term of every word: a text's word matches the query when it has one of them. */
    Set<String> terms() {
        Set<String> all = new LinkedHashSet<>();
        words.forEach(all::addAll);
        return all;
    }

    /** The identifiers, upper case, for matching text (identifiers are compared case-insensitively). */
    Set<String> identifierSet() {
        Set<String> all = new LinkedHashSet<>();
        identifiers.forEach(i -> all.add(i.toUpperCase(Locale.ROOT)));
        return all;
    }
}
