package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.http.ContentDisposition;

class FileNamesTest {

    @Test
    void pathsAreCutToTheirLastSegment() {
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("..\\..\\Windows\\system32\\cmd.txt")).isEqualTo("cmd.txt");
        assertThat(FileNames.sanitise("C:\\Users\\anna\\Pulpit\\zrzut.png")).isEqualTo("zrzut.png");
        assertThat(FileNames.sanitise("..")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitise("/")).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void controlFormatAndReservedCharactersGo() {
        assertThat(FileNames.sanitise("a\u0000b\r\nc.txt")).isEqualTo("abc.txt");
        // U+202E (right-to-left override) would show "gnp.exe" as "exe.png".
        assertThat(FileNames.sanitise("zdjęcie\u202Egnp.exe")).isEqualTo("zdjęciegnp.exe");
        assertThat(FileNames.sanitise("a<b>c:d\"e|f?g*h.txt")).isEqualTo("a_b_c_d_e_f_g_h.txt");
        assertThat(FileNames.sanitise(".hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitise("CON.txt")).isEqualTo("_CON.txt");
        assertThat(FileNames.sanitise("koniec. ")).isEqualTo("koniec");
    }

    @Test
    void polishLettersSurviveInNfc() {
        assertThat(FileNames.sanitise("Zażółć gęślą jaźń.pdf")).isEqualTo("Zażółć gęślą jaźń.pdf");
        // "ó" as o + combining acute: stored composed.
        assertThat(FileNames.sanitise("wo\u0301zek.png")).isEqualTo("wózek.png");
    }

    @Test
    void longNamesKeepTheirExtensionWithinTheByteLimit() {
        String name = FileNames.sanitise("ż".repeat(300) + ".png");
        assertThat(name).endsWith(".png");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
    }

    @Test
    void theDispositionCarriesTheUtf8Name() {
        String header = FileNames.contentDisposition("Zażółć gęślą jaźń.pdf");
        assertThat(header).startsWith("attachment; filename=\"Za");
        assertThat(header)
                .contains("filename*=UTF-8''Za%C5%BC%C3%B3%C5%82%C4%87%20g%C4%99%C5%9Bl%C4%85%20ja%C5%BA%C5%84.pdf");
        ContentDisposition parsed = ContentDisposition.parse(header);
        assertThat(parsed.isAttachment()).isTrue();
        assertThat(parsed.getFilename()).isEqualTo("Zażółć gęślą jaźń.pdf");
    }

    /** Names of every kind: path pieces, dots, controls, reserved and non-Latin characters, surrogate pairs. */
    static Gen<String> names() {
        Gen<String> pieces = strings().allPossible().ofLengthBetween(0, 12);
        Gen<String> tricky = integers().between(0, 9).map(i -> switch (i) {
            case 0 -> "/";
            case 1 -> "\\";
            case 2 -> "..";
            case 3 -> "\u0000";
            case 4 -> "\r\n";
            case 5 -> "\u202E";
            case 6 -> "ąęółśżźćń";
            case 7 -> "\"';%*";
            case 8 -> "😀";
            default -> ".";
        });
        return lists().of(pieces.mix(tricky, 50)).ofSizeBetween(0, 30).map(parts -> String.join("", parts));
    }

    @Test
    void sanitisedNamesHaveNoSeparatorsOrControlsAndTheirHeadersParse() {
        qt().withExamples(2000).forAll(names()).checkAssert(raw -> {
            String name = FileNames.sanitise(raw);
            assertThat(name).isNotEmpty().doesNotContain("/", "\\", "\u0000", "\r", "\n", "\u202E");
            assertThat(name.codePoints().noneMatch(Character::isISOControl)).isTrue();
            assertThat(name).doesNotStartWith(".").doesNotEndWith(".").doesNotEndWith(" ");
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
            assertThat(FileNames.sanitise(name)).isEqualTo(name);
            ContentDisposition parsed = ContentDisposition.parse(FileNames.contentDisposition(name));
            assertThat(parsed.isAttachment()).isTrue();
            assertThat(parsed.getFilename()).isEqualTo(name);
        });
    }
}
