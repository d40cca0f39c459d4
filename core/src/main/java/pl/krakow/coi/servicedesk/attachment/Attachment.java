package pl.krakow.coi.servicedesk.attachment;

import java.time.Instant;

/**
 * A file on a ticket or on one of its comments, as the service records it (the content is in {@link
 * AttachmentStorage}).
 *
 * @param commentId the comment it belongs to, null for a file on the ticket itself
 * @param contentType the type detected from the content
 * @param scanSignature the malware found, for a quarantined file
 */
record Attachment(
        long id,
        long ticketId,
        Long commentId,
        Visibility visibility,
        String filename,
        String contentType,
        long size,
        String sha256,
        State state,
        String uploadedBy,
        String uploadedByName,
        Instant uploadedAt,
        String removedBy,
        Instant removedAt,
        String scanVerdict,
        String scanSignature,
        Instant scannedAt) {

    /** Who sees the file: everyone who sees the ticket, or support staff only. */
    enum Visibility {
        PUBLIC,
        INTERNAL
    }

    /** Where the file is in its life. */
    enum State {
        /** Waiting for the virus scanner's verdict; not served. */
        PENDING_SCAN,
        /** Served. */
        AVAILABLE,
        /** The scanner found malware; never served. */
        QUARANTINED,
        /** Removed (a soft delete); not served, not counted against the ticket's limit. */
        REMOVED
    }
}
