package pl.krakow.coi.servicedesk.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest capability ({@code servicedesk.ingest.*}); every value has a default.
 *
 * @param maxFileSize the largest file an upload may bring (413 beyond)
 * @param spoolDirectory where a worker copies a file while a job reads it (local disk; the file itself
 *     stays in PostgreSQL)
 * @param maxSkips rows a run may skip before it fails (a file that is mostly wrong is refused, not skimmed)
 * @param worker the queue consumer of worker instances
 * @param chunks rows per chunk (one transaction) of each job
 * @param partitions how a large file is split into parts that are imported side by side
 */
@ConfigurationProperties("servicedesk.ingest")
public record IngestProperties(
        DataSize maxFileSize, Path spoolDirectory, Long maxSkips, Worker worker, Chunks chunks, Partitions partitions) {

    public IngestProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(2) : maxFileSize;
        spoolDirectory = spoolDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDirectory;
        maxSkips = maxSkips == null ? 100_000L : maxSkips;
        worker = worker == null ? new Worker(null, null, null, null, null) : worker;
        chunks = chunks == null ? new Chunks(null, null, null) : chunks;
        partitions = partitions == null ? new Partitions(null, null) : partitions;
    }

    /**
     * @param enabled whether this worker instance takes runs from the queue
     * @param pollInterval how often an idle worker looks at the queue
     * @param concurrency runs one worker executes at once
     * @param heartbeatInterval how often a worker confirms that its runs are alive
     * @param staleAfter a run whose heartbeat is older is taken for dead: failed and queued again
     */
    public record Worker(
            Boolean enabled,
            Duration pollInterval,
            Integer concurrency,
            Duration heartbeatInterval,
            Duration staleAfter) {

        public Worker {
            enabled = enabled == null || enabled;
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            concurrency = concurrency == null || concurrency < 1 ? 2 : concurrency;
            heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
            staleAfter = staleAfter == null ? Duration.ofMinutes(1) : staleAfter;
        }
    }

    /** Rows per chunk of the asset, licence and legacy ticket imports. */
    public record Chunks(Integer assets, Integer licences, Integer tickets) {

        public Chunks {
            assets = assets == null ? 2000 : assets;
            licences = licences == null ? 100 : licences;
            tickets = tickets == null ? 100 : tickets;
        }
    }

    /**
     * Parts of an asset import that run side by side, each in its own transactions (ADR 0065).
     *
     * @param assets the most parts an asset file is split into (default: the processors of this instance,
     *     at most 4); 1 imports every file in one part
     * @param minRows a file is split only into parts of at least this many rows (default 10 000)
     */
    public record Partitions(Integer assets, Integer minRows) {

        public Partitions {
            assets = assets == null || assets < 1
                    ? Math.min(4, Runtime.getRuntime().availableProcessors())
                    : assets;
            minRows = minRows == null || minRows < 1 ? 10_000 : minRows;
        }
    }
}
