package pl.krakow.coi.servicedesk.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process of the embedded stack: its output goes to a log file, its pid (with its start
 * time, so that a recycled pid is never mistaken for it) to a pid file.
 */
final class ChildProcess {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    /**
     * Children are spawned from one thread that lives as long as the JVM: the kernel delivers the
     * parent-death signal when the spawning thread ends, not only when the process does.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-stack-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ChildProcess launch(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile,
            Path pidFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = SPAWNER.submit(builder::start).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new EmbeddedStackException(
                    "Cannot start " + name + " (" + String.join(" ", command) + "): "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStackException("Interrupted while starting " + name, e);
        } catch (TimeoutException e) {
            throw new EmbeddedStackException("Timed out spawning " + name, e);
        }
        ChildProcess child = new ChildProcess(name, process, logFile, pidFile);
        ProcessRecord.of(process.toHandle()).write(pidFile);
        log.debug("Started {} as pid {}: {}", name, process.pid(), command);
        return child;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path logFile() {
        return logFile;
    }

    /** The last lines of the process's output, for error messages. */
    String tail(int lines) {
        try {
            Deque<String> last = new ArrayDeque<>();
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return String.join(System.lineSeparator(), last);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Asks the process to stop with {@code signal}, waits up to {@code grace}, then kills it and
     * its descendants.
     */
    void stop(String signal, Duration grace) {
        if (process.isAlive()) {
            signal(process.pid(), signal);
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} (pid {}) did not stop within {}; killing it", name, process.pid(), grace);
                    killTree(process.toHandle());
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(process.toHandle());
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.debug("Cannot delete {}", pidFile, e);
        }
    }

    static void signal(long pid, String signal) {
        if ("TERM".equals(signal)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            return;
        }
        try {
            // The shell's own kill: /bin/kill comes with procps, which a minimal Debian lacks.
            Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + pid)
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void killTree(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
    }

    /** A pid with the start time of its process: identifies the process even if the pid is reused later. */
    record ProcessRecord(long pid, long startMillis) {

        static ProcessRecord of(ProcessHandle handle) {
            return new ProcessRecord(
                    handle.pid(),
                    handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        }

        static ProcessRecord current() {
            return of(ProcessHandle.current());
        }

        static Optional<ProcessRecord> read(Path file) {
            try {
                String[] parts = Files.readString(file).trim().split("\\s+");
                return Optional.of(new ProcessRecord(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        void write(Path file) {
            try {
                Files.writeString(file, pid + " " + startMillis + System.lineSeparator());
            } catch (IOException e) {
                throw new EmbeddedStackException("Cannot write pid file " + file, e);
            }
        }

        /** The live process this record denotes, if it still runs (same pid and same start time). */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> startMillis == 0
                            || handle.info()
                                    .startInstant()
                                    .map(start -> Math.abs(start.toEpochMilli() - startMillis) < 2_000)
                                    .orElse(false));
        }
    }
}
