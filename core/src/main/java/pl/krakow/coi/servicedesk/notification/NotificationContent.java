package pl.krakow.coi.servicedesk.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one notification says to one recipient, before it is rendered: the model its template reads. The
 * delivery side fills it with only what the recipient may see (for a requester: never an internal comment, an
 * internal reason or a handover comment; for a security incident: its number and state only, {@code title} and
 * {@code text} null); the templates honour {@link #security()} as a second guard.
 *
 * @param kind which template
 * @param locale the recipient's language ({@code pl} by default, or {@code en})
 * @param recipientName how the mail greets the recipient
 * @param ticketId the ticket's id; null for a {@code LICENCE_EXPIRING} mail
 * @param ticketNumber e.g. {@code INC-2026-000123}; null for a {@code LICENCE_EXPIRING} mail
 * @param ticketTitle the ticket's title; null for a security incident sent to its requester
 * @param ticketStatus the ticket's status after the change ({@code TicketStatus} name)
 * @param security whether the ticket is a security incident
 * @param actorName who did it (an agent's display name), null when the system did
 * @param text the comment, question, resolution note or reason the kind carries; null when none
 * @param dueAt when an answer (or the SLA target of a warning or breach) is due; null when none
 * @param unit the unit concerned (the one that received the ticket, the one with the breach), null when none
 * @param ticketUrl where the recipient reads the ticket
 * @param attachments links to the attachments the recipient may see (never internal ones)
 * @param licences the expiring licences of a {@code LICENCE_EXPIRING} mail, empty otherwise
 */
record NotificationContent(
        NotificationKind kind,
        Locale locale,
        String recipientName,
        Long ticketId,
        String ticketNumber,
        String ticketTitle,
        String ticketStatus,
        boolean security,
        String actorName,
        String text,
        Instant dueAt,
        String unit,
        String ticketUrl,
        List<AttachmentLink> attachments,
        List<LicenceExpiry> licences) {

    NotificationContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(locale, "locale");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        licences = licences == null ? List.of() : List.copyOf(licences);
    }

    /** A file the mail links to (downloaded through the API, never attached to the mail). */
    record AttachmentLink(String filename, long size, String url) {}

    /** A licence that expires soon: its name, the product, when, and the threshold (30, 60 or 90 days) crossed. */
    record LicenceExpiry(String name, String product, Instant expiresAt, int thresholdDays) {}
}
