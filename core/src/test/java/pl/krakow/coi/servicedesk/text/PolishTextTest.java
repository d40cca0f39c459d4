package pl.krakow.coi.servicedesk.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class PolishTextTest {

    /**
     * Characters that make word and identifier boundaries interesting: ASCII and Polish letters, digits,
     * separators, a combining mark, a superscript and a fraction (numbers that are not digits), an emoji
     * (a surrogate pair), and whole identifiers.
     */
    private static final String[] PIECES = {
        "a",
        "Z",
        "ą",
        "Ł",
        "ż",
        "7",
        "0",
        "-",
        "'",
        ".",
        ":",
        "/",
        " ",
        ",",
        "_",
        "\u0301",
        "²",
        "½",
        "😀",
        "\n",
        "INC-2026-000123",
        "UMK/2023/00123",
        "10.1.2.3",
        "aa:bb:cc:dd:ee:ff",
        "WS-KP01-023",
        "e-mail",
        "wi-fi",
        "A-11",
        "x1",
        "ąWS-KP01-023",
        "WS-KP01-023ą",
        "1.2.3.4.5",
        "AB-12-34",
        "O'Neil"
    };

    @Test
    void wordsAndIdentifiersMatchTheirPatternsOnRandomText() {
        Random random = new Random(1796);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String t = text.toString();
            List<String> expectedWords = new ArrayList<>();
            Matcher words = PolishText.WORD.matcher(t);
            while (words.find()) {
                expectedWords.add(words.start() + ":" + words.group());
            }
            assertThat(PolishText.words(t).stream()
                            .map(w -> w.start() + ":" + w.text())
                            .toList())
                    .as("words of [%s]", t)
                    .isEqualTo(expectedWords);
            List<String> expectedIdentifiers = new ArrayList<>();
            Matcher identifiers = PolishText.IDENTIFIER.matcher(t);
            while (identifiers.find()) {
                expectedIdentifiers.add(identifiers.group().toUpperCase(Locale.ROOT));
            }
            assertThat(PolishText.identifiers(t)).as("identifiers of [%s]", t).isEqualTo(expectedIdentifiers);
        }
    }

    @Test
    void foldingRemovesPolishDiacritics() {
        assertThat(PolishText.fold("Zażółć gęślą jaźń ŁÓDŹ")).isEqualTo("zazolc gesla jazn lodz");
    }

    @Test
    void inflectionsOfAWordShareTerms() {
        Set<String> base = PolishText.termSet("drukarka");
        for (String form : new String[] {"drukarki", "drukarkę", "drukarke", "drukarkami", "DRUKARCE"}) {
            assertThat(PolishText.termSet(form)).as(form).containsAnyElementsOf(base);
        }
    }

    @Test
    void textWithoutDiacriticsMeetsTextWithThem() {
        assertThat(PolishText.termSet("haslo")).containsAnyElementsOf(PolishText.termSet("hasło"));
        assertThat(PolishText.termSet("hasla")).containsAnyElementsOf(PolishText.termSet("hasła"));
        assertThat(PolishText.termSet("siec nie dziala")).containsAnyElementsOf(PolishText.termSet("sieć"));
        assertThat(PolishText.termSet("poczte")).containsAnyElementsOf(PolishText.termSet("pocztą"));
    }

    @Test
    void negatedParticipleMeetsTheVerb() {
        assertThat(PolishText.termSet("niedziałająca drukarka"))
                .containsAnyElementsOf(PolishText.termSet("nie działa"));
    }

    @Test
    void stopWordsAndShortWordsAreDropped() {
        assertThat(PolishText.terms("i w na to jest")).isEmpty();
    }

    @Test
    void hyphenatedWordsAreOneWord() {
        assertThat(PolishText.termSet("Wi-Fi nie działa")).containsAnyElementsOf(PolishText.termSet("wifi"));
        assertThat(PolishText.termSet("e-mail")).containsExactlyElementsOf(PolishText.termSet("email"));
    }

    @Test
    void identifiersAreKeptWhole() {
        assertThat(PolishText.identifiers("dot. INC-2026-000123, komputer UMK/2023/00123 (10.1.2.3), host ws-kp01-023"))
                .containsExactly("INC-2026-000123", "UMK/2023/00123", "10.1.2.3", "WS-KP01-023");
    }

    @Test
    void wordsCarryTheirPositionsAndTerms() {
        String text = "Drukarka nie drukuje w pokoju 214";
        var words = PolishText.words(text);
        assertThat(words)
                .extracting(PolishText.Word::text)
                .containsExactly("Drukarka", "nie", "drukuje", "w", "pokoju", "214");
        assertThat(words.get(0).start()).isZero();
        assertThat(text.substring(words.get(2).start(), words.get(2).end())).isEqualTo("drukuje");
        assertThat(words.get(0).terms()).containsAnyElementsOf(PolishText.termSet("drukarki"));
        assertThat(words.get(3).terms()).as("a stop word has no terms").isEmpty();
        assertThat(PolishText.words(text).stream().flatMap(w -> w.terms().stream()))
                .containsExactlyElementsOf(PolishText.terms(text));
    }
}
