package pl.krakow.coi.servicedesk.attachment;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.mime.MediaType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;

/**
 * The attachment use cases: upload (streamed into storage while the request is read, in one transaction with
 * its metadata and its history event), list, download, remove. Who may do what is asked of {@link
 * TicketAccess} and {@link TicketService}: whoever sees the ticket sees its public files; internal files (those
 * of internal comments) only support staff; whoever may comment may upload; the uploader or an agent of the
 * holding unit may remove.
 */
@Service
class AttachmentService {

    private final TicketService tickets;
    private final TicketAccess access;
    private final Attachments attachments;
    private final AttachmentStorage storage;
    private final ContentTypes types;
    private final AttachmentProperties properties;
    private final ObjectProvider<VirusScanner> scanner;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Clock clock;

    AttachmentService(
            TicketService tickets,
            TicketAccess access,
            Attachments attachments,
            AttachmentStorage storage,
            ContentTypes types,
            AttachmentProperties properties,
            ObjectProvider<VirusScanner> scanner,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            Clock clock) {
        this.tickets = tickets;
        this.access = access;
        this.attachments = attachments;
        this.storage = storage;
        this.types = types;
        this.properties = properties;
        this.scanner = scanner;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What a client uploads.
     *
     * @param commentId the comment the file belongs to, null for the ticket itself
     * @param internal for a file on the ticket itself: only support staff see it (a comment's file follows the
     *     comment)
     * @param filename the name the client gave, before sanitising
     * @param declaredLength the length the client declared, or -1 when unknown (chunked, multipart)
     */
    record Upload(String ticketRef, Long commentId, boolean internal, String filename, long declaredLength) {}

    /** Stores a new file read from {@code content}; nothing is left behind when anything fails. */
    Attachment upload(Upload upload, InputStream content, CurrentUser user) {
        TicketState ticket = tickets.get(upload.ticketRef(), user);
        Attachment.Visibility visibility;
        Long commentId = upload.commentId();
        if (commentId != null) {
            Comment comment = tickets.comments(upload.ticketRef(), user).stream()
                    .filter(c -> commentId.equals(c.id()))
                    .findFirst()
                    .orElseThrow(() -> ServiceDeskException.notFound("Comment", commentId));
            if (!comment.author().username().equals(user.username())) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.FORBIDDEN,
                        "action-not-allowed",
                        "Not allowed",
                        "Only the author of comment " + commentId + " attaches files to it");
            }
            visibility = comment.visibility() == Comment.Visibility.INTERNAL
                    ? Attachment.Visibility.INTERNAL
                    : Attachment.Visibility.PUBLIC;
        } else {
            visibility = upload.internal() ? Attachment.Visibility.INTERNAL : Attachment.Visibility.PUBLIC;
        }
        TicketAccess.Action action = visibility == Attachment.Visibility.INTERNAL
                ? TicketAccess.Action.COMMENT_INTERNAL
                : TicketAccess.Action.COMMENT;
        access.require(action, user, ticket, upload.ticketRef());
        if (!access.allowed(user, ticket).contains(action)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "invalid-status-transition",
                    "Not possible in this status",
                    "Cannot attach a file to a ticket that is " + ticket.status(),
                    Map.of("status", ticket.status().name()));
        }
        return store(
                ticket,
                commentId,
                visibility,
                upload.filename(),
                upload.declaredLength(),
                content,
                TicketService.actor(user),
                transaction);
    }

    /**
     * Stores a public file on a ticket for a channel without a session (the e-mail channel): the same rules as
     * {@link #upload}, the caller's rights aside, which the channel decided. Writes in {@code transaction} (the
     * caller's, or a savepoint in it).
     */
    Attachment add(
            TicketState ticket, String filename, InputStream content, Actor uploader, TransactionTemplate transaction) {
        if (ticket.status() == TicketStatus.CLOSED || ticket.status() == TicketStatus.CANCELLED) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "invalid-status-transition",
                    "Not possible in this status",
                    "Cannot attach a file to a ticket that is " + ticket.status(),
                    Map.of("status", ticket.status().name()));
        }
        return store(ticket, null, Attachment.Visibility.PUBLIC, filename, -1, content, uploader, transaction);
    }

    /**
     * The upload rules, stated once for every channel: a file name, the size limits (the file's, the ticket's),
     * an empty file, the content's type and the deny list; then the file is streamed into storage, pending the
     * virus scan when a scanner is configured, and the ticket records {@code ATTACHMENT_ADDED} by {@code uploader}.
     * A refusal is a {@link ServiceDeskException} with the rule's problem type; nothing is left behind.
     */
    private Attachment store(
            TicketState ticket,
            Long commentId,
            Attachment.Visibility visibility,
            String rawFilename,
            long declaredLength,
            InputStream content,
            Actor uploader,
            TransactionTemplate transaction) {
        if (rawFilename == null || rawFilename.isBlank()) {
            throw ServiceDeskException.invalid(
                    "attachment-filename-missing",
                    "A file needs a name: the multipart part's filename, the filename parameter or"
                            + " Content-Disposition");
        }
        String filename = FileNames.sanitise(rawFilename);
        long maxFile = properties.maxFileSize().toBytes();
        if (declaredLength > maxFile) {
            drain(content, maxFile);
            throw tooLarge(maxFile);
        }
        if (declaredLength == 0) {
            throw empty();
        }
        if (declaredLength > 0
                && attachments.usedBy(ticket.id()) + declaredLength
                        > properties.maxTicketSize().toBytes()) {
            throw ticketFull(ticket);
        }
        byte[] prefix;
        try {
            prefix = content.readNBytes(ContentTypes.PREFIX);
        } catch (IOException e) {
            throw interrupted(e);
        }
        if (prefix.length == 0) {
            throw empty();
        }
        MediaType type = types.detect(prefix, prefix.length, filename);
        types.requireAllowed(type, filename);
        Attachment.State state =
                scanner.getIfAvailable() == null ? Attachment.State.AVAILABLE : Attachment.State.PENDING_SCAN;
        return transaction.execute(status -> {
            Instant now = clock.instant();
            long id = attachments.insert(
                    ticket.id(),
                    commentId,
                    visibility,
                    filename,
                    type.getBaseType().toString(),
                    state,
                    uploader.username(),
                    uploader.displayName(),
                    now);
            MessageDigest sha256 = sha256();
            Limited limited = new Limited(new SequenceInputStream(new ByteArrayInputStream(prefix), content), maxFile);
            long size;
            try {
                size = storage.put(id, new DigestInputStream(limited, sha256));
            } catch (IOException e) {
                throw interrupted(e);
            }
            if (declaredLength > 0 && size != declaredLength) {
                throw ServiceDeskException.invalid(
                        "attachment-length-mismatch",
                        "The body has " + size + " bytes, not the " + declaredLength + " declared");
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            attachments.complete(id, size, hash);
            // Uploads to one ticket take turns from here to their commit, so that the ticket's limit holds
            // whatever runs at the same time; the contents were streamed in before, side by side.
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('attachment-ticket', :ticket))) l")
                    .param("ticket", ticket.id())
                    .query(Integer.class)
                    .single();
            if (attachments.usedBy(ticket.id()) > properties.maxTicketSize().toBytes()) {
                throw ticketFull(ticket);
            }
            Attachment stored = attachments.find(id).orElseThrow();
            tickets.recordAttachment(ticket.id(), TicketEventType.ATTACHMENT_ADDED, uploader, eventData(stored));
            return stored;
        });
    }

    /** The files of the ticket that {@code user} may see, removed ones included (they show who removed them). */
    List<Attachment> list(String ticketRef, CurrentUser user) {
        TicketState ticket = tickets.get(ticketRef, user);
        boolean internal = tickets.seesInternal(user);
        return attachments.ofTicket(ticket.id()).stream()
                .filter(a -> internal || a.visibility() == Attachment.Visibility.PUBLIC)
                .toList();
    }

    /** One file's record, if {@code user} may see it; a 404 otherwise, as for a file that does not exist. */
    Attachment get(String ticketRef, long id, CurrentUser user) {
        TicketState ticket = tickets.get(ticketRef, user);
        return attachments
                .find(id)
                .filter(a -> a.ticketId() == ticket.id())
                .filter(a -> a.visibility() == Attachment.Visibility.PUBLIC || tickets.seesInternal(user))
                .orElseThrow(() -> ServiceDeskException.notFound("Attachment", id));
    }

    /** A file to download: its record and its content (the caller closes it). */
    record Download(Attachment attachment, InputStream content) {}

    /** Opens a file for download: only an available one; a waiting, quarantined or removed one is refused. */
    Download download(String ticketRef, long id, CurrentUser user) {
        Attachment attachment = get(ticketRef, id, user);
        switch (attachment.state()) {
            case AVAILABLE -> {}
            case PENDING_SCAN ->
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.CONFLICT,
                        "attachment-pending-scan",
                        "Waiting for the virus scan",
                        "Attachment " + id + " is served once the virus scanner finds it clean; try again later",
                        Map.of("state", attachment.state().name(), "retryAfterSeconds", 30));
            case QUARANTINED ->
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.CONFLICT,
                        "attachment-quarantined",
                        "Quarantined",
                        "The virus scanner found " + attachment.scanSignature() + " in attachment " + id
                                + "; it is never served",
                        Map.of(
                                "state",
                                attachment.state().name(),
                                "signature",
                                String.valueOf(attachment.scanSignature())));
            case REMOVED ->
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.GONE,
                        "attachment-removed",
                        "Removed",
                        "Attachment " + id + " was removed by " + attachment.removedBy() + " at "
                                + attachment.removedAt());
        }
        return new Download(attachment, storage.open(id));
    }

    /**
     * Removes a file (a soft delete: the record and the content stay for the audit, the file is no longer served
     * nor counted against the ticket's limit), by its uploader or an agent of the unit holding the ticket; the
     * ticket's history records it.
     */
    Attachment remove(String ticketRef, long id, String reason, CurrentUser user) {
        Attachment seen = get(ticketRef, id, user);
        TicketState ticket = tickets.get(ticketRef, user);
        boolean uploader = seen.uploadedBy().equals(user.username());
        if (!uploader && !access.isHoldingAgent(user, ticket)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Only the uploader or an agent of " + ticket.assignedUnit() + " removes attachment " + id);
        }
        if (reason != null && reason.length() > 500) {
            throw ServiceDeskException.invalid("reason-too-long", "A reason may have at most 500 characters");
        }
        return transaction.execute(status -> {
            Attachment attachment = attachments.lock(id).orElseThrow();
            if (attachment.state() == Attachment.State.REMOVED) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.GONE,
                        "attachment-removed",
                        "Removed",
                        "Attachment " + id + " was already removed by " + attachment.removedBy());
            }
            attachments.remove(id, user.username(), clock.instant(), reason);
            Map<String, Object> data = eventData(attachment);
            if (reason != null && !reason.isBlank()) {
                data.put("reason", reason);
            }
            tickets.recordAttachment(
                    attachment.ticketId(), TicketEventType.ATTACHMENT_REMOVED, TicketService.actor(user), data);
            return attachments.find(id).orElseThrow();
        });
    }

    /** The details of an attachment's history event; its visibility makes an internal file's event internal. */
    static Map<String, Object> eventData(Attachment attachment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attachmentId", attachment.id());
        data.put("filename", attachment.filename());
        data.put("size", attachment.size());
        data.put("contentType", attachment.contentType());
        if (attachment.commentId() != null) {
            data.put("commentId", attachment.commentId());
        }
        data.put("visibility", attachment.visibility().name());
        return data;
    }

    private static ServiceDeskException tooLarge(long max) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.PAYLOAD_TOO_LARGE,
                "attachment-too-large",
                "File too large",
                "A file may have at most " + max + " bytes",
                Map.of("maxBytes", max));
    }

    private ServiceDeskException ticketFull(TicketState ticket) {
        long max = properties.maxTicketSize().toBytes();
        return new ServiceDeskException(
                ServiceDeskException.Kind.PAYLOAD_TOO_LARGE,
                "ticket-attachments-too-large",
                "Ticket full",
                "The files of ticket " + ticket.number() + " may take at most " + max
                        + " bytes together; remove one first",
                Map.of("maxBytes", max));
    }

    private static ServiceDeskException empty() {
        return ServiceDeskException.invalid("attachment-empty", "The file is empty");
    }

    private static ServiceDeskException interrupted(IOException e) {
        return ServiceDeskException.invalid(
                "attachment-upload-interrupted", "The upload ended before the file did: " + e.getMessage());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses to read past {@code max} bytes: a 413 as soon as the body is longer. */
    private static final class Limited extends FilterInputStream {

        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                drain(in, max);
                throw tooLarge(max);
            }
        }
    }

    /**
     * Reads and discards what is left of a refused body, up to {@code bound} bytes, so that the client, still
     * sending, reads the 413 rather than a reset connection: Tomcat closes the connection after a 413 without
     * reading the rest. A body longer still is not read on: its client may see the connection reset.
     */
    private static void drain(InputStream in, long bound) {
        byte[] buffer = new byte[64 * 1024];
        long left = bound;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client gave up first: there is nobody left to answer.
        }
    }
}
