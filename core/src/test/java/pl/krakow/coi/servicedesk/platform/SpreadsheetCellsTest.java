package pl.krakow.coi.servicedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void aCellThatAStringWouldTakeForAFormulaIsQuoted() {
        assertThat(SpreadsheetCells.neutralise("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(SpreadsheetCells.neutralise("-1+1")).isEqualTo("'-1+1");
        assertThat(SpreadsheetCells.neutralise("+48 12 616 12 00")).isEqualTo("'+48 12 616 12 00");
        assertThat(SpreadsheetCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetCells.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.neutralise("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void numbersAndOrdinaryTextStayAsTheyAre() {
        assertThat(SpreadsheetCells.neutralise("-15")).isEqualTo("-15");
        assertThat(SpreadsheetCells.neutralise("+2.5")).isEqualTo("+2.5");
        assertThat(SpreadsheetCells.neutralise("-1.5e3")).isEqualTo("-1.5e3");
        assertThat(SpreadsheetCells.neutralise("Drukarka = zepsuta")).isEqualTo("Drukarka = zepsuta");
        assertThat(SpreadsheetCells.neutralise("2026-09-01T08:00:00Z")).isEqualTo("2026-09-01T08:00:00Z");
        assertThat(SpreadsheetCells.neutralise("")).isEmpty();
        assertThat(SpreadsheetCells.neutralise(null)).isNull();
    }

    @Test
    void everyNumberStaysANumber() {
        qt().forAll(longs().all())
                .checkAssert(n -> assertThat(SpreadsheetCells.neutralise(Long.toString(n)))
                        .isEqualTo(Long.toString(n)));
        qt().forAll(doubles().between(-1e12, 1e12))
                .checkAssert(d -> assertThat(SpreadsheetCells.neutralise(Double.toString(d)))
                        .isEqualTo(Double.toString(d)));
    }

    @Test
    void noNeutralisedCellStartsLikeAFormula() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(cell -> {
            String safe = SpreadsheetCells.neutralise(cell);
            if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
                assertThat(safe).as("only a number may start so").matches("[+-]?[0-9.]+([eE][+-]?\\d+)?");
            }
        });
    }
}
