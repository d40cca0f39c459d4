package pl.krakow.coi.servicedesk.reporting.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import pl.krakow.coi.servicedesk.platform.SpreadsheetCells;

/**
 * The CSV of an export, written by FastCSV: RFC 4180 (comma, fields with a comma, quote or line break
 * quoted, quotes doubled, CRLF), and every cell a spreadsheet would take for a formula neutralised
 * ({@link SpreadsheetCells}). The caller writes the byte order mark and owns the writer.
 */
final class Csv {

    private final CsvWriter csv;

    Csv(Writer out) {
        this.csv = CsvWriter.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .quoteStrategy(QuoteStrategies.REQUIRED)
                .lineDelimiter(LineDelimiter.CRLF)
                .build(out);
    }

    /** One record; a null field is an empty cell. */
    void line(List<String> fields) {
        List<String> cells = new ArrayList<>(fields.size());
        for (String field : fields) {
            cells.add(field == null ? "" : SpreadsheetCells.neutralise(field));
        }
        csv.writeRecord(cells);
    }

    /** Sends what is buffered to the writer, and flushes it. */
    void flush() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
