package pl.krakow.coi.servicedesk.ingest.mail;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * The mails taken from the mailboxes (docs/ingest/email.md):
 *
 * <ul>
 *   <li>{@code GET /api/v1/admin/mail/messages?outcome=&mailbox=&page=&size=}: newest first (admins), e.g. the
 *       quarantine ({@code outcome=QUARANTINED}); {@code GET .../{id}}; {@code GET .../{id}/original}: the stored
 *       original as {@code message/rfc822}, a download;
 *   <li>{@code GET /api/v1/tickets/{ref}/mails}: the mails that made or touched a ticket, for support staff who
 *       may see it (a requester gets 403, anyone else the 404 of a ticket they may not see), and
 *       {@code .../mails/{id}/original}.
 * </ul>
 */
@RestController
class MailMessageController {

    private final MailMessages messages;
    private final TicketService tickets;
    private final CurrentUsers currentUsers;

    MailMessageController(MailMessages messages, TicketService tickets, CurrentUsers currentUsers) {
        this.messages = messages;
        this.tickets = tickets;
        this.currentUsers = currentUsers;
    }

    /** A mail as listed, without its original; {@code originalUrl} when it was stored. */
    record MessageView(
            long id,
            String mailbox,
            String messageId,
            String sender,
            String subject,
            long sizeBytes,
            String outcome,
            String reason,
            Long ticketId,
            Instant receivedAt,
            Instant processedAt,
            String originalUrl) {

        static MessageView of(MailMessages.Row row, String originalUrl) {
            return new MessageView(
                    row.id(),
                    row.mailbox(),
                    row.messageId(),
                    row.sender(),
                    row.subject(),
                    row.sizeBytes(),
                    row.outcome(),
                    row.reason(),
                    row.ticketId(),
                    row.receivedAt(),
                    row.processedAt(),
                    row.hasOriginal() ? originalUrl : null);
        }
    }

    @GetMapping("/api/v1/admin/mail/messages")
    @PreAuthorize("hasRole('ADMIN')")
    List<MessageView> list(
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String mailbox,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        String wanted = outcome == null || outcome.isBlank() ? null : outcome.strip();
        if (wanted != null
                && !wanted.equals(MailMessages.PROCESSING)
                && Arrays.stream(MailOutcome.Kind.values())
                        .noneMatch(k -> k.name().equals(wanted))) {
            throw ServiceDeskException.invalid(
                    "invalid-mail-outcome",
                    "outcome is one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(MailOutcome.Kind.values())
                                            .map(Enum::name)
                                            .toList()));
        }
        if (size < 1 || size > 100 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 100, page 0 to 10000");
        }
        String box = mailbox == null || mailbox.isBlank() ? null : mailbox.strip();
        return messages.list(wanted, box, page, size).stream()
                .map(row -> MessageView.of(row, adminOriginal(row.id())))
                .toList();
    }

    @GetMapping("/api/v1/admin/mail/messages/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    MessageView get(@PathVariable long id) {
        MailMessages.Row row = messages.find(id).orElseThrow(() -> ServiceDeskException.notFound("Mail", id));
        return MessageView.of(row, adminOriginal(id));
    }

    @GetMapping("/api/v1/admin/mail/messages/{id}/original")
    @PreAuthorize("hasRole('ADMIN')")
    void original(@PathVariable long id, HttpServletResponse response) throws IOException {
        messages.find(id).orElseThrow(() -> ServiceDeskException.notFound("Mail", id));
        send(id, response);
    }

    @GetMapping("/api/v1/tickets/{ref}/mails")
    List<MessageView> ofTicket(@PathVariable String ref) {
        TicketState ticket = staffTicket(ref);
        return messages.ofTicket(ticket.id()).stream()
                .map(row -> MessageView.of(row, "/api/v1/tickets/" + ref + "/mails/" + row.id() + "/original"))
                .toList();
    }

    @GetMapping("/api/v1/tickets/{ref}/mails/{id}/original")
    void ticketOriginal(@PathVariable String ref, @PathVariable long id, HttpServletResponse response)
            throws IOException {
        TicketState ticket = staffTicket(ref);
        MailMessages.Row row = messages.find(id)
                .filter(r -> ticket.id().equals(r.ticketId()))
                .orElseThrow(() -> ServiceDeskException.notFound("Mail", id));
        send(row.id(), response);
    }

    /** The ticket, when the caller may see it and is support staff (its mails are the internal side). */
    private TicketState staffTicket(String ref) {
        CurrentUser user = currentUsers.current();
        TicketState ticket = tickets.get(ref, user);
        if (!tickets.seesInternal(user)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "The mails of a ticket are for support staff");
        }
        return ticket;
    }

    private void send(long id, HttpServletResponse response) throws IOException {
        byte[] raw = messages.original(id)
                .orElseThrow(() -> new ServiceDeskException(
                        ServiceDeskException.Kind.NOT_FOUND,
                        "mail-original-not-stored",
                        "Original not stored",
                        "Mail " + id + " was not downloaded (it was over the mailbox's size limit); it is in the"
                                + " mailbox's quarantine folder"));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("message/rfc822");
        response.setContentLengthLong(raw.length);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mail-" + id + ".eml\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        response.getOutputStream().write(raw);
        response.getOutputStream().flush();
    }

    private static String adminOriginal(long id) {
        return "/api/v1/admin/mail/messages/" + id + "/original";
    }
}
