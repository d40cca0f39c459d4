package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A PostgreSQL server in a private data directory, reachable over TCP on loopback only. */
final class PostgresServer {

    static final String USER = "postgres";
    private static final int ATTEMPTS = 3;

    private final ChildProcess process;
    private final int port;

    private PostgresServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static PostgresServer start(Path installation, Path directory, Path logs, Privileges privileges, Duration timeout) {
        Path data = directory.resolve("data");
        initdb(installation, directory, data, logs, privileges);
        EmbeddedStackException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = FreePorts.next();
            List<String> command = new ArrayList<>(List.of(
                    installation.resolve("bin/postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-h",
                    "127.0.0.1",
                    "-c",
                    "unix_socket_directories=",
                    // Per-run, throw-away data: durability buys nothing here and costs a lot of time.
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "max_connections=300",
                    "-c",
                    "shared_buffers=256MB",
                    "-c",
                    "max_wal_size=2GB",
                    "-c",
                    "timezone=UTC"));
            ChildProcess process = ChildProcess.launch(
                    "PostgreSQL",
                    privileges.wrap(command, "INT"),
                    Map.of("LC_ALL", "C.UTF-8"),
                    directory,
                    logs.resolve("postgresql.log"),
                    directory.getParent().resolve("postgresql.pid"));
            PostgresServer server = new PostgresServer(process, port);
            try {
                server.awaitReady(timeout);
                return server;
            } catch (EmbeddedStackException e) {
                last = e;
                server.stop();
                if (!process.tail(20).contains("could not bind")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static void initdb(Path installation, Path directory, Path data, Path logs, Privileges privileges) {
        try {
            Files.createDirectories(directory);
            privileges.handOver(directory);
            Path log = logs.resolve("initdb.log");
            List<String> command = List.of(
                    installation.resolve("bin/initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    USER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                    "--no-instructions");
            Process initdb = new ProcessBuilder(privileges.wrap(command, "KILL"))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new EmbeddedStackException("initdb did not finish within 120 s; see " + log);
            }
            if (initdb.exitValue() != 0) {
                throw new EmbeddedStackException("initdb failed with exit code " + initdb.exitValue() + ":"
                        + System.lineSeparator() + Files.readString(log));
            }
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot run initdb in " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while running initdb", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmbeddedStackException("PostgreSQL exited with code "
                        + process.exitCode().orElse(-1) + " before accepting connections; last lines of "
                        + process.logFile() + ":" + System.lineSeparator() + process.tail(20));
            }
            try {
                connect("postgres").close();
                return;
            } catch (SQLException e) {
                lastError = e;
            }
            sleep(100);
        }
        throw new EmbeddedStackException("PostgreSQL did not accept connections on port " + port + " within "
                + timeout + " (" + (lastError == null ? "" : lastError.getMessage()) + "); see "
                + process.logFile());
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    void createDatabase(String name) {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new EmbeddedStackException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    ChildProcess process() {
        return process;
    }

    void stop() {
        // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
        process.stop("INT", Duration.ofSeconds(15));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while waiting for PostgreSQL", e);
        }
    }
}
