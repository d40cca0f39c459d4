package pl.krakow.coi.servicedesk.ingest.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
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
 * in order, parts do not. The same pass over the file notes the rows that share a key, in a table of 64-bit key
 * hashes (about 12 bytes a key; a collision only keeps a file in one part).
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
    private final long jobExecutionId;
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
            long jobExecutionId,
            long fileId,
            CsvLayout layout,
            IngestFiles files,
            IngestRuns runs,
            Path spoolDirectory,
            int minRows,
            Function<CsvRow, Collection<String>> keys) {
        this.runId = runId;
        this.jobExecutionId = jobExecutionId;
        this.fileId = fileId;
        this.layout = layout;
        this.files = files;
        this.runs = runs;
        this.spoolDirectory = spoolDirectory;
        this.minRows = minRows;
        this.keys = keys;
    }

    /**
     * Where the parts of one execution of a run find the file this worker spooled for them. The name carries the
     * job execution: a restart of the run (on another worker that may share the directory, or on this one) never
     * reads or deletes the file of an execution that has not ended yet, and its parts spool their own copies.
     */
    static Path spooled(Path spoolDirectory, long runId, long jobExecutionId) {
        return spoolDirectory.resolve("ingest-run-" + runId + "-execution-" + jobExecutionId + "-parts.csv");
    }

    /** Deletes the file spooled for the parts when the partitioned step ends (a restart spools it again). */
    public static StepExecutionListener spoolCleaner(Path spoolDirectory) {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                Long runId = stepExecution.getJobParameters().getLong(ImportJob.RUN);
                if (runId != null) {
                    try {
                        Files.deleteIfExists(spooled(
                                spoolDirectory,
                                runId,
                                stepExecution.getJobExecution().getId()));
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
        Path target = spooled(spoolDirectory, runId, jobExecutionId);
        long started = System.nanoTime();
        SharedKeys shared = new SharedKeys();
        long total;
        long spooled;
        try {
            Files.createDirectories(spoolDirectory);
            Path copy = Files.createTempFile(spoolDirectory, "ingest-run-" + runId + "-", ".csv");
            try {
                files.spool(fileId, copy);
                Files.move(copy, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(copy);
            }
            spooled = System.nanoTime();
            String headerLine = CsvFiles.firstLine(target);
            char separator = CsvFiles.separator(headerLine);
            Map<String, Integer> columns = layout.check(CsvFiles.header(headerLine), Map.of());
            // One pass checks the file, counts its rows and, when it may be split, notes the rows that share a key.
            total = CsvFiles.validateAndCount(target, separator, (record, row) -> {
                if (gridSize > 1) {
                    CsvRow csvRow = new CsvRow(record.getStartingLineNumber(), columns, record.getFields(), null);
                    for (String key : keys.apply(csvRow)) {
                        shared.add(hash(key), row);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the file of run " + runId + ": " + e.getMessage(), e);
        }
        runs.total(runId, total);
        int parts = (int) Math.max(1, Math.min(gridSize, total / minRows));
        if (parts > 1) {
            long row = shared.firstAcross(total, parts);
            if (row >= 0) {
                log.info(
                        "Run {}: data row {} names a device that an earlier row in another part named; the file is"
                                + " imported in one part, in its order",
                        runId,
                        row + 1);
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
        log.info(
                "Run {}: {} rows in {} part(s); spooled in {} ms, checked in {} ms",
                runId,
                total,
                parts,
                (spooled - started) / 1_000_000,
                (System.nanoTime() - spooled) / 1_000_000);
        return contexts;
    }

    /** The rows whose keys an earlier row had: pairs (first row of the key, later row). */
    static final class SharedKeys {

        private final FirstRows first = new FirstRows();
        private long[] pairs = new long[64];
        private int size;

        void add(long key, long row) {
            long earlier = first.putIfAbsent(key, row);
            if (earlier >= 0 && earlier != row) {
                if (size == pairs.length) {
                    pairs = Arrays.copyOf(pairs, size * 2);
                }
                pairs[size++] = (earlier << 32) | row;
            }
        }

        /** The first later row in a part other than its key's first row, for rows split evenly; -1 if none. */
        long firstAcross(long total, int parts) {
            long found = -1;
            for (int i = 0; i < size; i++) {
                long earlier = pairs[i] >>> 32;
                long later = pairs[i] & 0xFFFFFFFFL;
                if (earlier * parts / total != later * parts / total && (found < 0 || later < found)) {
                    found = later;
                }
            }
            return found;
        }
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

    /** Key hash → first row, open addressing: about 12 bytes a key, where a map of strings takes ten times more. */
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
