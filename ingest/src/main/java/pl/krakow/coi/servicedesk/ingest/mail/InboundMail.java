package pl.krakow.coi.servicedesk.ingest.mail;

import java.time.Instant;
import java.util.List;

/**
 * What the parser makes of one message: decoded headers, the body as text (whole, and with the quoted history and
 * signature trimmed), its files, and whether it was written by a program rather than a person.
 *
 * @param messageId the {@code Message-ID} without angle brackets, or null when it has none
 * @param inReplyTo the ids of {@code In-Reply-To}, without angle brackets
 * @param references the ids of {@code References}, without angle brackets, oldest first
 * @param from the sender ({@code From}); null when there is no usable address
 * @param nullReturnPath whether {@code Return-Path} is {@code <>} (a bounce or other automatic mail)
 * @param to the {@code To} addresses
 * @param cc the {@code Cc} addresses
 * @param subject the decoded subject, {@code ""} when there is none
 * @param sentAt the {@code Date} header, or null
 * @param text the whole body as plain text (HTML turned into text), what the stored original reads as
 * @param trimmed the body without quoted history and signature: what becomes a description or a comment
 * @param attachments attachments and inline images, in the order of the MIME tree
 * @param automatic why a program wrote it (the header and its value), or null when a person did
 * @param bounce the delivery status report, when the message is one (RFC 3464), else null
 * @param ownNotification whether it carries the desk's own marks ({@code X-ServiceDesk-Notification} or
 *     {@code X-ServiceDesk-Ticket}): a notification or auto-reply read back
 */
record InboundMail(
        String messageId,
        List<String> inReplyTo,
        List<String> references,
        Address from,
        boolean nullReturnPath,
        List<Address> to,
        List<Address> cc,
        String subject,
        Instant sentAt,
        String text,
        String trimmed,
        List<Part> attachments,
        String automatic,
        Bounce bounce,
        boolean ownNotification) {

    InboundMail {
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        references = references == null ? List.of() : List.copyOf(references);
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        trimmed = trimmed == null ? "" : trimmed;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * An address with its display name (decoded).
     *
     * @param email the address, lower-cased
     * @param name the display name, or null
     */
    record Address(String email, String name) {}

    /**
     * A file of the message.
     *
     * @param filename the decoded file name (RFC 2231 or 2047), or one made up from the type when it has none
     * @param contentType the declared MIME type, without parameters
     * @param content the decoded bytes
     * @param inline whether it is an inline image ({@code Content-Disposition: inline} or referenced by
     *     {@code cid:})
     * @param contentId the {@code Content-ID} without angle brackets, or null
     */
    record Part(String filename, String contentType, byte[] content, boolean inline, String contentId) {}

    /**
     * A delivery status notification (RFC 3464).
     *
     * @param originalMessageIds the {@code Message-ID}s of the message that could not be delivered (from the
     *     returned message or its headers), without angle brackets
     * @param recipients the final recipients that failed, lower-cased
     * @param status the status code ({@code 5.1.1}), or null
     * @param diagnostic the diagnostic code or the human part's first line, for the delivery log
     * @param permanent whether the failure is permanent ({@code Action: failed}, status 5.x.x)
     */
    record Bounce(
            List<String> originalMessageIds,
            List<String> recipients,
            String status,
            String diagnostic,
            boolean permanent) {}
}
