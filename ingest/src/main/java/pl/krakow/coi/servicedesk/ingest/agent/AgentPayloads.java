package pl.krakow.coi.servicedesk.ingest.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * The envelope of agent messages: zlib ({@code application/x-compress-zlib}), gzip
 * ({@code application/x-compress-gzip}) or plain, recognised by their first bytes as the agents do; the
 * answer goes back in the same envelope.
 */
final class AgentPayloads {

    enum Encoding {
        ZLIB("application/x-compress-zlib"),
        GZIP("application/x-compress-gzip"),
        PLAIN(null);

        final String contentType;

        Encoding(String contentType) {
            this.contentType = contentType;
        }
    }

    record Decoded(Encoding encoding, byte[] content) {}

    private AgentPayloads() {}

    static Decoded decode(byte[] body, long maxInflated) {
        if (body.length >= 2 && (body[0] & 0xFF) == 0x78 && ((body[0] & 0xFF) * 256 + (body[1] & 0xFF)) % 31 == 0) {
            return new Decoded(Encoding.ZLIB, inflate(body, maxInflated));
        }
        if (body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B) {
            return new Decoded(Encoding.GZIP, gunzip(body, maxInflated));
        }
        return new Decoded(Encoding.PLAIN, body);
    }

    static byte[] encode(Encoding encoding, byte[] content) {
        try {
            return switch (encoding) {
                case ZLIB -> {
                    Deflater deflater = new Deflater();
                    deflater.setInput(content);
                    deflater.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    while (!deflater.finished()) {
                        out.write(buffer, 0, deflater.deflate(buffer));
                    }
                    deflater.end();
                    yield out.toByteArray();
                }
                case GZIP -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                        gzip.write(content);
                    }
                    yield out.toByteArray();
                }
                case PLAIN -> content;
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] inflate(byte[] body, long max) {
        Inflater inflater = new Inflater();
        inflater.setInput(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw malformed("the zlib stream is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw tooLarge(max);
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw malformed("the zlib stream is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static byte[] gunzip(byte[] body, long max) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw tooLarge(max);
                }
            }
            return out.toByteArray();
        } catch (ZipException e) {
            throw malformed("the gzip stream is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw malformed("the gzip stream is truncated (" + e.getMessage() + ")");
        }
    }

    static ServiceDeskException malformed(String detail) {
        return ServiceDeskException.invalid("malformed-inventory", "The agent's message cannot be read: " + detail);
    }

    static ServiceDeskException tooLarge(long max) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.PAYLOAD_TOO_LARGE,
                "inventory-too-large",
                "Inventory too large",
                "The agent's message is larger than " + max + " bytes",
                Map.of("maxBytes", max));
    }
}
