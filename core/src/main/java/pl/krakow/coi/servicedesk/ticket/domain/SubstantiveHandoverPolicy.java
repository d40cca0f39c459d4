package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A ticket goes to the second line only with a full comment (§8.2b): what was reported, what the
 * first line found or tried, why it cannot resolve it. A comment is substantive when it has at least
 * {@value #MIN_WORDS} words and {@value #MIN_LETTERS} letters and is not one of the stock phrases
 * that say nothing ("proszę o realizację", "do weryfikacji", "w załączeniu").
 */
public final class SubstantiveHandoverPolicy {

    static final int MIN_WORDS = 8;
    static final int MIN_LETTERS = 40;
    private static final Set<String> EMPTY_PHRASES = Set.of(
            "prosze o realizacje",
            "prosze o realizacje zgloszenia",
            "do realizacji",
            "do weryfikacji",
            "prosze o weryfikacje",
            "prosze o pomoc",
            "w zalaczeniu",
            "przekazuje do realizacji",
            "przekazuje",
            "jak w temacie",
            "jw",
            "j w");

    private SubstantiveHandoverPolicy() {}

    /** The reasons the comment is not substantive; empty when it is. */
    public static List<String> shortcomings(String comment) {
        List<String> reasons = new ArrayList<>();
        if (comment == null || comment.isBlank()) {
            reasons.add("the handover comment is missing");
            return reasons;
        }
        String normalised = java.text.Normalizer.normalize(
                        comment.toLowerCase(Locale.ROOT).replace('ł', 'l'), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replaceAll("[^a-z0-9 ]", " ")
                .replaceAll("\\s+", " ")
                .trim();
        long words = normalised.isEmpty() ? 0 : normalised.split(" ").length;
        long letters = comment.codePoints().filter(Character::isLetter).count();
        if (EMPTY_PHRASES.contains(normalised)) {
            reasons.add("a stock phrase is not a handover comment");
        }
        if (words < MIN_WORDS) {
            reasons.add("it has " + words + " words; at least " + MIN_WORDS + " are needed");
        }
        if (letters < MIN_LETTERS) {
            reasons.add("it has " + letters + " letters; at least " + MIN_LETTERS + " are needed");
        }
        return reasons;
    }

    public static void require(String comment) {
        List<String> reasons = shortcomings(comment);
        if (!reasons.isEmpty()) {
            throw TicketRuleViolation.rule(
                    "escalation-requires-handover",
                    "Escalation to the second line needs a full handover comment (§8.2b): what was reported,"
                            + " what the first line checked, why it cannot be resolved here; "
                            + String.join("; ", reasons),
                    java.util.Map.of("reasons", reasons));
        }
    }
}
