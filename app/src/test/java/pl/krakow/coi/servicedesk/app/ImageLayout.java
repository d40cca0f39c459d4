package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The container image's application directory, built as app/Dockerfile builds it: the executable jar
 * extracted into Spring Boot's layers, the layers copied into one directory ({@code app.jar} and
 * {@code lib/}), and the class data sharing training run that writes {@code app.jsa} (ADR 0061). Used by
 * {@link ImageLayoutIT} and by the benchmark, which starts the application the way the image does.
 */
public final class ImageLayout {

    /** The layers in the order the image copies them. */
    public static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    /** The archive the training run writes, next to {@code app.jar}. */
    public static final String ARCHIVE = "app.jsa";

    private ImageLayout() {}

    /** The application's executable jar in {@code app/target}. */
    public static Path executableJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("servicedesk-app-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "app/target/servicedesk-app-*.jar is missing: ./mvnw -pl app -am package -DskipTests"));
        }
    }

    /** Extracts {@code jar}'s layers under {@code work} and copies them into {@code work/app}, which it returns. */
    public static Path extract(Path jar, Path work) throws Exception {
        Path copy = work.resolve("app.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        Path extracted = work.resolve("extracted");
        run(
                work,
                work.resolve("extract.log"),
                List.of(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        copy.toString(),
                        "extract",
                        "--layers",
                        "--destination",
                        extracted.toString()));
        Path app = Files.createDirectories(work.resolve("app"));
        for (String layer : LAYERS) {
            assertThat(extracted.resolve(layer)).isDirectory();
            copyTree(extracted.resolve(layer), app);
        }
        assertThat(app.resolve("app.jar")).isRegularFile();
        assertThat(app.resolve("lib")).isDirectory();
        return app;
    }

    /**
     * The training run of the Dockerfile: the context refreshed once without a database or Elasticsearch,
     * then the JVM archives the classes it loaded into {@code app/app.jsa}.
     */
    public static void train(Path app) throws Exception {
        run(
                app,
                app.resolve("training.log"),
                List.of(
                        java(),
                        "-XX:ArchiveClassesAtExit=" + ARCHIVE,
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        "app.jar",
                        "--servicedesk.embedded.enabled=false",
                        "--spring.flyway.enabled=false",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/training",
                        "--spring.datasource.username=training",
                        "--logging.level.root=warn"));
        assertThat(app.resolve(ARCHIVE)).isRegularFile();
    }

    /** The image's entry point, with {@code options} before {@code -jar} and {@code arguments} after it. */
    public static List<String> command(List<String> options, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        command.addAll(options);
        command.add("-jar");
        command.add("app.jar");
        command.addAll(arguments);
        return command;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(Path directory, Path log, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes:\n" + Files.readString(log));
        }
        assertThat(process.exitValue())
                .as("%s; log:%n%s", command, Files.readString(log))
                .isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
