package pl.krakow.coi.servicedesk.attachment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * Attachments of a ticket ({@code /api/v1/tickets/{ref}/attachments}) and of a comment ({@code
 * .../comments/{commentId}/attachments}): upload as {@code multipart/form-data} (part {@code file}) or as the raw
 * body (its {@code Content-Type} is ignored in favour of the detected type; the name from {@code ?filename=} or
 * {@code Content-Disposition}), list, read one, download ({@code .../content}), remove.
 */
@RestController
@RequestMapping("/api/v1/tickets/{ref}")
class AttachmentController {

    private final AttachmentService service;
    private final CurrentUsers currentUsers;

    AttachmentController(AttachmentService service, CurrentUsers currentUsers) {
        this.service = service;
        this.currentUsers = currentUsers;
    }

    /** An attachment as the API shows it. */
    record AttachmentView(
            long id,
            long ticketId,
            Long commentId,
            String visibility,
            String filename,
            String contentType,
            long size,
            String sha256,
            String state,
            String uploadedBy,
            String uploadedByName,
            Instant uploadedAt,
            String removedBy,
            Instant removedAt,
            String scanVerdict,
            String scanSignature,
            Instant scannedAt,
            String contentUrl) {

        static AttachmentView of(Attachment a, String ref) {
            return new AttachmentView(
                    a.id(),
                    a.ticketId(),
                    a.commentId(),
                    a.visibility().name(),
                    a.filename(),
                    a.contentType(),
                    a.size(),
                    a.sha256(),
                    a.state().name(),
                    a.uploadedBy(),
                    a.uploadedByName(),
                    a.uploadedAt(),
                    a.removedBy(),
                    a.removedAt(),
                    a.scanVerdict(),
                    a.scanSignature(),
                    a.scannedAt(),
                    a.state() == Attachment.State.AVAILABLE
                            ? "/api/v1/tickets/" + ref + "/attachments/" + a.id() + "/content"
                            : null);
        }
    }

    // One handler per path for both kinds of body (Spring cannot tell "multipart" from "not form-encoded" apart
    // by specificity). A form-encoded body would be parsed for parameters by the container: refused (415).
    @PostMapping(value = "/attachments", consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<AttachmentView> upload(
            @PathVariable String ref,
            @RequestParam(defaultValue = "false") boolean internal,
            @RequestParam(required = false) String filename,
            HttpServletRequest request)
            throws IOException {
        return upload(ref, null, internal, filename, request);
    }

    @PostMapping(
            value = "/comments/{commentId}/attachments",
            consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<AttachmentView> uploadToComment(
            @PathVariable String ref,
            @PathVariable long commentId,
            @RequestParam(required = false) String filename,
            HttpServletRequest request)
            throws IOException {
        return upload(ref, commentId, false, filename, request);
    }

    @GetMapping("/attachments")
    List<AttachmentView> list(@PathVariable String ref) {
        return service.list(ref, currentUsers.current()).stream()
                .map(a -> AttachmentView.of(a, ref))
                .toList();
    }

    @GetMapping("/attachments/{id}")
    AttachmentView get(@PathVariable String ref, @PathVariable long id) {
        return AttachmentView.of(service.get(ref, id, currentUsers.current()), ref);
    }

    /**
     * The content, streamed from storage: as an attachment (never shown inline), with the type detected at upload
     * and {@code nosniff}, so a browser neither renders nor guesses it.
     */
    @GetMapping("/attachments/{id}/content")
    void download(@PathVariable String ref, @PathVariable long id, HttpServletResponse response) throws IOException {
        AttachmentService.Download download = service.download(ref, id, currentUsers.current());
        Attachment a = download.attachment();
        try (InputStream content = download.content()) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(a.contentType());
            response.setContentLengthLong(a.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(a.filename()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
            response.setHeader(HttpHeaders.ETAG, "\"" + a.sha256() + "\"");
            OutputStream out = response.getOutputStream();
            content.transferTo(out);
            out.flush();
        }
    }

    @DeleteMapping("/attachments/{id}")
    AttachmentView remove(
            @PathVariable String ref, @PathVariable long id, @RequestParam(required = false) String reason) {
        return AttachmentView.of(service.remove(ref, id, reason, currentUsers.current()), ref);
    }

    private ResponseEntity<AttachmentView> upload(
            String ref, Long commentId, boolean internal, String filename, HttpServletRequest request)
            throws IOException {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            return body(ref, commentId, internal, filename, request);
        }
        MultipartFile file = multipart.getFile("file");
        if (file == null) {
            throw ServiceDeskException.invalid(
                    "attachment-part-missing", "A multipart upload carries the file in a part named \"file\"");
        }
        return part(ref, commentId, internal, file);
    }

    private ResponseEntity<AttachmentView> part(String ref, Long commentId, boolean internal, MultipartFile file)
            throws IOException {
        CurrentUser user = currentUsers.current();
        try (InputStream in = file.getInputStream()) {
            Attachment attachment = service.upload(
                    new AttachmentService.Upload(ref, commentId, internal, file.getOriginalFilename(), file.getSize()),
                    in,
                    user);
            return created(ref, attachment);
        }
    }

    private ResponseEntity<AttachmentView> body(
            String ref, Long commentId, boolean internal, String filename, HttpServletRequest request)
            throws IOException {
        CurrentUser user = currentUsers.current();
        String name = filename;
        String disposition = request.getHeader(HttpHeaders.CONTENT_DISPOSITION);
        if ((name == null || name.isBlank()) && disposition != null) {
            try {
                name = ContentDisposition.parse(disposition).getFilename();
            } catch (IllegalArgumentException e) {
                throw ServiceDeskException.invalid(
                        "malformed-content-disposition", "Content-Disposition cannot be read: " + e.getMessage());
            }
        }
        Attachment attachment = service.upload(
                new AttachmentService.Upload(ref, commentId, internal, name, request.getContentLengthLong()),
                request.getInputStream(),
                user);
        return created(ref, attachment);
    }

    private static ResponseEntity<AttachmentView> created(String ref, Attachment attachment) {
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ref + "/attachments/" + attachment.id()))
                .body(AttachmentView.of(attachment, ref));
    }
}
