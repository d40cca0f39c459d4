package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL 18 and Elasticsearch 8.19 running as child processes of this JVM, on free loopback
 * ports, with their data in a run directory of their own.
 *
 * <p>Both servers receive a parent-death signal, so a JVM killed hard takes them with it; each start
 * also clears runs whose owner is gone (pid files are checked), so nothing left over blocks it.
 * {@link #close()} stops both and deletes their data, keeping the logs until the next start.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final long REQUIRED_DISK_MB = 1024;

    private final EmbeddedStackOptions options;
    private final Path runDirectory;
    private final Path logDirectory;
    private final PostgresServer postgres;
    private final ElasticsearchNode elasticsearch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStack(
            EmbeddedStackOptions options,
            Path runDirectory,
            Path logDirectory,
            PostgresServer postgres,
            ElasticsearchNode elasticsearch) {
        this.options = options;
        this.runDirectory = runDirectory;
        this.logDirectory = logDirectory;
        this.postgres = postgres;
        this.elasticsearch = elasticsearch;
    }

    /**
     * Starts both servers. Returns once PostgreSQL accepts connections and its application database
     * exists, and, when {@link EmbeddedStackOptions#awaitElasticsearch()} is set, Elasticsearch is
     * yellow or green. Fails with an {@link EmbeddedStackException} that says why.
     */
    public static EmbeddedStack start(EmbeddedStackOptions options) {
        long started = System.nanoTime();
        Privileges privileges = Privileges.detect(options.unprivilegedUid());
        Path base = options.baseDirectory();
        Disk.requireFree(base, REQUIRED_DISK_MB, "the embedded PostgreSQL and Elasticsearch");
        Path runs = base.resolve("runs");
        Path run = runs.resolve(options.runName());
        Path logs = run.resolve("logs");
        try {
            Files.createDirectories(runs);
            Files.setPosixFilePermissions(base, Distributions.permissions(0755));
            StaleRuns.clear(runs);
            Files.createDirectory(run);
            ChildProcess.ProcessRecord.of(options.owner()).write(run.resolve(StaleRuns.OWNER_FILE));
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot create the run directory " + run + ": " + e, e);
        }

        Distributions distributions =
                new Distributions(base.resolve("dist"), options.localRepository(), options.remoteRepository());
        CompletableFuture<ElasticsearchNode> elasticsearch = CompletableFuture.supplyAsync(() -> {
            ElasticsearchNode node = new ElasticsearchNode(
                    distributions.elasticsearch(),
                    run.resolve("elasticsearch"),
                    logs,
                    privileges,
                    options.elasticsearchHeap(),
                    "coi-" + options.runName());
            node.launch();
            return node;
        });
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(
                    distributions.postgres(), run.resolve("postgresql"), logs, privileges, options.startupTimeout());
            postgres.createDatabase(options.database());
        } catch (RuntimeException e) {
            elasticsearch.thenAccept(ElasticsearchNode::stop);
            throw e;
        }
        ElasticsearchNode node;
        try {
            node = elasticsearch.join();
        } catch (CompletionException e) {
            postgres.stop();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        EmbeddedStack stack = new EmbeddedStack(options, run, logs, postgres, node);
        if (options.awaitElasticsearch()) {
            try {
                stack.awaitElasticsearch(options.startupTimeout());
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        }
        log.info(
                "Embedded stack up in {} ms: PostgreSQL on port {}, Elasticsearch on {}; logs in {}",
                (System.nanoTime() - started) / 1_000_000,
                postgres.port(),
                node.uri(),
                logs);
        return stack;
    }

    /** Waits until Elasticsearch is yellow or green (a second call returns at once). */
    public void awaitElasticsearch(Duration timeout) {
        elasticsearch.awaitReady(timeout);
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(options.database());
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String username() {
        return PostgresServer.USER;
    }

    /** The password is empty: the server trusts loopback connections of its own run. */
    public String password() {
        return "";
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** Opens an administrative connection to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return postgres.connect(database);
    }

    public URI elasticsearchUri() {
        return elasticsearch.uri();
    }

    public Path runDirectory() {
        return runDirectory;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Process ids of the PostgreSQL postmaster and the Elasticsearch launcher, for operations and tests. */
    public long postgresPid() {
        return postgres.process().pid();
    }

    public long elasticsearchPid() {
        return elasticsearch.process().pid();
    }

    /** Stops the Elasticsearch node, keeping its data and port (an outage, for tests). */
    public void stopElasticsearch() {
        elasticsearch.stop();
    }

    /** Starts the Elasticsearch node again on the same port and data, and waits for it. */
    public void restartElasticsearch(Duration timeout) {
        if (!elasticsearch.isRunning()) {
            elasticsearch.launch();
        }
        elasticsearch.awaitReady(timeout);
    }

    public boolean isRunning() {
        return !closed.get() && postgres.process().isAlive();
    }

    /** Stops both servers (PostgreSQL fast shutdown, Elasticsearch SIGTERM) and deletes their data. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        CompletableFuture<Void> stopElasticsearch = CompletableFuture.runAsync(elasticsearch::stop);
        postgres.stop();
        stopElasticsearch.join();
        StaleRuns.deleteTree(runDirectory.resolve("postgresql"));
        StaleRuns.deleteTree(runDirectory.resolve("elasticsearch"));
        try {
            Files.deleteIfExists(runDirectory.resolve(StaleRuns.OWNER_FILE));
        } catch (IOException e) {
            log.debug("Cannot delete owner file", e);
        }
        log.info("Embedded stack stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
