package pl.krakow.coi.servicedesk.attachment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.search.SearchFieldType;
import pl.krakow.coi.servicedesk.search.TicketDocument;
import pl.krakow.coi.servicedesk.search.TicketDocumentContributor;
import pl.krakow.coi.servicedesk.search.TicketFields;
import pl.krakow.coi.servicedesk.text.PolishText;

/**
 * The names of a ticket's files in its search document, public ones apart from internal ones (the search
 * capability searches the internal ones only for staff, so a requester's search never matches an internal
 * file's name). Removed files are left out. One query per batch.
 */
@Component
class AttachmentDocumentContributor implements TicketDocumentContributor {

    private final Attachments attachments;

    AttachmentDocumentContributor(Attachments attachments) {
        this.attachments = attachments;
    }

    @Override
    public Map<String, SearchFieldType> fields() {
        // Both fields are declared by the search capability itself (analysed text, which contributors cannot
        // declare); this contributor only fills them.
        return Map.of();
    }

    @Override
    public void contribute(List<TicketDocument.Builder> batch) {
        List<Long> ids = batch.stream().map(b -> b.ticket().id()).toList();
        Map<Long, List<Attachment>> byTicket = new HashMap<>();
        for (Attachment attachment : attachments.notRemovedOf(ids)) {
            byTicket.computeIfAbsent(attachment.ticketId(), t -> new ArrayList<>())
                    .add(attachment);
        }
        for (TicketDocument.Builder document : batch) {
            List<Attachment> files = byTicket.getOrDefault(document.ticket().id(), List.of());
            document.set(TicketFields.ATTACHMENT_NAME_TERMS, terms(files, Attachment.Visibility.PUBLIC))
                    .set(TicketFields.INTERNAL_ATTACHMENT_NAME_TERMS, terms(files, Attachment.Visibility.INTERNAL));
        }
    }

    /** The names' words as the text is analysed; a name's separators ({@code zrzut_ekranu-1.png}) split words. */
    private static String terms(List<Attachment> files, Attachment.Visibility visibility) {
        List<String> terms = new ArrayList<>();
        for (Attachment file : files) {
            if (file.visibility() == visibility) {
                terms.addAll(PolishText.terms(file.filename().replaceAll("[._\\-]+", " ")));
            }
        }
        return terms.isEmpty() ? null : String.join(" ", terms);
    }
}
