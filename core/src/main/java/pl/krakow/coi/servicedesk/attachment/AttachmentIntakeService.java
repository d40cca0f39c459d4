package pl.krakow.coi.servicedesk.attachment;

import java.io.InputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * {@link AttachmentIntake} over the upload rules of {@link AttachmentService}. The file is written in a savepoint
 * of the caller's transaction: a rule that refuses it while it streams in (too large) leaves nothing of it behind
 * and the caller's transaction usable, so a mail's ticket can still commit without the refused file.
 */
@Service
class AttachmentIntakeService implements AttachmentIntake {

    private final AttachmentService attachments;
    private final TicketLookup tickets;
    private final TransactionTemplate savepoint;

    AttachmentIntakeService(
            AttachmentService attachments, TicketLookup tickets, PlatformTransactionManager transactionManager) {
        this.attachments = attachments;
        this.tickets = tickets;
        this.savepoint = new TransactionTemplate(transactionManager);
        // A savepoint inside the caller's transaction; a transaction of its own when there is none.
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public long add(long ticketId, String filename, String declaredType, InputStream content, Actor uploader) {
        // The declared type is not trusted: the content decides (Tika), as for an upload through the API.
        TicketState ticket =
                tickets.state(ticketId).orElseThrow(() -> ServiceDeskException.notFound("Ticket", ticketId));
        try {
            return attachments
                    .add(ticket, filename, content, uploader, savepoint)
                    .id();
        } catch (ServiceDeskException e) {
            if (e.kind() == ServiceDeskException.Kind.NOT_FOUND) {
                throw e;
            }
            throw new AttachmentRefused(e.type(), e.getMessage());
        }
    }
}
