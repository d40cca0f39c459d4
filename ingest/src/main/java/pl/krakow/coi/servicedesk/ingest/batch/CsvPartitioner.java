package pl.krakow.coi.servicedesk.ingest.batch;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a run's CSV file into contiguous ranges of rows, one per part of a partitioned step, so that the parts
 * are imported side by side, each in its own chunks and transactions (ADR 0065).
 *
 * <p>It copies the file to the worker's spool directory once for all parts, checks it whole (UTF-8, quotes, the
 * header) and counts its rows, as {@link CsvRowReader} does for a step of one part. A file is split only into
 * parts of at least {@code minRows} rows. It is not split at all when two of its rows name the same device (share
 * a key) in different parts: rows of one device must be applied in the file's order, and a part applies its rows
 * in order, parts do not.
 *
 * <p>It always returns {@code gridSize} parts (names {@code part0} …), the ones beyond the split empty: Spring
 * Batch keeps the grid size of the first attempt and restarts each part by its name from its own last commit.
 */
public class CsvPartitioner implements Partitioner {

    private static final Logger log = LoggerFactory.getLogger(CsvPartitioner.class);

    /** The first data row of a part (0 is the row after the header). */
    static final String START = "csv.start";

    /** The rows of a part. */
    static final String COUNT = "csv.count";

    private final long runId;
    private final long fileId;
    private final CsvLayout layout;
    private final IngestFiles files;
    private final IngestRuns runs;
    private final Path spoolDirectory;
    private final int minRows;
    private final Function<CsvRow, Collection<String>> keys;

    /**
     * @param keys the keys of a row that must not reach two parts (a device's identifiers, coarsely normalised:
     *     two rows whose keys differ only in what the domain's normalisation would not remove still share one)
     */
    public CsvPartitioner(
            long runId,
            long fileId,
            CsvLayout layout,
            IngestFiles files,
            IngestRuns runs,
            Path spoolDirectory,
            int minRows,
            Function<CsvRow, Collection<String>> keys) {
        this.runId = runId;
        this.fileId = fileId;
        this.layout = layout;
        this.files = files;
        this.runs = runs;
        this.spoolDirectory = spoolDirectory;
        this.minRows = minRows;
        this.keys = keys;
    }

    /** Where the parts of a run find the file this worker spooled for them. */
    static Path spooled(Path spoolDirectory, long runId) {
        return spoolDirectory.resolve("ingest-run-" + runId + "-parts.csv");
    }

    /** Deletes the file spooled for the parts when the partitioned step ends (a restart spools it again). */
    public static StepExecutionListener spoolCleaner(Path spoolDirectory) {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                Long runId = stepExecution.getJobParameters().getLong(ImportJob.RUN);
                if (runId != null) {
                    try {
                        Files.deleteIfExists(spooled(spoolDirectory, runId));
                    } catch (IOException e) {
                        log.warn("Cannot delete the spooled file of run {}: {}", runId, e.toString());
                    }
                }
                return null;
            }
        };
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Path target = spooled(spoolDirectory, runId);
        Map<String, Integer> columns;
        char separator;
        long total;
        try {
            Files.createDirectories(spoolDirectory);
            Path copy = Files.createTempFile(spoolDirectory, "ingest-run-" + runId + "-", ".csv");
            files.spool(fileId, copy);
            Files.move(copy, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String headerLine = CsvFiles.firstLine(target);
            separator = CsvFiles.separator(headerLine);
            columns = layout.check(CsvFiles.header(headerLine), Map.of());
            total = CsvFiles.validateAndCount(target, separator);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the file of run " + runId + ": " + e.getMessage(), e);
        }
        runs.total(runId, total);
        int parts = (int) Math.max(1, Math.min(gridSize, total / minRows));
        if (parts > 1) {
            long line = sharedKeyLine(target, separator, columns, total, parts);
            if (line >= 0) {
                log.info(
                        "Run {}: line {} names a device that an earlier row in another part named; the file is"
                                + " imported in one part, in its order",
                        runId,
                        line);
                parts = 1;
            }
        }
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (int i = 0; i < Math.max(1, gridSize); i++) {
            long start = i < parts ? total * i / parts : total;
            long end = i < parts ? total * (i + 1) / parts : total;
            ExecutionContext context = new ExecutionContext();
            context.putLong(START, start);
            context.putLong(COUNT, end - start);
            contexts.put("part" + i, context);
        }
        log.info("Run {}: {} rows in {} part(s)", runId, total, parts);
        return contexts;
    }

    /** The line of the first row that shares a key with a row of another part; -1 when none does. */
    private long sharedKeyLine(Path file, char separator, Map<String, Integer> columns, long total, int parts) {
        FirstRows first = new FirstRows();
        long row = -1;
        try (CsvReader<CsvRecord> csv = CsvFiles.reader(CsvFiles.utf8(Files.newInputStream(file)), separator)) {
            boolean header = true;
            for (CsvRecord record : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                row++;
                int part = (int) (row * parts / total);
                for (String key :
                        keys.apply(new CsvRow(record.getStartingLineNumber(), columns, record.getFields(), null))) {
                    long earlier = first.putIfAbsent(hash(key), row);
                    if (earlier >= 0 && (int) (earlier * parts / total) != part) {
                        return record.getStartingLineNumber();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** 64-bit FNV-1a, mixed; a collision only keeps a file in one part. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Key hash → first row, open addressing: about 12 bytes a key where a map of strings would take ten times more. */
    static final class FirstRows {

        private long[] keys = new long[1 << 16];
        private int[] rows = new int[1 << 16];
        private int size;

        /** Records the row of a new key; returns the first row of a known key, or -1. */
        long putIfAbsent(long key, long row) {
            if (size * 4L >= keys.length * 3L) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = (int) key & mask; ; i = (i + 1) & mask) {
                if (keys[i] == 0) {
                    keys[i] = key;
                    rows[i] = (int) row;
                    size++;
                    return -1;
                }
                if (keys[i] == key) {
                    return rows[i];
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldRows = rows;
            keys = new long[oldKeys.length * 2];
            rows = new int[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    putIfAbsent(oldKeys[i], oldRows[i]);
                }
            }
        }
    }
}
