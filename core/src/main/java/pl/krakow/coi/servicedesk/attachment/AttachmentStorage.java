package pl.krakow.coi.servicedesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where attachments' content lives (ADR 0084), addressed by the attachment's id. Implementations stream: no
 * method holds a whole file in memory. The PostgreSQL implementation takes part in the caller's transaction
 * (content written by a transaction that rolls back is gone with it); another store (S3) would write
 * outside it and must be cleaned up by the caller on rollback, see the ADR.
 */
interface AttachmentStorage {

    /**
     * Stores {@code content} read to its end as the content of attachment {@code id}.
     *
     * @return the number of bytes stored
     * @throws IOException when reading {@code content} fails (a client that went away): the caller rolls back
     */
    long put(long id, InputStream content) throws IOException;

    /** The content of attachment {@code id}, read lazily; the caller closes it. */
    InputStream open(long id);

    /** Writes the content of attachment {@code id} to {@code out}. */
    default void copyTo(long id, OutputStream out) throws IOException {
        try (InputStream in = open(id)) {
            in.transferTo(out);
        }
    }

    /** Deletes the content of attachment {@code id}, if any. */
    void delete(long id);
}
