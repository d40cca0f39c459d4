package pl.krakow.coi.servicedesk.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStackOptions;

/**
 * The one embedded stack of this Maven run, shared by the integration tests of every module.
 *
 * <p>The stack is keyed by the Maven process (the parent of the forked test JVM): the first test JVM
 * spawns a {@link StackDaemon}; later ones, in this or other modules, find its coordinates and reuse
 * it. The daemon ends with Maven, so each Maven run starts its own stack, and two runs at once (or a
 * run next to the service started by the run command) never share ports or directories.
 */
public final class SharedStack {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static StackCoordinates coordinates;

    private SharedStack() {}

    public static synchronized StackCoordinates get() {
        if (coordinates == null
                || !ProcessHandle.of(coordinates.daemonPid())
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
            coordinates = attach();
        }
        return coordinates;
    }

    /**
     * The Maven process: the first ancestor that is not a shell (Surefire and Failsafe fork the test
     * JVM through {@code /bin/sh}, a different shell for each module).
     */
    static ProcessHandle owner() {
        ProcessHandle candidate = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        while (isShell(candidate)) {
            ProcessHandle next = candidate.parent().orElse(null);
            if (next == null || next.pid() <= 1) {
                break;
            }
            candidate = next;
        }
        return candidate;
    }

    private static boolean isShell(ProcessHandle process) {
        String command = process.info().command().orElse("");
        String name = command.substring(command.lastIndexOf('/') + 1);
        return List.of("sh", "bash", "dash", "zsh", "ash", "busybox").contains(name);
    }

    @SuppressWarnings("try") // the lock is held for the block, not referenced in it
    private static StackCoordinates attach() {
        ProcessHandle owner = owner();
        long ownerStart = owner.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Path shared = EmbeddedStackOptions.defaultBaseDirectory().resolve("shared");
        Path state = shared.resolve(owner.pid() + "-" + ownerStart);
        try {
            Files.createDirectories(state);
            clearFinished(shared, state);
            try (FileChannel channel = FileChannel.open(
                            state.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Path file = state.resolve(StackDaemon.COORDINATES);
                if (Files.exists(file)) {
                    StackCoordinates existing = StackCoordinates.read(file);
                    if (ProcessHandle.of(existing.daemonPid())
                            .map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        return existing;
                    }
                    Files.delete(file);
                }
                Files.deleteIfExists(state.resolve(StackDaemon.FAILURE));
                return spawnDaemon(owner, state);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot attach to the shared embedded stack in " + state + ": " + e, e);
        }
    }

    /** Removes state directories of earlier Maven runs (their owners are gone, so are their daemons). */
    private static void clearFinished(Path shared, Path current) throws IOException {
        try (var states = Files.list(shared)) {
            for (Path state : states.filter(Files::isDirectory)
                    .filter(dir -> !dir.equals(current))
                    .toList()) {
                String[] key = state.getFileName().toString().split("-");
                boolean alive = key.length == 2
                        && ProcessHandle.of(Long.parseLong(key[0]))
                                .flatMap(p -> p.info().startInstant())
                                .map(start -> start.toEpochMilli() == Long.parseLong(key[1]))
                                .orElse(false);
                if (!alive) {
                    try (var files = Files.list(state)) {
                        for (Path file : files.toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(state);
                }
            }
        } catch (NumberFormatException | IOException e) {
            // best effort: stale state directories only cost disk space
        }
    }

    private static StackCoordinates spawnDaemon(ProcessHandle owner, Path state) throws IOException {
        Path log = state.resolve("daemon.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath()));
        for (String property : List.of("servicedesk.embedded.repository", "maven.repo.local", "java.io.tmpdir")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add(StackDaemon.class.getName());
        command.add(Long.toString(owner.pid()));
        command.add(state.toString());
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Path file = state.resolve(StackDaemon.COORDINATES);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return StackCoordinates.read(file);
            }
            if (!daemon.isAlive()) {
                Path failure = state.resolve(StackDaemon.FAILURE);
                String reason = Files.exists(failure)
                        ? Files.readString(failure)
                        : "the stack daemon exited with code " + daemon.exitValue();
                throw new IllegalStateException("The embedded PostgreSQL + Elasticsearch stack did not start: "
                        + reason + System.lineSeparator() + "Daemon log: " + log + System.lineSeparator()
                        + tail(log));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedded stack", e);
            }
        }
        daemon.destroy();
        throw new IllegalStateException("The embedded stack did not start within " + START_TIMEOUT + "; see " + log);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The test class path, expanded when Surefire hands it over as a manifest-only jar. */
    static String classPath() throws IOException {
        String classPath = System.getProperty("java.class.path");
        String[] entries = classPath.split(java.io.File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries[0])) {
                Manifest manifest = jar.getManifest();
                String manifestPath =
                        manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    List<String> expanded = new ArrayList<>();
                    java.net.URI base =
                            Path.of(entries[0]).toAbsolutePath().getParent().toUri();
                    for (String url : manifestPath.trim().split("\\s+")) {
                        expanded.add(Path.of(base.resolve(url)).toString());
                    }
                    return String.join(java.io.File.pathSeparator, expanded);
                }
            }
        }
        return classPath;
    }
}
