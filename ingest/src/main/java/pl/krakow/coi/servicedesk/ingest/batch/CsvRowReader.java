package pl.krakow.coi.servicedesk.ingest.batch;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the rows of a run's CSV file. On open it copies the file from PostgreSQL to the spool directory,
 * checks the whole file (UTF-8, quotes, the header against the job's {@link CsvLayout}) and counts its rows
 * for progress; a file that fails these checks fails the step before any row is written. Restartable: the
 * number of rows consumed is saved with each committed chunk, and a restart resumes after them.
 *
 * <p>A row with more values than the header has columns is rejected ({@link RowRejected}, skipped).
 *
 * <p>The reader of one part of a partitioned step ({@link #part}) reads the rows {@link CsvPartitioner} gave its
 * part, from the file the partitioner spooled and checked for all parts; it spools its own copy when that one is
 * gone (another worker restarted the run). Its position counts the rows of its part.
 */
public class CsvRowReader implements ItemStreamReader<CsvRow> {

    static final String CONSUMED = "csv.consumed";

    private final long runId;
    private final long fileId;
    private final CsvLayout layout;
    private final Map<String, String> mapping;
    private final String missingMarker;
    private final IngestFiles files;
    private final IngestRuns runs;
    private final Path spoolDirectory;
    private final long start;
    private final long count;
    private final Path shared;
    private Path spooled;
    private boolean ownCopy;
    private CsvReader<CsvRecord> csv;
    private Iterator<CsvRecord> records;
    private Map<String, Integer> columns;
    private int width;
    private long consumed;

    public CsvRowReader(
            long runId,
            long fileId,
            CsvLayout layout,
            Map<String, String> mapping,
            String missingMarker,
            IngestFiles files,
            IngestRuns runs,
            Path spoolDirectory) {
        this(runId, fileId, layout, mapping, missingMarker, files, runs, spoolDirectory, -1, Long.MAX_VALUE, null);
    }

    private CsvRowReader(
            long runId,
            long fileId,
            CsvLayout layout,
            Map<String, String> mapping,
            String missingMarker,
            IngestFiles files,
            IngestRuns runs,
            Path spoolDirectory,
            long start,
            long count,
            Path shared) {
        this.runId = runId;
        this.fileId = fileId;
        this.layout = layout;
        this.mapping = mapping;
        this.missingMarker = missingMarker;
        this.files = files;
        this.runs = runs;
        this.spoolDirectory = spoolDirectory;
        this.start = start;
        this.count = count;
        this.shared = shared;
    }

    /**
     * The reader of the part of a {@link CsvPartitioner} that starts at data row {@code start}, in the job
     * execution whose partitioner spooled the file for its parts.
     */
    public static CsvRowReader part(
            long runId,
            long jobExecutionId,
            long fileId,
            CsvLayout layout,
            IngestFiles files,
            IngestRuns runs,
            Path spoolDirectory,
            long start,
            long count) {
        return new CsvRowReader(
                runId,
                fileId,
                layout,
                Map.of(),
                null,
                files,
                runs,
                spoolDirectory,
                start,
                count,
                CsvPartitioner.spooled(spoolDirectory, runId, jobExecutionId));
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        try {
            Files.createDirectories(spoolDirectory);
            boolean whole = start < 0;
            spooled = shared;
            if (whole || !Files.exists(spooled)) {
                spooled = Files.createTempFile(spoolDirectory, "ingest-run-" + runId + "-", ".csv");
                ownCopy = true;
                files.spool(fileId, spooled);
            }
            String headerLine = CsvFiles.firstLine(spooled);
            char separator = CsvFiles.separator(headerLine);
            columns = layout.check(CsvFiles.header(headerLine), mapping);
            width = CsvFiles.header(headerLine).size();
            if (whole) {
                runs.total(runId, CsvFiles.validateAndCount(spooled, separator));
            }
            csv = CsvFiles.reader(CsvFiles.utf8(Files.newInputStream(spooled)), separator);
            records = csv.iterator();
            records.next(); // the header
            consumed = context.getLong(CONSUMED, 0L);
            for (long i = 0; i < Math.max(0, start) + consumed && records.hasNext(); i++) {
                records.next();
            }
        } catch (IOException e) {
            throw new ItemStreamException("Cannot open the file of run " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CsvRow read() {
        try {
            if (consumed >= count || !records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            consumed++;
            if (record.getFieldCount() > width) {
                throw new RowRejected(
                        record.getStartingLineNumber(),
                        null,
                        String.join(",", record.getFields()),
                        "The row has " + record.getFieldCount() + " values but the header " + width
                                + " columns (a separator inside an unquoted value?)");
            }
            return new CsvRow(record.getStartingLineNumber(), columns, record.getFields(), missingMarker);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw CsvFiles.notUtf8(null);
            }
            throw e;
        } catch (CsvParseException e) {
            throw FileRejected.wrongHeader("The file is not valid CSV: " + e.getMessage(), Map.of());
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(CONSUMED, consumed);
    }

    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.close();
            }
            if (spooled != null && ownCopy) {
                Files.deleteIfExists(spooled);
            }
        } catch (IOException e) {
            throw new ItemStreamException("Cannot close the file of run " + runId, e);
        }
    }
}
