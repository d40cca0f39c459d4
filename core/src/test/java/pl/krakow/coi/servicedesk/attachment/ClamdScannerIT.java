package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;
import pl.krakow.coi.servicedesk.attachment.VirusScanner.ScannerUnavailable;
import pl.krakow.coi.servicedesk.attachment.VirusScanner.Verdict;
import pl.krakow.coi.servicedesk.testing.Clamd;
import pl.krakow.coi.servicedesk.testing.NeedsOutsidePrograms;

/**
 * {@link ClamdScanner} against a real ClamAV daemon (Debian's clamav-daemon, started by the test with a database of
 * one signature for the EICAR test string), and against servers that misbehave.
 */
@NeedsOutsidePrograms
class ClamdScannerIT {

    /** clamd's limit on one stream; the shared daemon scans whole files up to it. */
    static final int STREAM_MAX_MB = 32;

    static Clamd clamd;

    final MeterRegistry registry = new SimpleMeterRegistry();
    final List<ClamdScanner> scanners = new ArrayList<>();

    @BeforeAll
    static void startClamd(@TempDir Path directory) {
        long started = System.nanoTime();
        clamd = Clamd.start(
                directory,
                "StreamMaxLength " + STREAM_MAX_MB + "M",
                "MaxFileSize " + STREAM_MAX_MB + "M",
                "MaxScanSize " + STREAM_MAX_MB + "M",
                // A file beyond a limit is reported as found, not passed as clean (docs/attachments.md).
                "AlertExceedsMax yes");
        System.out.printf(
                "clamd answered PING %d ms after it was started%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    @AfterEach
    void closeScanners() {
        scanners.forEach(ClamdScanner::close);
    }

    @Test
    void aCleanFileIsClean() throws Exception {
        Verdict verdict = scanner(clamd.port()).scan(bytes("A screenshot of an error, or so it says.\n"));

        assertThat(verdict).isEqualTo(Verdict.clean());
        assertThat(count("clean")).isEqualTo(1);
    }

    @Test
    void theEicarTestFileIsInfectedAndNamed() throws Exception {
        Verdict verdict = scanner(clamd.port()).scan(new ByteArrayInputStream(Clamd.eicar()));

        assertThat(verdict.infected()).isTrue();
        assertThat(verdict.signature()).isEqualTo(Clamd.REPORTED_SIGNATURE);
        assertThat(count("infected")).isEqualTo(1);
        assertThat(Files.readString(clamd.log())).contains(Clamd.REPORTED_SIGNATURE + " FOUND");
    }

    @Test
    void anEmptyFileIsClean() throws Exception {
        assertThat(scanner(clamd.port()).scan(InputStream.nullInputStream())).isEqualTo(Verdict.clean());
    }

    /** 30 MB streamed in 64 KB chunks, read from a generator: nothing holds the file whole. */
    @Test
    void aLargeFileIsStreamedInChunksAndScannedToItsEnd() throws Exception {
        long size = 30L * 1024 * 1024;
        ClamdScanner scanner = scanner(clamd.port());

        assertThat(scanner.scan(randomBytes(size, 1))).isEqualTo(Verdict.clean());
        Verdict atTheEnd = scanner.scan(new SequenceInputStream(
                randomBytes(size - Clamd.eicar().length, 2), new ByteArrayInputStream(Clamd.eicar())));
        assertThat(atTheEnd.infected()).as("EICAR in the last bytes of 30 MB").isTrue();
    }

    @Test
    void aFileLongerThanClamdsStreamMaxLengthGetsNoVerdict() {
        ClamdScanner scanner = scanner(clamd.port());

        assertThatThrownBy(() -> scanner.scan(randomBytes((STREAM_MAX_MB + 8L) * 1024 * 1024, 3)))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("StreamMaxLength")
                .hasMessageContaining("size limit exceeded");
        assertThat(count("too-large")).isEqualTo(1);
        assertThat(count("clean")).isZero();
    }

    /** Without {@code AlertExceedsMax yes} clamd answers OK for a file it skipped; with it the file is held. */
    @Test
    void aFileBeyondClamdsScanLimitIsFoundWhenAlertExceedsMaxIsOn(@TempDir Path directory) throws Exception {
        try (Clamd small = Clamd.start(directory, "StreamMaxLength 8M", "MaxFileSize 1M", "AlertExceedsMax yes")) {
            Verdict verdict = scanner(small.port()).scan(randomBytes(2 * 1024 * 1024, 4));

            assertThat(verdict).isEqualTo(Verdict.infected("Heuristics.Limits.Exceeded.MaxFileSize"));
        }
    }

    /** Chunk boundaries fall anywhere in the EICAR string: the stream clamd puts together is the file. */
    @Test
    void theTestStringIsFoundAtAnyOffsetAcrossChunkBoundaries() {
        ClamdScanner scanner = scanner(clamd.port(), DataSize.ofBytes(50), Duration.ofSeconds(10));
        qt().withExamples(40)
                .forAll(integers().between(0, 400), longs().all(), booleans().all())
                .checkAssert((offset, seed, withEicar) -> {
                    byte[] file = new byte[offset + Clamd.eicar().length + 37];
                    new Random(seed).nextBytes(file);
                    if (withEicar) {
                        System.arraycopy(Clamd.eicar(), 0, file, offset, Clamd.eicar().length);
                    }
                    try {
                        assertThat(scanner.scan(new ByteArrayInputStream(file)).infected())
                                .isEqualTo(withEicar);
                    } catch (ScannerUnavailable e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void clamdDownGivesNoVerdictAndUpAgainScans(@TempDir Path directory) throws Exception {
        try (Clamd own = Clamd.start(directory)) {
            ClamdScanner scanner = scanner(own.port());
            own.stop();

            assertThatThrownBy(() -> scanner.scan(new ByteArrayInputStream(Clamd.eicar())))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("cannot be reached");
            assertThat(health(scanner).getStatus()).isEqualTo(Status.DOWN);
            assertThat(count("unavailable")).isEqualTo(1);

            long started = System.nanoTime();
            own.start();
            System.out.printf("clamd restarted in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(scanner.scan(new ByteArrayInputStream(Clamd.eicar())).infected())
                    .isTrue();
        }
    }

    @Test
    void theHealthIndicatorNamesClamdsVersion() {
        Health health = health(scanner(clamd.port()));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("address", "127.0.0.1:" + clamd.port());
        assertThat((String) health.getDetails().get("version")).startsWith("ClamAV 1.");
    }

    /** A server that takes the connection and the file but never answers: the read timeout ends the wait. */
    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (SilentServer silent = new SilentServer(true)) {
            ClamdScanner scanner = scanner(silent.port(), DataSize.ofKilobytes(64), Duration.ofMillis(500));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(bytes("small")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("no answer within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A server that takes the connection and reads nothing: the blocked write is ended too. */
    @Test
    void aServerThatStopsReadingTimesOut() throws Exception {
        try (SilentServer silent = new SilentServer(false)) {
            ClamdScanner scanner = scanner(silent.port(), DataSize.ofKilobytes(64), Duration.ofMillis(500));
            long started = System.nanoTime();

            assertThatThrownBy(() -> scanner.scan(randomBytes(64L * 1024 * 1024, 5)))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("took no data for 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anErrorAnswerGivesNoVerdict() throws Exception {
        try (AnsweringServer server = new AnsweringServer("stream: Can't allocate memory ERROR\0")) {
            assertThatThrownBy(() -> scanner(server.port()).scan(bytes("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("gave no verdict: stream: Can't allocate memory ERROR");
        }
        try (AnsweringServer server = new AnsweringServer("")) {
            assertThatThrownBy(() -> scanner(server.port()).scan(bytes("x")))
                    .isInstanceOf(ScannerUnavailable.class)
                    .hasMessageContaining("without an answer");
        }
    }

    @Test
    void aFileThatCannotBeReadGivesNoVerdict() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the storage went away");
            }
        };

        assertThatThrownBy(() -> scanner(clamd.port()).scan(broken))
                .isInstanceOf(ScannerUnavailable.class)
                .hasMessageContaining("could not be read")
                .hasRootCauseMessage("the storage went away");
    }

    ClamdScanner scanner(int port) {
        return scanner(port, DataSize.ofKilobytes(64), Duration.ofSeconds(30));
    }

    ClamdScanner scanner(int port, DataSize chunk, Duration readTimeout) {
        ClamdScanner scanner = new ClamdScanner(
                new ClamdProperties("127.0.0.1", port, Duration.ofSeconds(2), readTimeout, chunk), registry);
        scanners.add(scanner);
        return scanner;
    }

    long count(String verdict) {
        return registry.get("servicedesk.attachments.scans")
                .tag("verdict", verdict)
                .timer()
                .count();
    }

    static Health health(ClamdScanner scanner) {
        return new ClamdHealthIndicator(scanner).health(true);
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code size} pseudo-random bytes, made as they are read. */
    static InputStream randomBytes(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] part = new byte[n];
                random.nextBytes(part);
                System.arraycopy(part, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    static void daemon(Runnable task) {
        Thread thread = new Thread(task, "fake-clamd");
        thread.setDaemon(true);
        thread.start();
    }

    /** Accepts connections and never answers; reads and discards what comes, or reads nothing at all. */
    static final class SilentServer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> accepted = new ArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        SilentServer(boolean reads) throws IOException {
            server = new ServerSocket();
            // A small window, so that a writer fills it soon.
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            daemon(() -> {
                try {
                    while (!server.isClosed()) {
                        Socket socket = server.accept();
                        synchronized (accepted) {
                            accepted.add(socket);
                        }
                        if (reads) {
                            daemon(() -> {
                                try {
                                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                                    closed.await(1, TimeUnit.MINUTES);
                                } catch (IOException | InterruptedException ignored) {
                                    // The test is over.
                                }
                            });
                        }
                    }
                } catch (IOException ignored) {
                    // Closed by the test.
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            server.close();
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    /** Reads the command and the stream up to its zero length, then answers {@code answer} and closes. */
    static final class AnsweringServer implements AutoCloseable {
        final ServerSocket server;

        AnsweringServer(String answer) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        DataInputStream in = new DataInputStream(socket.getInputStream());
                        while (in.readByte() != 0) {
                            // the command, up to its NUL
                        }
                        int length;
                        while ((length = in.readInt()) > 0) {
                            in.skipNBytes(length);
                        }
                        socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException ignored) {
                        // Closed by the test, or the client went away.
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
