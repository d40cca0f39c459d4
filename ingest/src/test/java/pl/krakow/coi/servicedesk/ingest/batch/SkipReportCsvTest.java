package pl.krakow.coi.servicedesk.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipReportCsvTest {

    @Test
    void aSkippedRowThatLooksLikeAFormulaIsNeutralisedAndTheRestReadsBackWhole() {
        StringWriter out = new StringWriter();
        SkipReportCsv report = new SkipReportCsv(out);
        report.skip(2, "cost", "@SUM(A1)", "not a number");
        report.skip(3, "name", "Laptop, \"Dell\"\nE7450", null);
        report.skip(4, "quantity", "-5", "must be positive");
        report.flush();

        assertThat(out.toString())
                .isEqualTo("row,field,value,reason\r\n"
                        + "2,cost,'@SUM(A1),not a number\r\n"
                        + "3,name,\"Laptop, \"\"Dell\"\"\nE7450\",\r\n"
                        + "4,quantity,-5,must be positive\r\n");
        List<CsvRecord> records =
                CsvReader.builder().ofCsvRecord(out.toString()).stream().toList();
        assertThat(records.get(1).getFields()).containsExactly("2", "cost", "'@SUM(A1)", "not a number");
        assertThat(records.get(2).getFields()).containsExactly("3", "name", "Laptop, \"Dell\"\nE7450", "");
    }
}
