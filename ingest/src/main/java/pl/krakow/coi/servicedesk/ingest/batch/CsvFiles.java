package pl.krakow.coi.servicedesk.ingest.batch;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/** Opening CSV files of the imports: strict UTF-8, the separator from the header, counted rows. */
final class CsvFiles {

    private CsvFiles() {}

    /** A reader that refuses bytes that are not UTF-8 (a file saved as Windows-1250 is refused, not garbled). */
    static Reader utf8(InputStream in) {
        return new BufferedReader(
                new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
    }

    /** {@code ;} when the header has semicolons and no commas (Excel in Polish locale), else {@code ,}. */
    static char separator(String headerLine) {
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        long commas = headerLine.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    static CsvReader<CsvRecord> reader(Reader in, char separator) {
        return CsvReader.builder()
                .fieldSeparator(separator)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(false)
                .ofCsvRecord(in);
    }

    /**
     * Checks the beginning of a file at launch: readable as UTF-8, a header with the layout's columns.
     *
     * @param head the first bytes of the file (a multi-byte character cut at the end is allowed)
     * @throws FileRejected naming the problem
     */
    public static Map<String, Integer> checkHead(byte[] head, CsvLayout layout, Map<String, String> mapping) {
        int end = head.length;
        // Drop a UTF-8 sequence cut by the limit: up to 3 continuation bytes after a lead byte.
        for (int i = Math.max(0, end - 4); i < end; i++) {
            int b = head[i] & 0xFF;
            if (b >= 0xC0) {
                int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (i + length > end) {
                    end = i;
                }
            }
        }
        String headerLine;
        try (BufferedReader reader = new BufferedReader(utf8(new ByteArrayInputStream(head, 0, end)))) {
            headerLine = reader.readLine();
            while (reader.readLine() != null) {
                // Decoding the rest checks its encoding too.
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (headerLine == null || headerLine.isBlank()) {
            throw FileRejected.wrongHeader("The file is empty: the first line must be the header", Map.of());
        }
        return layout.check(header(headerLine), mapping);
    }

    static List<String> header(String headerLine) {
        String line = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
        CsvRecord record = CsvReader.builder().fieldSeparator(separator(line)).ofSingleCsvRecord(line);
        return record.getFields();
    }

    /** The first line of a spooled file. */
    static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(utf8(Files.newInputStream(file)))) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (CharacterCodingException e) {
            throw notUtf8(1L);
        }
    }

    /**
     * Reads the whole file once: every byte must be UTF-8 and every quote closed.
     *
     * @return the number of data rows (records after the header)
     */
    static long validateAndCount(Path file, char separator) {
        return validateAndCount(file, separator, (record, row) -> {});
    }

    /**
     * Reads the whole file once, as {@link #validateAndCount(Path, char)}, and hands each data row to
     * {@code rows} with its index (0: the row after the header).
     */
    static long validateAndCount(Path file, char separator, ObjLongConsumer<CsvRecord> rows) {
        long records = 0;
        long lastLine = 0;
        try (CsvReader<CsvRecord> csv = reader(utf8(Files.newInputStream(file)), separator)) {
            for (CsvRecord record : csv) {
                if (records > 0) {
                    rows.accept(record, records - 1);
                }
                records++;
                lastLine = record.getStartingLineNumber();
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8(lastLine + 1);
            }
            throw e;
        } catch (CsvParseException e) {
            throw FileRejected.wrongHeader(
                    "The file is not valid CSV after line " + lastLine + ": " + e.getMessage(),
                    Map.of("line", lastLine + 1));
        } catch (IOException e) {
            if (e instanceof CharacterCodingException) {
                throw notUtf8(lastLine + 1);
            }
            throw new UncheckedIOException(e);
        }
        return Math.max(0, records - 1);
    }

    static FileRejected notUtf8(Long line) {
        return FileRejected.wrongEncoding("The file is not UTF-8"
                + (line == null ? "" : " (first invalid byte near line " + line + ")")
                + "; save it as UTF-8 (CSV UTF-8 in Excel), not as Windows-1250 or ISO-8859-2");
    }
}
