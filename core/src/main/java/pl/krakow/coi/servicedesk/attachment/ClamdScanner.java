package pl.krakow.coi.servicedesk.attachment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VirusScanner} that streams the file to a ClamAV daemon over TCP: clamd's {@code zINSTREAM} command, the
 * content in chunks each preceded by its length (4 bytes, big-endian), a zero length at the end; clamd answers
 * {@code stream: OK}, {@code stream: <signature> FOUND}, or an error. One connection per scan, as clamd closes it
 * after each command.
 *
 * <p>Everything that is not one of the two verdicts gives no verdict ({@link ScannerUnavailable}), so the file keeps
 * waiting: clamd down or silent for longer than the read timeout, an error answer, and a file longer than clamd's
 * {@code StreamMaxLength} ({@code INSTREAM size limit exceeded}), which clamd refuses without scanning it. A file
 * clamd did not scan is never passed as clean; the operator raises {@code StreamMaxLength} to at least the largest
 * attachment allowed, and the waiting files are scanned on the next try (docs/attachments.md).
 *
 * <p>Each scan is timed in {@code servicedesk.attachments.scans}, tagged by {@code verdict}: {@code clean},
 * {@code infected}, {@code too-large} or {@code unavailable}.
 */
final class ClamdScanner implements VirusScanner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClamdScanner.class);

    /** The longest answer read from clamd; its answers are one short line. */
    private static final int MAX_REPLY = 4096;

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "zVERSION\0".getBytes(StandardCharsets.US_ASCII);
    private static final String SIZE_LIMIT = "size limit exceeded";

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int chunkSize;
    private final Timer clean;
    private final Timer infected;
    private final Timer tooLarge;
    private final Timer unavailable;

    /**
     * Closes the socket of a write clamd has not taken within the read timeout: a blocked socket write has no
     * timeout of its own, and a clamd that accepts and stops reading would hold the scan for ever.
     */
    private final ScheduledExecutorService watchdog;

    ClamdScanner(ClamdProperties properties, MeterRegistry registry) {
        this.address = InetSocketAddress.createUnresolved(properties.host(), properties.port());
        this.connectTimeoutMillis = Math.toIntExact(properties.connectTimeout().toMillis());
        this.readTimeoutMillis = Math.toIntExact(properties.readTimeout().toMillis());
        this.chunkSize = Math.toIntExact(properties.chunkSize().toBytes());
        this.clean = timer(registry, "clean");
        this.infected = timer(registry, "infected");
        this.tooLarge = timer(registry, "too-large");
        this.unavailable = timer(registry, "unavailable");
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "clamd-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // One alarm per chunk, nearly all cancelled: they must not wait in the queue for their time.
        watchdog.setRemoveOnCancelPolicy(true);
        this.watchdog = watchdog;
    }

    private static Timer timer(MeterRegistry registry, String verdict) {
        return Timer.builder("servicedesk.attachments.scans")
                .description("Attachments scanned by clamd, by verdict (too-large and unavailable: no verdict yet,"
                        + " the file waits)")
                .tag("verdict", verdict)
                .register(registry);
    }

    @Override
    public Verdict scan(InputStream content) throws ScannerUnavailable {
        long started = System.nanoTime();
        Timer outcome = unavailable;
        try {
            Verdict verdict = instream(content);
            outcome = verdict.infected() ? infected : clean;
            return verdict;
        } catch (TooLarge e) {
            outcome = tooLarge;
            log.warn(
                    "clamd at {} refused a file longer than its StreamMaxLength; the file waits until the limit is"
                            + " raised to at least the largest attachment allowed",
                    address);
            throw new ScannerUnavailable(e.getMessage(), e);
        } finally {
            outcome.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Verdict instream(InputStream content) throws ScannerUnavailable, TooLarge {
        try (Socket socket = connect()) {
            AtomicBoolean stalled = new AtomicBoolean();
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[4 + chunkSize];
            try {
                write(socket, out, INSTREAM, INSTREAM.length, stalled);
                int length;
                do {
                    length = readChunk(content, chunk);
                    putLength(chunk, length);
                    // The last write is the zero length that ends the stream.
                    write(socket, out, chunk, 4 + length, stalled);
                } while (length > 0);
            } catch (IOException e) {
                if (stalled.get()) {
                    throw unavailable("clamd took no data for " + readTimeoutMillis + " ms", e);
                }
                // clamd answers a stream longer than its StreamMaxLength at once and closes the connection, so the
                // write fails; its answer may still be readable.
                String reply = replyAfterFailedWrite(socket);
                if (reply != null && reply.contains(SIZE_LIMIT)) {
                    throw new TooLarge(reply);
                }
                throw unavailable(
                        "clamd closed the connection while taking the file" + (reply == null ? "" : ": " + reply), e);
            }
            return verdict(reply(socket));
        } catch (ContentUnreadable e) {
            throw unavailable("the file could not be read to be scanned", e.getCause());
        } catch (SocketTimeoutException e) {
            throw unavailable("clamd gave no answer within " + readTimeoutMillis + " ms", e);
        } catch (IOException e) {
            throw unavailable("clamd cannot be reached: " + e, e);
        }
    }

    private Verdict verdict(String reply) throws ScannerUnavailable, TooLarge {
        if (reply.equals("stream: OK")) {
            return Verdict.clean();
        }
        if (reply.startsWith("stream: ") && reply.endsWith(" FOUND")) {
            return Verdict.infected(reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
        }
        if (reply.contains(SIZE_LIMIT)) {
            throw new TooLarge(reply);
        }
        throw unavailable("clamd gave no verdict: " + reply, null);
    }

    /**
     * Answers {@code PONG} when clamd is up and has loaded its signatures.
     *
     * @throws ScannerUnavailable when it cannot be reached or does not answer in time
     */
    String ping() throws ScannerUnavailable {
        return command(PING);
    }

    /** clamd's version, and that of its signature database (e.g. {@code ClamAV 1.4.6/27000/Mon Dec 7 ...}). */
    String version() throws ScannerUnavailable {
        return command(VERSION);
    }

    /** Where clamd is expected, as configured. */
    String address() {
        return address.getHostString() + ":" + address.getPort();
    }

    private String command(byte[] command) throws ScannerUnavailable {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(command);
            socket.getOutputStream().flush();
            return reply(socket);
        } catch (SocketTimeoutException e) {
            throw unavailable("clamd gave no answer within " + readTimeoutMillis + " ms", e);
        } catch (IOException e) {
            throw unavailable("clamd cannot be reached: " + e, e);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            // Resolved at each scan: clamd may move (a Kubernetes service, a DNS change).
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void write(Socket socket, OutputStream out, byte[] bytes, int length, AtomicBoolean stalled)
            throws IOException {
        ScheduledFuture<?> alarm = watchdog.schedule(
                () -> {
                    stalled.set(true);
                    closeQuietly(socket);
                },
                readTimeoutMillis,
                TimeUnit.MILLISECONDS);
        try {
            out.write(bytes, 0, length);
            out.flush();
        } finally {
            alarm.cancel(false);
        }
    }

    /** Fills the chunk after its 4 length bytes; fewer bytes only at the end of the content, 0 past it. */
    private int readChunk(InputStream content, byte[] chunk) throws ContentUnreadable {
        try {
            return content.readNBytes(chunk, 4, chunkSize);
        } catch (IOException e) {
            throw new ContentUnreadable(e);
        }
    }

    private static void putLength(byte[] chunk, int length) {
        chunk[0] = (byte) (length >>> 24);
        chunk[1] = (byte) (length >>> 16);
        chunk[2] = (byte) (length >>> 8);
        chunk[3] = (byte) length;
    }

    /** clamd's answer: its bytes up to the terminating NUL (or the end of the connection), without it. */
    private static String reply(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < MAX_REPLY) {
            reply.write(b);
        }
        if (b < 0 && reply.size() == 0) {
            throw new IOException("clamd closed the connection without an answer");
        }
        return reply.toString(StandardCharsets.UTF_8).strip();
    }

    private String replyAfterFailedWrite(Socket socket) {
        if (socket.isClosed()) {
            return null;
        }
        try {
            return reply(socket);
        } catch (IOException e) {
            return null;
        }
    }

    private ScannerUnavailable unavailable(String reason, Throwable cause) {
        return new ScannerUnavailable("No verdict from clamd at " + address() + ": " + reason, cause);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all the watchdog can do; the blocked write fails either way.
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    @Override
    public String toString() {
        return "clamd at " + address();
    }

    /** clamd refused the stream as longer than its {@code StreamMaxLength}. */
    private static final class TooLarge extends Exception {
        TooLarge(String reply) {
            super("the file is longer than clamd's StreamMaxLength (clamd answered: " + reply + ")");
        }
    }

    /** The content's own stream failed: no fault of clamd's. */
    private static final class ContentUnreadable extends Exception {
        ContentUnreadable(IOException cause) {
            super(cause);
        }
    }
}
