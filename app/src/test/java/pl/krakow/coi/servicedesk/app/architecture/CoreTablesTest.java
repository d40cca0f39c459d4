package pl.krakow.coi.servicedesk.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tables core's Flyway migrations create belong to core (ADR 0080): ingest and reporting change them only
 * through core's API. This test reads the table names from core's migrations and scans the main sources and
 * migrations of ingest and reporting for a statement that writes one of them ({@code INSERT INTO},
 * {@code UPDATE … SET}, {@code DELETE FROM}, {@code TRUNCATE}, {@code MERGE INTO}, {@code COPY … FROM},
 * {@code ALTER TABLE}), naming the file and line of each.
 */
class CoreTablesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path CORE_MIGRATIONS = ROOT.resolve("core/src/main/resources/db/migration");
    static final List<String> OTHER_MODULES = List.of("ingest", "reporting");

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:\\w+\\.)?\"?(\\w+)\"?",
            Pattern.CASE_INSENSITIVE);

    /** A statement that writes the table in group 1 (or, for TRUNCATE, the list of tables). */
    private static final List<Pattern> WRITES = Stream.of(
                    "\\bINSERT\\s+INTO\\s+(?:ONLY\\s+)?(?:\\w+\\.)?\"?(\\w+)",
                    "\\bUPDATE\\s+(?:ONLY\\s+)?(?:\\w+\\.)?\"?(\\w+)\"?(?:\\s+(?:AS\\s+)?\\w+)?\\s+SET\\b",
                    "\\bDELETE\\s+FROM\\s+(?:ONLY\\s+)?(?:\\w+\\.)?\"?(\\w+)",
                    "\\bTRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?((?:(?:\\w+\\.)?\"?\\w+\"?\\s*,\\s*)*(?:\\w+\\.)?\"?\\w+)",
                    "\\bMERGE\\s+INTO\\s+(?:ONLY\\s+)?(?:\\w+\\.)?\"?(\\w+)",
                    "\\bCOPY\\s+(?:\\w+\\.)?\"?(\\w+)\"?\\s*(?:\\([^)]*\\))?\\s*FROM\\b",
                    "\\bALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:\\w+\\.)?\"?(\\w+)")
            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE))
            .toList();

    @Test
    void ingestAndReportingWriteNoTableOfCore() {
        Set<String> coreTables = coreTables();
        assertThat(coreTables).as("tables created by core's migrations").contains("configuration_item", "ticket");
        List<String> violations = new ArrayList<>();
        for (String module : OTHER_MODULES) {
            for (Path root : List.of(
                    ROOT.resolve(module).resolve("src/main/java"),
                    ROOT.resolve(module).resolve("src/main/resources/db/migration"))) {
                files(root).forEach(file -> violations.addAll(writes(file, coreTables)));
            }
        }
        assertThat(violations)
                .as("statements in ingest and reporting that write a table of core (use core's API instead)")
                .isEmpty();
    }

    @Test
    void theScanFindsEveryKindOfWrite() {
        Set<String> tables = Set.of("configuration_item", "ci_event", "ticket");
        String source = """
                class X {
                    String a = "INSERT INTO ci_event (ci_id) VALUES (?)";
                    String b = \"""
                        UPDATE configuration_item c
                            SET name = ?
                        \""";
                    String c = "DELETE FROM ticket WHERE id = ?";
                    String d = "TRUNCATE agent_device, public.ticket";
                    String e = "MERGE INTO ticket t USING x";
                    String f = "COPY ticket (id, title) FROM STDIN";
                    String g = "ALTER TABLE ci_event ADD COLUMN x int";
                    String h = "INSERT INTO agent_device SELECT * FROM ticket";
                    String i = "UPDATE agent_device SET ci_id = (SELECT id FROM configuration_item)";
                    // update the ticket, set its title: prose, not a statement of its own
                }
                """;
        assertThat(writes(Path.of("X.java"), source, tables))
                .containsExactly(
                        "X.java:2: INSERT INTO ci_event",
                        "X.java:4: UPDATE configuration_item",
                        "X.java:7: DELETE FROM ticket",
                        "X.java:8: TRUNCATE public.ticket",
                        "X.java:9: MERGE INTO ticket",
                        "X.java:10: COPY ticket",
                        "X.java:11: ALTER TABLE ci_event");
    }

    static Set<String> coreTables() {
        Set<String> tables = new TreeSet<>();
        files(CORE_MIGRATIONS).filter(file -> file.toString().endsWith(".sql")).forEach(file -> {
            Matcher matcher = CREATE_TABLE.matcher(read(file));
            while (matcher.find()) {
                tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        });
        return tables;
    }

    static List<String> writes(Path file, Set<String> tables) {
        return writes(ROOT.relativize(file), read(file), tables);
    }

    /** "file:line: STATEMENT table" for each write of one of {@code tables} in {@code text}. */
    static List<String> writes(Path file, String text, Set<String> tables) {
        List<String> found = new ArrayList<>();
        for (Pattern pattern : WRITES) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String statement = matcher.group().split("\\s+")[0].toUpperCase(Locale.ROOT);
                for (String named : matcher.group(1).split("\\s*,\\s*")) {
                    String table = named.replace("\"", "");
                    String bare = table.substring(table.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                    if (tables.contains(bare)) {
                        found.add(String.format(
                                "%s:%d: %s %s", file, line(text, matcher.start()), keyword(statement), table));
                    }
                }
            }
        }
        found.sort((a, b) -> Integer.compare(lineOf(a), lineOf(b)));
        return found;
    }

    private static String keyword(String first) {
        return switch (first) {
            case "INSERT" -> "INSERT INTO";
            case "DELETE" -> "DELETE FROM";
            case "MERGE" -> "MERGE INTO";
            case "ALTER" -> "ALTER TABLE";
            default -> first;
        };
    }

    private static int lineOf(String violation) {
        String[] parts = violation.split(":");
        return Integer.parseInt(parts[1]);
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Stream<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk
                    .filter(Files::isRegularFile)
                    .filter(file ->
                            file.toString().endsWith(".java") || file.toString().endsWith(".sql"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
