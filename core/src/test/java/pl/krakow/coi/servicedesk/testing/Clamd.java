package pl.krakow.coi.servicedesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ClamAV daemon of the test's own (Debian's {@code clamav-daemon}, through {@link TestPrograms}), listening on
 * 127.0.0.1 at a free port. There is no freshclam in the tests (no internet), and clamd refuses to start without a
 * signature database, so it gets one of a single signature: {@value #SIGNATURE}, which finds the EICAR test string
 * ({@link #eicar()}) anywhere in a file. It runs as the current user (root in CI: its configuration names no
 * {@code User}, so it keeps the test's), in the foreground, logging to {@link #log()}.
 *
 * <pre>{@code
 * try (Clamd clamd = Clamd.start(tempDir)) { ... clamd.port() ... }
 * }</pre>
 *
 * {@link #stop()} and {@link #start()} stop it and start it again on the same port, for tests of a scanner that
 * is down for a while.
 */
public final class Clamd implements AutoCloseable {

    /** The name of the one signature, as the test database gives it. */
    public static final String SIGNATURE = "Eicar-Test-Signature";

    /** The name clamd reports for it: clamd marks signatures from a database it cannot verify as unofficial. */
    public static final String REPORTED_SIGNATURE = SIGNATURE + ".UNOFFICIAL";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path clamd;
    private final Path directory;
    private final int port;
    private Process process;

    private Clamd(Path clamd, Path directory, int port) {
        this.clamd = clamd;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Writes the database and the configuration into {@code directory} and starts clamd, returning once it
     * answers {@code PING}.
     *
     * @param extraConfiguration more {@code clamd.conf} lines, e.g. {@code "StreamMaxLength 1M"}
     */
    public static Clamd start(Path directory, String... extraConfiguration) {
        Path clamd = TestPrograms.require("clamd");
        try {
            Path database = Files.createDirectories(directory.resolve("database"));
            // A body signature (.ndb): name, any file type (0), any offset (*), the bytes in hex.
            Files.writeString(
                    database.resolve("test.ndb"),
                    SIGNATURE + ":0:*:" + HexFormat.of().formatHex(eicar()) + "\n",
                    StandardCharsets.US_ASCII);
            Clamd daemon = new Clamd(clamd, directory, freePort());
            List<String> configuration = new ArrayList<>(List.of(
                    "Foreground yes",
                    "TCPAddr 127.0.0.1",
                    "TCPSocket " + daemon.port,
                    "DatabaseDirectory " + database,
                    "LogFile " + daemon.log(),
                    "LogTime yes",
                    "PidFile " + directory.resolve("clamd.pid")));
            configuration.addAll(List.of(extraConfiguration));
            Files.write(directory.resolve("clamd.conf"), configuration, StandardCharsets.US_ASCII);
            daemon.start();
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts clamd (again, on the same port) and waits until it answers {@code PING}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(clamd.toString(), "--config-file=" + directory.resolve("clamd.conf"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve("clamd.out").toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!"PONG".equals(ping())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not answer PING in " + STARTUP : "exited " + process.exitValue();
                process.destroyForcibly();
                throw new IllegalStateException("clamd " + why + "; its output: " + read(directory.resolve("clamd.out"))
                        + "; its log: " + read(log()));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops clamd (SIGTERM, then SIGKILL after 10 s); it no longer accepts connections on its port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** clamd's log file: one line per scan with what it found. */
    public Path log() {
        return directory.resolve("clamd.log");
    }

    /**
     * The 68 bytes of the EICAR anti-virus test file, which every scanner treats as a virus and which is harmless.
     * Put together here so that no source or class file holds it whole (a developer's own scanner would quarantine
     * it).
     */
    public static byte[] eicar() {
        String first = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$";
        String second = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        return (first + second).getBytes(StandardCharsets.US_ASCII);
    }

    /** clamd's answer to {@code zPING}, or null when it does not answer. */
    private String ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("\0", "");
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
