package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lone embedded Elasticsearch node (no PostgreSQL), for tests that take Elasticsearch away and
 * bring it back: an outage must not touch the shared stack other tests use. Its address is known
 * before it first starts, so an application can be started against a node that is still down.
 * Stopping keeps the data and the port; {@link #close()} stops it and deletes its data.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private final ElasticsearchNode node;
    private final Path runDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedElasticsearch(ElasticsearchNode node, Path runDirectory) {
        this.node = node;
        this.runDirectory = runDirectory;
    }

    /** Prepares a node (directories, distribution, ports) without starting it. */
    public static EmbeddedElasticsearch create(EmbeddedStackOptions options) {
        Privileges privileges = Privileges.detect(options.unprivilegedUid());
        Path base = options.baseDirectory();
        Path runs = base.resolve("runs");
        Path run = runs.resolve(options.runName());
        Path logs = run.resolve("logs");
        try {
            Files.createDirectories(runs);
            StaleRuns.clear(runs);
            Files.createDirectory(run);
            ChildProcess.ProcessRecord.of(options.owner()).write(run.resolve(StaleRuns.OWNER_FILE));
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot create the run directory " + run + ": " + e, e);
        }
        Distributions distributions =
                new Distributions(base.resolve("dist"), options.localRepository(), options.remoteRepository());
        ElasticsearchNode node = new ElasticsearchNode(
                distributions.elasticsearch(),
                run.resolve("elasticsearch"),
                logs,
                privileges,
                options.elasticsearchHeap(),
                "coi-" + options.runName());
        node.reservePorts();
        return new EmbeddedElasticsearch(node, run);
    }

    public URI uri() {
        return node.uri();
    }

    /** Starts the node (again: same port, same data) and waits until it is yellow or green. */
    public void start(Duration timeout) {
        if (!node.isRunning()) {
            node.launch();
        }
        node.awaitReady(timeout);
    }

    /** Stops the node, keeping its data and port: an outage. */
    public void stop() {
        node.stop();
    }

    public boolean isRunning() {
        return node.isRunning();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            node.stop();
            StaleRuns.deleteTree(runDirectory.resolve("elasticsearch"));
            try {
                Files.deleteIfExists(runDirectory.resolve(StaleRuns.OWNER_FILE));
            } catch (IOException e) {
                // the next start clears the run
            }
        }
    }
}
