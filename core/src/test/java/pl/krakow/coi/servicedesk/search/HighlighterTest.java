package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlighterTest {

    @Test
    void wordsOfAnyInflectionAndWithoutDiacriticsAreMarkedInTheOriginalText() {
        Highlighter highlighter = new Highlighter(QueryText.parse("drukarki haslo"));
        assertThat(highlighter.whole("Drukarka w pokoju 214 prosi o hasło"))
                .contains("<mark>Drukarka</mark> w pokoju 214 prosi o <mark>hasło</mark>");
    }

    @Test
    void identifiersAreMarkedWhole() {
        Highlighter highlighter = new Highlighter(QueryText.parse("ws-kp02-117"));
        assertThat(highlighter.whole("Komputer WS-KP02-117 restartuje się"))
                .contains("Komputer <mark>WS-KP02-117</mark> restartuje się");
    }

    @Test
    void theRestOfTheTextIsEscaped() {
        Highlighter highlighter = new Highlighter(QueryText.parse("skrypt"));
        assertThat(highlighter.whole("<script>alert(1)</script> skrypt & co"))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>skrypt</mark> &amp; co");
    }

    @Test
    void aLongTextGivesThePassageAroundTheMatchesWithEllipses() {
        String text = "Wstęp. ".repeat(40) + "Toner w drukarce się skończył i drukarka stoi. " + "Koniec. ".repeat(40);
        String fragment = new Highlighter(QueryText.parse("drukarka toner"))
                .fragment(text, 120)
                .orElseThrow();
        assertThat(fragment).startsWith("…").endsWith("…");
        assertThat(fragment).contains("<mark>Toner</mark>", "<mark>drukarce</mark>", "<mark>drukarka</mark>");
        assertThat(fragment.replace("<mark>", "").replace("</mark>", "").length())
                .isLessThanOrEqualTo(125);
    }

    @Test
    void nothingMatchingGivesNoHighlight() {
        assertThat(new Highlighter(QueryText.parse("serwer")).whole("Drukarka nie drukuje"))
                .isEmpty();
    }

    @Test
    void aQueryIsSplitIntoIdentifiersAndWordsOfTerms() {
        QueryText text = QueryText.parse("INC-2026-000123 drukarki nie działają, host ws-kp01-023");
        assertThat(text.identifiers()).containsExactly("INC-2026-000123", "WS-KP01-023");
        assertThat(text.words()).hasSize(3); // drukarki, działają, host; "nie" is a stop word
        assertThat(text.words().get(0)).contains("drukark");
    }
}
