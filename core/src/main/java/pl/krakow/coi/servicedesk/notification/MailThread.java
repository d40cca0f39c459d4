package pl.krakow.coi.servicedesk.notification;

import java.util.List;

/**
 * Where one mail stands in its ticket's thread: its own stable {@code Message-ID} (the same on every retry of the
 * same delivery, so a resend is recognisable), and the ids it answers ({@code In-Reply-To}) and refers to
 * ({@code References}). Ids are without angle brackets, e.g. {@code ticket-42-event-977-jan.kowalski@servicedesk.krakow.pl}.
 */
record MailThread(String messageId, String inReplyTo, List<String> references) {

    MailThread {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
