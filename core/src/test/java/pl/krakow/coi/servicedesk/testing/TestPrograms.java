package pl.krakow.coi.servicedesk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The programs besides Java that some tests run (wrk, Chromium, the inventory agent, Alertmanager, clamd), asked for
 * through the repository's {@code bin/test-programs}, which holds their list: it answers the program's path,
 * installing the Debian package first when it is missing and the tests run as root; otherwise the test fails
 * with the script's one message, which names the command to run. {@code ./mvnw verify} runs the same script
 * before building any module, so in the whole suite this only finds what is already there.
 */
public final class TestPrograms {

    static final String SCRIPT = "bin/test-programs";
    private static final Map<String, Path> FOUND = new ConcurrentHashMap<>();

    private TestPrograms() {}

    /** The path of {@code program} (a name of {@code bin/test-programs}' list), installed first if needed. */
    public static synchronized Path require(String program) {
        return FOUND.computeIfAbsent(program, p -> {
            Answer answer = ask(List.of(p), Map.of());
            if (answer.exitCode() != 0) {
                throw new IllegalStateException(answer.output().strip());
            }
            List<String> lines = answer.output().strip().lines().toList();
            return Path.of(lines.get(lines.size() - 1));
        });
    }

    /** What {@code bin/test-programs} printed (standard output only) and how it exited. */
    public record Answer(int exitCode, String output) {}

    /**
     * Runs {@code bin/test-programs} with {@code programs} (none: all) and the extra environment, optionally as
     * another command's argument (e.g. {@code setpriv} to run it as an unprivileged user).
     */
    public static Answer ask(List<String> programs, Map<String, String> environment, String... prefix) {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.add("bash");
        command.add(script().toString());
        command.addAll(programs);
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Answer(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The script, found from the working directory (a module's or the repository's) upwards. */
    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                SCRIPT + " not found above " + Path.of("").toAbsolutePath() + ": run the tests in the repository");
    }
}
