package pl.krakow.coi.servicedesk.ingest.batch;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import pl.krakow.coi.servicedesk.platform.SpreadsheetCells;

/**
 * A skip report as CSV, written by FastCSV: the header {@code row,field,value,reason}, then one record per
 * skipped row (RFC 4180 quoting, CRLF). The field, value and reason echo imported text, so a cell a
 * spreadsheet would take for a formula is neutralised ({@link SpreadsheetCells}); the row number is a number.
 */
final class SkipReportCsv {

    private final CsvWriter csv;

    /** Starts the report on {@code out} with its header. */
    SkipReportCsv(Writer out) {
        this.csv = CsvWriter.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .quoteStrategy(QuoteStrategies.REQUIRED)
                .lineDelimiter(LineDelimiter.CRLF)
                .build(out);
        csv.writeRecord("row", "field", "value", "reason");
    }

    void skip(long row, String field, String value, String reason) {
        csv.writeRecord(Long.toString(row), cell(field), cell(value), cell(reason));
    }

    /** Sends what is buffered to the writer, and flushes it. */
    void flush() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text == null ? "" : SpreadsheetCells.neutralise(text);
    }
}
