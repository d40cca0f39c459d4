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
 */
@ConfigurationProperties("servicedesk.ingest")
public record IngestProperties(DataSize maxFileSize, Path spoolDirectory, Long maxSkips, Worker worker, Chunks chunks) {

    public IngestProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(2) : maxFileSize;
        spoolDirectory = spoolDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : spoolDirectory;
        maxSkips = maxSkips == null ? 100_000L : maxSkips;
        worker = worker == null ? new Worker(null, null, null, null, null) : worker;
        chunks = chunks == null ? new Chunks(null, null, null) : chunks;
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
}
