package pl.krakow.coi.servicedesk.attachment;

import java.io.InputStream;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;

/**
 * Adds a file to a ticket for a channel without a session (the e-mail channel), under the same rules as an upload:
 * size limits, type detection, the deny list, the virus scan (the file is pending until scanned). In the caller's
 * transaction.
 */
public interface AttachmentIntake {

    /**
     * Stores a public file on the ticket.
     *
     * @return the attachment's id
     * @throws AttachmentRefused when a rule refuses the file
     */
    long add(long ticketId, String filename, String declaredType, InputStream content, Actor uploader);

    /**
     * A file a rule refuses; {@link #code()} is the rule's stable problem type, as the API answers it
     * ({@code attachment-type-denied}, {@code attachment-too-large}, {@code ticket-attachments-too-large},
     * {@code attachment-empty}, {@code invalid-status-transition}, …: docs/api/problems.md).
     */
    final class AttachmentRefused extends RuntimeException {

        private final String code;

        public AttachmentRefused(String code, String detail) {
            super(detail);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
