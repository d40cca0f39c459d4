package pl.krakow.coi.servicedesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Attachments' content in PostgreSQL (ADR 0084), as rows of {@code attachment_chunk} of at most {@link #CHUNK}
 * bytes: an upload inserts each chunk as soon as it is read from the request, a download reads one chunk at a
 * time (each in a short query of its own, so a slow client holds no transaction open).
 */
@Component
class PostgresAttachmentStorage implements AttachmentStorage {

    static final int CHUNK = 1 << 20;

    private final JdbcClient jdbc;

    PostgresAttachmentStorage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long put(long id, InputStream content) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        int seq = 0;
        while (true) {
            int read = content.readNBytes(buffer, 0, CHUNK);
            if (read == 0) {
                return total;
            }
            byte[] data = read == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, read);
            jdbc.sql("INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES (:id, :seq, :data)")
                    .param("id", id)
                    .param("seq", seq++)
                    .param("data", data)
                    .update();
            total += read;
            if (read < CHUNK) {
                return total;
            }
        }
    }

    @Override
    public InputStream open(long id) {
        return new ChunkStream(id);
    }

    @Override
    public void delete(long id) {
        jdbc.sql("DELETE FROM attachment_chunk WHERE attachment_id = :id")
                .param("id", id)
                .update();
    }

    /** Reads the chunks in order, fetching the next one when the current one is used up. */
    private final class ChunkStream extends InputStream {

        private final long id;
        private int seq;
        private byte[] chunk = new byte[0];
        private int position;
        private boolean end;

        ChunkStream(long id) {
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        private boolean fill() {
            while (!end && position >= chunk.length) {
                chunk = jdbc.sql("SELECT data FROM attachment_chunk WHERE attachment_id = :id AND seq = :seq")
                        .param("id", id)
                        .param("seq", seq++)
                        .query(byte[].class)
                        .optional()
                        .orElse(null);
                position = 0;
                if (chunk == null) {
                    end = true;
                    chunk = new byte[0];
                }
            }
            return !end;
        }
    }
}
