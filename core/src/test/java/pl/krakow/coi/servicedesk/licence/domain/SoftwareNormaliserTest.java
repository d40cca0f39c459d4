package pl.krakow.coi.servicedesk.licence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

class SoftwareNormaliserTest {

    static NormalisationRule office() {
        return new NormalisationRule(
                1L,
                100,
                "Microsoft Office (?<edition>Professional Plus|Standard) (?<year>\\d{4})(?: - [a-z]{2}-[a-z]{2})?",
                NormalisationRule.Action.MAP,
                "Microsoft",
                "Office ${edition} ${year}",
                "${year}",
                true,
                true);
    }

    static NormalisationRule libreOffice() {
        return new NormalisationRule(
                2L,
                200,
                "LibreOffice (\\d+(?:\\.\\d+)*)(?: .*)?",
                NormalisationRule.Action.MAP,
                "The Document Foundation",
                "LibreOffice",
                "$1",
                false,
                true);
    }

    static NormalisationRule updates() {
        return new NormalisationRule(
                3L, 10, ".*\\(KB\\d{6,8}\\).*", NormalisationRule.Action.IGNORE, null, null, null, true, true);
    }

    @Test
    void agentNamesBecomeCatalogueProducts() {
        SoftwareNormaliser normaliser = new SoftwareNormaliser(List.of(libreOffice(), office(), updates()));
        assertThat(normaliser.normalise("Microsoft Office Professional Plus 2019 - pl-pl"))
                .isEqualTo(new Normalisation.Matched("Microsoft", "Office Professional Plus 2019", "2019", 1L, true));
        assertThat(normaliser.normalise("LibreOffice 7.4.7.2 "))
                .isEqualTo(new Normalisation.Matched("The Document Foundation", "LibreOffice", "7.4.7.2", 2L, false));
        assertThat(normaliser.normalise("  libreoffice   7.6.4.1  Help Pack (Polish)"))
                .as("case, inner spaces and a suffix")
                .isEqualTo(new Normalisation.Matched("The Document Foundation", "LibreOffice", "7.6.4.1", 2L, false));
        assertThat(normaliser.normalise("Security Update for Microsoft Office 2016 (KB5002567) 64-Bit Edition"))
                .isEqualTo(new Normalisation.Ignored(3L));
        assertThat(normaliser.normalise("Foxit PDF Reader")).isInstanceOf(Normalisation.Unmatched.class);
        assertThat(normaliser.normalise("   ")).isInstanceOf(Normalisation.Unmatched.class);
    }

    @Test
    void theFirstRuleInPositionOrderDecides() {
        NormalisationRule anyMicrosoft = new NormalisationRule(
                4L, 50, "Microsoft .*", NormalisationRule.Action.MAP, "Microsoft", "Inne", null, true, true);
        assertThat(new SoftwareNormaliser(List.of(office(), anyMicrosoft)).normalise("Microsoft Office Standard 2021"))
                .isEqualTo(new Normalisation.Matched("Microsoft", "Inne", null, 4L, true));
        NormalisationRule inactive = new NormalisationRule(
                4L, 50, "Microsoft .*", NormalisationRule.Action.MAP, "Microsoft", "Inne", null, true, false);
        assertThat(new SoftwareNormaliser(List.of(office(), inactive)).normalise("Microsoft Office Standard 2021"))
                .isEqualTo(new Normalisation.Matched("Microsoft", "Office Standard 2021", "2021", 1L, true));
    }

    @Test
    void aPatternMustMatchTheWholeName() {
        NormalisationRule chrome = new NormalisationRule(
                5L, 1, "Google Chrome", NormalisationRule.Action.MAP, "Google", "Chrome", null, false, true);
        SoftwareNormaliser normaliser = new SoftwareNormaliser(List.of(chrome));
        assertThat(normaliser.normalise("GOOGLE CHROME")).isInstanceOf(Normalisation.Matched.class);
        assertThat(normaliser.normalise("Google Chrome Remote Desktop Host"))
                .isInstanceOf(Normalisation.Unmatched.class);
    }

    @Test
    void invalidRulesAreRefusedWithAReason() {
        assertThatThrownBy(() -> rule("Office (", "Microsoft", "Office", null).compile())
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-pattern"));
        assertThatThrownBy(() ->
                        rule("Office (\\d{4})", "Microsoft", "Office $2", null).compile())
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-template"));
        assertThatThrownBy(() -> rule("Office (?<year>\\d{4})", "Microsoft", "Office", "${edition}")
                        .compile())
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-template"));
        assertThatThrownBy(() -> rule("Office", "Microsoft", null, null).compile())
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-rule"));
    }

    @Test
    void aDollarSignCanBeWrittenAndAMissingOptionalGroupIsEmpty() {
        NormalisationRule rule = rule("Kasa (Pro )?(\\d+)", "Kasa \\$oft", "Kasa $1$2", null);
        assertThat(new SoftwareNormaliser(List.of(rule)).normalise("Kasa 7"))
                .isEqualTo(new Normalisation.Matched("Kasa $oft", "Kasa 7", null, 9L, true));
    }

    @Test
    @TimingSensitive
    void aCatastrophicPatternGivesUpInsteadOfHanging() {
        NormalisationRule evil = rule("(a+)+b", "Evil", "Evil", null);
        long started = System.nanoTime();
        assertThat(new SoftwareNormaliser(List.of(evil)).normalise("a".repeat(40) + "c"))
                .isInstanceOf(Normalisation.Unmatched.class);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    private static NormalisationRule rule(String pattern, String publisher, String product, String version) {
        return new NormalisationRule(
                9L, 1, pattern, NormalisationRule.Action.MAP, publisher, product, version, true, true);
    }
}
