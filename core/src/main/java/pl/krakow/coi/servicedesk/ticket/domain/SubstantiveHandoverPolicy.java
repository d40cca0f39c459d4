package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A ticket goes to the second line only with a full comment (§8.2b): what was reported, what the
 * first line found or tried, why it cannot resolve it. A comment is substantive when it has at least
 * {@value #MIN_WORDS} words and {@value #MIN_LETTERS} letters, is not one of the stock phrases
 * that say nothing ("proszę o realizację", "do weryfikacji", "w załączeniu"), and says something the
 * ticket does not already say: at least {@value #MIN_OWN_WORDS} words of its own, that is words found
 * neither in the title nor in the description (compared by their first {@value #STEM} letters, so that
 * Polish endings do not count as new) and that are not the vocabulary of passing a ticket on
 * ("przekazuję", "zgłoszenie", "szczegóły w opisie", "automatyczne", "import"). A copy of the
 * description, the title said again, or a sentence that points at the description is refused.
 */
final class SubstantiveHandoverPolicy {

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

    static final int MIN_OWN_WORDS = 4;
    static final int STEM = 5;
    /** Words that carry nothing on their own. */
    private static final Set<String> STOP_WORDS = Set.of(
            "nie", "sie", "jest", "byl", "byla", "bylo", "jak", "oraz", "ale", "lub", "czy", "tak", "dla", "przez",
            "przy", "pod", "nad", "bez", "jego", "jej", "ich", "ten", "tym", "tego", "tej", "ktory", "ktora", "ktore",
            "juz", "tez", "jeszcze", "jako", "gdy", "aby", "zeby", "the", "and", "for", "with", "was", "are", "not",
            "this", "that", "from", "has", "have", "see");
    /** Beginnings of the words with which a ticket is passed on, or pointed at, without saying anything. */
    private static final List<String> HANDOVER_VOCABULARY = List.of(
            "przeka",
            "zglosz",
            "prosz",
            "reali",
            "weryf",
            "zalac",
            "temat",
            "opis",
            "szczeg",
            "autom",
            "alert",
            "monitor",
            "import",
            "histor",
            "system",
            "poprzedn",
            "przenie",
            "grup",
            "dnia",
            "element",
            "utrzym",
            "details",
            "descr",
            "forward",
            "escal",
            "eskal");

    private SubstantiveHandoverPolicy() {}

    /**
     * The reasons the comment is not substantive for a ticket with this title and description; empty when
     * it is.
     */
    public static List<String> shortcomings(String comment, String title, String description) {
        List<String> reasons = shortcomings(comment);
        if (comment == null || comment.isBlank()) {
            return reasons;
        }
        Set<String> known = new java.util.HashSet<>();
        for (String text : new String[] {title, description}) {
            if (text != null) {
                words(normalise(text)).forEach(w -> known.add(stem(w)));
            }
        }
        Set<String> own = new java.util.LinkedHashSet<>();
        for (String word : words(normalise(comment))) {
            String stem = stem(word);
            if (!known.contains(stem) && HANDOVER_VOCABULARY.stream().noneMatch(word::startsWith)) {
                own.add(stem);
            }
        }
        if (own.size() < MIN_OWN_WORDS) {
            reasons.add("it repeats what the ticket already says: " + own.size() + " words of its own, at least "
                    + MIN_OWN_WORDS + " are needed (what the first line checked, found, why it passes it on)");
        }
        return reasons;
    }

    /** The reasons the comment is not substantive, whatever the ticket says; empty when it is. */
    public static List<String> shortcomings(String comment) {
        List<String> reasons = new ArrayList<>();
        if (comment == null || comment.isBlank()) {
            reasons.add("the handover comment is missing");
            return reasons;
        }
        String normalised = normalise(comment);
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

    /** Refuses a handover comment that is not substantive for a ticket with this title and description. */
    public static void require(String comment, String title, String description) {
        List<String> reasons = shortcomings(comment, title, description);
        if (!reasons.isEmpty()) {
            throw TicketRuleViolation.rule(
                    "escalation-requires-handover",
                    "Escalation to the second line needs a full handover comment (§8.2b): what was reported,"
                            + " what the first line checked, why it cannot be resolved here; "
                            + String.join("; ", reasons),
                    java.util.Map.of("reasons", reasons));
        }
    }

    private static String normalise(String text) {
        return java.text.Normalizer.normalize(
                        text.toLowerCase(Locale.ROOT).replace('ł', 'l'), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replaceAll("[^a-z0-9 ]", " ")
                .replaceAll("\\s+", " ")
                .trim();
    }

    /** The words that can carry content: of letters only, at least three, not stop words. */
    private static List<String> words(String normalised) {
        return java.util.Arrays.stream(normalised.split(" "))
                .filter(w -> w.length() >= 3 && w.chars().allMatch(Character::isLetter))
                .filter(w -> !STOP_WORDS.contains(w))
                .toList();
    }

    private static String stem(String word) {
        return word.length() <= STEM ? word : word.substring(0, STEM);
    }
}
