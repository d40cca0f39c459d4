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
import pl.krakow.coi.servicedesk.app.ImageLayout;

/**
 * The application in its own JVM with {@code -Xmx1g}, started as the container image starts it: the
 * executable jar ({@code app/target/servicedesk-app-*.jar}, built by {@code package}) extracted and trained
 * for class data sharing once per benchmark ({@link ImageLayout}; the training is the image build's step, not
 * counted), then {@code java -XX:SharedArchiveFile=app.jsa -jar app.jar}. The start-up time is from spawning
 * the JVM to the readiness probe answering UP; memory is read from {@code /proc/<pid>/status}.
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

    private static Path image;

    /** The image's application directory, extracted and trained on first use. */
    private static synchronized Path image() throws Exception {
        if (image == null) {
            Path work = Path.of("target", "benchmark-image").toAbsolutePath();
            if (Files.exists(work)) {
                org.springframework.util.FileSystemUtils.deleteRecursively(work);
            }
            Path app = ImageLayout.extract(ImageLayout.executableJar(), Files.createDirectories(work));
            ImageLayout.train(app);
            image = app;
        }
        return image;
    }

    static AppProcess start(List<String> arguments) throws Exception {
        return start(arguments, true);
    }

    /**
     * @param archive false to start without the class data sharing archive ({@code -Xshare:off}): the
     *     comparison the benchmark reports, never how the image runs
     */
    static AppProcess start(List<String> arguments, boolean archive) throws Exception {
        Path directory = image();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("benchmark-app-", ".log");
        List<String> appArguments = new ArrayList<>(List.of("--server.port=" + port));
        appArguments.addAll(arguments);
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        if (!archive) {
            options.add("-Xshare:off");
        }
        // e.g. -Dbenchmark.jvm-options=-XX:StartFlightRecording=filename=/tmp/app.jfr to profile a phase
        String extra = System.getProperty("benchmark.jvm-options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        List<String> command = ImageLayout.command(options, appArguments);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
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
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful shutdown
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                // Interrupted while waiting for the graceful stop: no time left for it.
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (Boolean.getBoolean("benchmark.keep")) {
            System.out.println("[benchmark] application log kept: " + log);
        } else {
            Files.deleteIfExists(log);
        }
    }
}
