package pl.krakow.coi.servicedesk.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.stempel.StempelStemmer;

/**
 * Turns Polish text, as ordinary employees write it, into comparable terms.
 *
 * <p>Each word yields: its folded light stem (Polish letters folded to ASCII, common inflectional
 * endings stripped), its folded five-letter prefix, and the Stempel stem when Stempel recognises the
 * word (its stem shares the word's first four letters). So "drukarka", "drukarki", "drukarkę" and
 * "drukarke" share terms; so do "hasło" and "haslo". A word starting with "nie" also yields the
 * terms of its remainder ("niedziałająca" meets "działa"). Ticket numbers, CI identifiers, host
 * names and addresses are kept whole ({@link #identifiers}).
 */
public final class PolishText {

    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'][\\p{L}]+)*");
    static final Pattern IDENTIFIER = Pattern.compile(
            "(?i)\\b(?:[A-Z]{2,5}-\\d{4}-\\d{3,}" // ticket numbers INC-2026-000123
                    + "|[A-Z]{2,6}[/-]\\d{2,4}[/-]\\d{2,}" // inventory numbers UMK/2023/00123
                    + "|\\d{1,3}(?:\\.\\d{1,3}){3}" // IPv4
                    + "|[0-9A-F]{2}(?:[:-][0-9A-F]{2}){5}" // MAC
                    + "|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){1,4}\\d" // host names WS-KP01-023
                    + ")\\b");
    private static final CharArraySet STOP_WORDS = PolishAnalyzer.getDefaultStopSet();
    private static final String[] SUFFIXES = {
        "iami", "owie", "ami", "ach", "owi", "ego", "emu", "ymi", "imi", "ich", "ych", "iem", "iom", "iow", "om",
        "ow", "em", "ie", "ia", "iu", "ii", "ej", "ym", "im", "a", "e", "i", "o", "u", "y"
    };
    private static final ThreadLocal<StempelStemmer> STEMMER = ThreadLocal.withInitial(PolishText::loadStemmer);
    private static final Locale POLISH = new Locale("pl", "PL");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /**
     * The terms of a word are a pure function of the word, and a language has far fewer words than a
     * ticket corpus has occurrences: memoised, analysis costs a map lookup for almost every word
     * (bulk indexing of a million tickets depends on it). Bounded: cleared when full.
     */
    private static final int WORD_CACHE_LIMIT = 200_000;

    private static final Map<String, List<String>> WORD_TERMS = new ConcurrentHashMap<>();

    private PolishText() {}

    /** Lower case with Polish (and other Latin) diacritics removed: "Łódź" → "lodz". */
    public static String fold(String text) {
        String lower = text.toLowerCase(POLISH).replace('ł', 'l');
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 0x80;
        }
        if (ascii) {
            return lower;
        }
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("");
    }

    /** The analysis terms of a text, in order of appearance, with repeats (term frequencies matter). */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (Word word : words(text)) {
            terms.addAll(word.terms());
        }
        return terms;
    }

    /**
     * The words of a text with their positions and analysis terms, in order of appearance; stop words
     * and words shorter than three letters are included with no terms. Search uses it to group a
     * query's terms by word and to mark the matching words of a text.
     */
    public static List<Word> words(String text) {
        List<Word> found = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        int length = text.length();
        int at = 0;
        while (at < length) {
            int start = at;
            at = wordEnd(text, at);
            if (at == start) {
                at += Character.charCount(text.codePointAt(at));
                continue;
            }
            String group = text.substring(start, at);
            List<String> terms = new ArrayList<>();
            String word = group.replace("'", "");
            if (word.indexOf('-') > 0) {
                // "wi-fi", "e-mail", "e-podpis": one word; longer hyphenated runs: each part.
                String joined = word.replace("-", "");
                if (joined.length() <= 12) {
                    addWord(joined, terms);
                } else {
                    for (String part : word.split("-")) {
                        addWord(part, terms);
                    }
                }
            } else {
                addWord(word, terms);
            }
            found.add(new Word(group, start, at, List.copyOf(terms)));
        }
        return found;
    }

    /**
     * The end of the word starting at {@code at}, or {@code at} if none starts there: {@link #WORD} by hand,
     * letters and numbers, then any number of hyphen or apostrophe with letters after it (the analysis of
     * every ticket's text at index time runs through here; a matcher cost several times more).
     */
    private static int wordEnd(String text, int at) {
        int length = text.length();
        int i = at;
        while (i < length) {
            int c = text.codePointAt(i);
            if (!letterOrNumber(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        if (i == at) {
            return at;
        }
        while (i + 1 < length) {
            char separator = text.charAt(i);
            if (separator != '-' && separator != '\'') {
                break;
            }
            int next = i + 1;
            int j = next;
            while (j < length) {
                int c = text.codePointAt(j);
                if (!Character.isLetter(c)) {
                    break;
                }
                j += Character.charCount(c);
            }
            if (j == next) {
                break;
            }
            i = j;
        }
        return i;
    }

    /** {@code [\p{L}\p{N}]}. */
    private static boolean letterOrNumber(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The distinct terms of a text. */
    public static Set<String> termSet(String text) {
        return new LinkedHashSet<>(terms(text));
    }

    /** Identifiers found in the text (ticket numbers, inventory numbers, IPs, MACs, host names), upper case. */
    public static List<String> identifiers(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        // Every identifier lies within a run of the ASCII characters they are made of, is at least 4 long and
        // holds a digit, a colon or a hyphen: the pattern runs only on such runs (with transparent bounds, so
        // \\b still sees the characters around them), not at every position of the text.
        Matcher matcher = null;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!identifierCharacter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean hint = false;
            while (i < length && identifierCharacter(text.charAt(i))) {
                char c = text.charAt(i);
                hint |= (c >= '0' && c <= '9') || c == ':' || c == '-';
                i++;
            }
            if (hint && i - start >= 4) {
                if (matcher == null) {
                    matcher =
                            IDENTIFIER.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                matcher.region(start, i);
                while (matcher.find()) {
                    found.add(matcher.group().toUpperCase(Locale.ROOT));
                }
            }
        }
        return found;
    }

    private static boolean identifierCharacter(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || c == '.'
                || c == ':'
                || c == '/'
                || c == '-';
    }

    /** The light stem of a folded word: common Polish inflectional endings stripped, at least 3 letters left. */
    public static String lightStem(String folded) {
        for (String suffix : SUFFIXES) {
            if (folded.endsWith(suffix) && folded.length() - suffix.length() >= 3) {
                return folded.substring(0, folded.length() - suffix.length());
            }
        }
        return folded;
    }

    private static void addWord(String word, List<String> terms) {
        List<String> known = WORD_TERMS.get(word);
        if (known == null) {
            List<String> analysed = new ArrayList<>();
            analyseWord(word, analysed);
            known = List.copyOf(analysed);
            if (WORD_TERMS.size() >= WORD_CACHE_LIMIT) {
                WORD_TERMS.clear();
            }
            WORD_TERMS.put(word, known);
        }
        terms.addAll(known);
    }

    private static void analyseWord(String word, List<String> terms) {
        String lower = word.toLowerCase(POLISH);
        if (lower.chars().allMatch(Character::isDigit)) {
            if (lower.length() >= 2) {
                terms.add(lower);
            }
            return;
        }
        if (lower.length() < 3 || STOP_WORDS.contains(lower)) {
            return;
        }
        addStems(lower, terms);
        if (lower.startsWith("nie") && lower.length() >= 8) {
            addStems(lower.substring(3), terms);
        }
    }

    private static void addStems(String lower, List<String> terms) {
        String folded = fold(lower);
        String light = lightStem(folded);
        terms.add(light);
        if (folded.length() > 5) {
            String prefix = folded.substring(0, 5);
            if (!prefix.equals(light)) {
                terms.add(prefix);
            }
        }
        StringBuilder stem = STEMMER.get().stem(lower);
        if (stem != null && stem.length() >= 4) {
            String stemmed = fold(stem.toString());
            if (stemmed.regionMatches(0, folded, 0, 4) && !stemmed.equals(light) && !stemmed.equals(folded)) {
                terms.add(stemmed);
            }
        }
    }

    /**
     * A word of a text.
     *
     * @param text the word as written
     * @param start its offset in the text
     * @param end the offset just after it
     * @param terms its analysis terms; empty for stop words and very short words
     */
    public record Word(String text, int start, int end, List<String> terms) {}

    private static StempelStemmer loadStemmer() {
        try {
            return new StempelStemmer(
                    StempelStemmer.load(PolishAnalyzer.class.getResourceAsStream(PolishAnalyzer.DEFAULT_STEMMER_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the Stempel stemmer table", e);
        }
    }
}
