package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A single-node Elasticsearch cluster with security off, on loopback, with its configuration, data,
 * logs and temporary files in the run directory (the unpacked distribution stays read-only).
 */
final class ElasticsearchNode {

    private static final int ATTEMPTS = 3;

    private final Path home;
    private final Path directory;
    private final Path logs;
    private final Privileges privileges;
    private final String heap;
    private final String clusterName;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private int httpPort;
    private int transportPort;
    private volatile ChildProcess process;

    ElasticsearchNode(Path home, Path directory, Path logs, Privileges privileges, String heap, String clusterName) {
        this.home = home;
        this.directory = directory;
        this.logs = logs;
        this.privileges = privileges;
        this.heap = heap;
        this.clusterName = clusterName;
    }

    /** Chooses the node's ports now, so that its address is known before it is launched. */
    void reservePorts() {
        if (httpPort == 0) {
            httpPort = FreePorts.next();
            transportPort = FreePorts.next();
        }
    }

    /** Prepares the private directories and launches the node without waiting for it. */
    void launch() {
        try {
            Path config = directory.resolve("config");
            if (!Files.exists(config)) {
                copyTree(home.resolve("config"), config);
                Files.createDirectories(directory.resolve("data"));
                Files.createDirectories(directory.resolve("logs"));
                Files.createDirectories(directory.resolve("tmp"));
                privileges.handOver(directory);
            }
        } catch (IOException e) {
            throw new EmbeddedStackException("Cannot prepare Elasticsearch directories in " + directory, e);
        }
        reservePorts();
        List<String> command = List.of(
                home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node",
                "-Ecluster.name=" + clusterName,
                "-Enode.name=embedded",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + directory.resolve("data"),
                "-Epath.logs=" + directory.resolve("logs"),
                "-Expack.security.enabled=false",
                // A nearly full developer disk must not turn the indices read-only.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Eaction.destructive_requires_name=false");
        process = ChildProcess.launch(
                "Elasticsearch",
                privileges.wrap(command, "TERM"),
                Map.of(
                        "ES_JAVA_HOME", System.getProperty("java.home"),
                        "ES_PATH_CONF", directory.resolve("config").toString(),
                        "ES_TMPDIR", directory.resolve("tmp").toString(),
                        "ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap),
                directory,
                logs.resolve("elasticsearch.log"),
                directory.getParent().resolve("elasticsearch.pid"));
    }

    /** Launches the node and waits until the cluster is yellow or green, retrying on a lost port race. */
    void start(Duration timeout) {
        EmbeddedStackException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            launch();
            try {
                awaitReady(timeout);
                return;
            } catch (EmbeddedStackException e) {
                last = e;
                stop();
                String tail = process.tail(40);
                if (!tail.contains("BindException") && !tail.contains("Address already in use")) {
                    throw e;
                }
                httpPort = 0;
            }
        }
        throw last;
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            ChildProcess current = process;
            if (!current.isAlive()) {
                throw new EmbeddedStackException(
                        "Elasticsearch exited with code " + current.exitCode().orElse(-1)
                                + " before becoming ready; last lines of " + current.logFile() + ":"
                                + System.lineSeparator() + current.tail(30));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"")) {
                    return;
                }
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStackException("Interrupted while waiting for Elasticsearch", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStackException("Interrupted while waiting for Elasticsearch", e);
            }
        }
        throw new EmbeddedStackException("Elasticsearch on port " + httpPort + " was not yellow or green within "
                + timeout + " (last answer: " + lastAnswer + "); see " + process.logFile());
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    ChildProcess process() {
        return process;
    }

    void stop() {
        if (process != null) {
            process.stop("TERM", Duration.ofSeconds(20));
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }
}
