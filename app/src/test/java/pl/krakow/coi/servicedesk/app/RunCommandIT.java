package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.krakow.coi.servicedesk.testing.SharedStackAccess;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

/**
 * What the README's run command does, checked end to end: the application started without external
 * URLs brings up its own PostgreSQL and Elasticsearch (next to the test suite's, without collision),
 * becomes healthy, and on SIGINT (Ctrl-C) or SIGTERM stops itself and both servers within 15 s.
 */
@TimingSensitive
class RunCommandIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnTheEmbeddedStackAndStopsEverythingOnCtrlC(@TempDir Path tmp) throws Exception {
        assertStartsAndStopsCleanly(tmp, "INT");
    }

    @Test
    void stopsEverythingOnSigterm(@TempDir Path tmp) throws Exception {
        assertStartsAndStopsCleanly(tmp, "TERM");
    }

    private void assertStartsAndStopsCleanly(Path tmp, String signal) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = tmp.resolve("app.log");
        // A terminal's Ctrl-C reaches a process whose SIGINT is at its default; a build started in the
        // background (nohup, CI runners) hands its children SIGINT ignored, which the JVM keeps. env
        // restores the defaults, so the test sees what a user at a terminal sees.
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                SharedStackAccess.classPath(),
                "-Dservicedesk.embedded.repository=" + System.getProperty("servicedesk.embedded.repository", ""),
                ServiceDeskApplication.class.getName(),
                "--server.port=" + port,
                "--servicedesk.demo-data.enabled=false"));
        long started = System.nanoTime();
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            awaitHealthy(app, port, log);
            System.out.printf("healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(Files.readString(log))
                    .contains("COI Service Desk is running")
                    .contains("http://localhost:" + port);

            List<ProcessHandle> servers = app.descendants().toList();
            assertThat(servers)
                    .as("PostgreSQL and Elasticsearch run as children")
                    .hasSizeGreaterThanOrEqualTo(2);

            long stopping = System.nanoTime();
            // The shell's own kill: /bin/kill comes with procps, which a minimal Debian lacks.
            new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + app.pid())
                    .start()
                    .waitFor();
            assertThat(app.waitFor(15, TimeUnit.SECONDS))
                    .as("the app exits within 15 s")
                    .isTrue();
            for (ProcessHandle server : servers) {
                server.onExit()
                        .get(Math.max(1, 15_000 - (System.nanoTime() - stopping) / 1_000_000), TimeUnit.MILLISECONDS);
                assertThat(server.isAlive()).as("server pid %d", server.pid()).isFalse();
            }
            System.out.printf("stopped on SIG%s after %d ms%n", signal, (System.nanoTime() - stopping) / 1_000_000);
            assertThat(Files.readString(log)).contains("Embedded stack stopped");
        } finally {
            if (app.isAlive()) {
                app.descendants().forEach(ProcessHandle::destroyForcibly);
                app.destroyForcibly();
            }
        }
    }

    private void awaitHealthy(Process app, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive())
                    .as("app still running; log:%n%s", Files.readString(log))
                    .isTrue();
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = health.body();
                if (health.statusCode() == 200 && last.endsWith("\"status\":\"UP\"}")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not healthy within 180 s; last answer " + last);
    }
}
