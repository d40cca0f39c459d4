package pl.krakow.coi.servicedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries of the whole application (all Maven modules), as ADR 0078 states them: every
 * package directly under {@code pl.krakow.coi.servicedesk} is an application module, used by others only
 * through its API (its top-level package and the named interfaces its package-info declares), with no
 * cycles and only the dependencies its package-info allows. Also keeps the generated module documentation
 * in {@code docs/modules/} current.
 */
class ModularityTests {

    /** Refreshes {@code docs/modules/} instead of comparing with it. */
    static final String UPDATE_PROPERTY = "modulith.docs.update";

    static final String REFRESH_COMMAND = "./mvnw -o -B -ntp test -pl app -am -Dtest=ModularityTests"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    /**
     * Main code only: the test classes, whether of this module or of the test jars of core and reporting
     * on the classpath, are no module's part.
     */
    static final ApplicationModules MODULES = ApplicationModules.of(
            "pl.krakow.coi.servicedesk",
            location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.matches(TEST_JAR));

    @Test
    void everyTopLevelPackageIsAModule() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder(
                        "app",
                        "attachment",
                        "catalogue",
                        "cmdb",
                        "embedded",
                        "ingest",
                        "licence",
                        "notification",
                        "organisation",
                        "outbox",
                        "people",
                        "platform",
                        "reporting",
                        "routing",
                        "search",
                        "sla",
                        "text",
                        "ticket");
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirApiAndOneWay() {
        MODULES.verify();
    }

    @Test
    void ticketsDependOnNoCapabilityBuiltOnThem() {
        ApplicationModule ticket = MODULES.getModuleByName("ticket").orElseThrow();
        assertThat(ticket.getDirectDependencies(MODULES)
                        .uniqueModules()
                        .map(module -> module.getIdentifier().toString()))
                .doesNotContain("routing", "sla", "search", "cmdb", "licence", "ingest", "reporting", "app");
    }

    @Test
    void theModuleDocumentationIsCurrent() throws IOException {
        Path generated = Path.of("target", "spring-modulith-docs").toAbsolutePath();
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeDocumentation();
        Path committed = repositoryRoot().resolve("docs").resolve("modules");
        Map<String, String> expected = read(generated);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            for (String name : read(committed).keySet()) {
                Files.delete(committed.resolve(name));
            }
            for (Map.Entry<String, String> file : expected.entrySet()) {
                Files.createDirectories(committed.resolve(file.getKey()).getParent());
                Files.writeString(committed.resolve(file.getKey()), file.getValue());
            }
        }
        Map<String, String> actual = read(committed);
        List<String> stale = new ArrayList<>();
        for (String name : union(expected, actual)) {
            if (expected.containsKey(name) != actual.containsKey(name)
                    || !lines(expected.get(name)).equals(lines(actual.get(name)))) {
                stale.add(name);
            }
        }
        assertThat(stale)
                .as(
                        "docs/modules/ differs from what the modules generate (%s);" + " refresh it with: %s",
                        generated, REFRESH_COMMAND)
                .isEmpty();
    }

    /** The generated files below {@code folder} by relative path; the hand-written README is not one. */
    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals("README.md"))
                    .forEach(path -> files.put(folder.relativize(path).toString(), content(path)));
        }
        return files;
    }

    private static String content(Path path) {
        try {
            // Compared without regard to line endings: a checkout on Windows may convert them.
            return Files.readString(path).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file's lines in sorted order: the generator writes the relations of a diagram and the items of a
     * canvas in an order that changes from run to run, so only what is there counts, not where. The first item of a
     * canvas cell carries the cell's {@code |}, and which item comes first changes too: the mark is dropped.
     */
    private static List<String> lines(String content) {
        return content == null
                ? List.of()
                : content.lines()
                        .map(line -> line.startsWith("|* ") ? line.substring(1) : line)
                        .sorted()
                        .toList();
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return List.copyOf(all.keySet());
    }

    /** The checkout's root: the tests run in the app module's folder, the docs are beside it. */
    private static Path repositoryRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isDirectory(folder.resolve("docs").resolve("adr"))) {
            folder = folder.getParent();
        }
        assertThat(folder).as("no docs/adr above the working directory").isNotNull();
        return folder;
    }
}
