package pl.krakow.coi.servicedesk.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application's executable jar ({@code app/target/servicedesk-app-*.jar}, built by {@code package}) in its
 * own JVM with {@code -Xmx1g}, as it runs in production: the start-up time is from spawning the JVM to the
 * readiness probe answering UP; memory is read from {@code /proc/<pid>/status}.
 */
final class AppProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;
    private Duration startup;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static AppProcess start(List<String> arguments) throws Exception {
        Path jar = jar();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("benchmark-app-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--server.port=" + port));
        command.addAll(arguments);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AppProcess app = new AppProcess(process, port, log);
        try {
            app.awaitReady(started);
        } catch (Exception | AssertionError e) {
            app.close();
            throw e;
        }
        return app;
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("servicedesk-app-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "app/target/servicedesk-app-*.jar is missing: ./mvnw -pl app -am package -DskipTests"));
        }
    }

    private void awaitReady(long started) throws Exception {
        long deadline = started + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    startup = Duration.ofNanos(System.nanoTime() - started);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not ready within 5 minutes:\n" + Files.readString(log));
    }

    int port() {
        return port;
    }

    Duration startup() {
        return startup;
    }

    /** Spring Boot's "Started … in x seconds (process running for y)", from the log. */
    String startedIn() throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("Started ServiceDeskApplication in"))
                .map(l -> l.substring(l.indexOf("Started ServiceDeskApplication in") + 8))
                .findFirst()
                .orElse("?");
    }

    /** Resident memory now, in kB. */
    long residentMemory() throws IOException {
        return status("VmRSS:");
    }

    /** The highest resident memory so far, in kB. */
    long peakResidentMemory() throws IOException {
        return status("VmHWM:");
    }

    private long status(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith(field))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful shutdown
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (Boolean.getBoolean("benchmark.keep")) {
            System.out.println("[benchmark] application log kept: " + log);
        } else {
            Files.deleteIfExists(log);
        }
    }
}
