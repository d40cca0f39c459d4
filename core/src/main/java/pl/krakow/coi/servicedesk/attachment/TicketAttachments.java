package pl.krakow.coi.servicedesk.attachment;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What other capabilities may know of a ticket's files: those that can be downloaded now, with their visibility,
 * so that a notification links to them (never attaching them, and never linking an internal file for a
 * requester).
 */
@Component
public class TicketAttachments {

    private final Attachments attachments;

    TicketAttachments(Attachments attachments) {
        this.attachments = attachments;
    }

    /**
     * A file that can be downloaded.
     *
     * @param internal whether only support staff may see it (a file of an internal comment)
     */
    public record File(long id, String filename, long size, boolean internal) {}

    /** The ticket's files that can be downloaded now (scanned clean, not removed), oldest first. */
    public List<File> downloadable(long ticketId) {
        return attachments.ofTicket(ticketId).stream()
                .filter(a -> a.state() == Attachment.State.AVAILABLE)
                .map(a -> new File(a.id(), a.filename(), a.size(), a.visibility() == Attachment.Visibility.INTERNAL))
                .toList();
    }
}
