package pl.krakow.coi.servicedesk.attachment;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;

/**
 * Scans the files waiting for a verdict ({@code PENDING_SCAN}), one at a time, each in a transaction that holds
 * its row ({@code FOR UPDATE SKIP LOCKED}): across replicas each file is scanned by one worker at a time, and a
 * verdict is stored once. Clean → {@code AVAILABLE}; infected → {@code QUARANTINED} with the signature, and
 * the ticket's history says so; no verdict (the scanner is down, timed out, or failed) → the file waits and is
 * tried again after a growing pause. A file never becomes available without a clean verdict. Does nothing when
 * no {@link VirusScanner} is configured.
 */
@Component
@ConditionalOnWorkerRole
class VirusScanWorker {

    static final Actor SCANNER = Actor.system("virus-scanner");

    private static final Logger log = LoggerFactory.getLogger(VirusScanWorker.class);

    /** Files scanned at most per round, so that a long queue does not hold the scheduler thread. */
    private static final int PER_ROUND = 50;

    private final ObjectProvider<VirusScanner> scanner;
    private final Attachments attachments;
    private final AttachmentStorage storage;
    private final TicketService tickets;
    private final AttachmentProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    VirusScanWorker(
            ObjectProvider<VirusScanner> scanner,
            Attachments attachments,
            AttachmentStorage storage,
            TicketService tickets,
            AttachmentProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.scanner = scanner;
        this.attachments = attachments;
        this.storage = storage;
        this.tickets = tickets;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.attachments.scan-interval:5s}",
            initialDelayString = "${servicedesk.attachments.scan-interval:5s}")
    void scanWaiting() {
        VirusScanner virusScanner = scanner.getIfAvailable();
        if (virusScanner == null) {
            return;
        }
        for (int i = 0; i < PER_ROUND; i++) {
            Outcome outcome;
            try {
                outcome = transaction.execute(status -> scanNext(virusScanner));
            } catch (RuntimeException e) {
                log.warn("Scanning an attachment failed; it waits for the next round", e);
                return;
            }
            if (outcome != Outcome.SCANNED) {
                return;
            }
        }
    }

    private enum Outcome {
        NOTHING_WAITING,
        SCANNED,
        SCANNER_UNAVAILABLE
    }

    /** Scans the next waiting file, if any, in the caller's transaction. */
    private Outcome scanNext(VirusScanner virusScanner) {
        Instant now = clock.instant();
        Optional<Attachment> next = attachments.nextToScan(now);
        if (next.isEmpty()) {
            return Outcome.NOTHING_WAITING;
        }
        Attachment attachment = next.get();
        VirusScanner.Verdict verdict;
        try (InputStream content = storage.open(attachment.id())) {
            verdict = virusScanner.scan(content);
        } catch (VirusScanner.ScannerUnavailable | java.io.IOException | RuntimeException e) {
            // Whatever went wrong, the file has no verdict: it waits, it never passes.
            attachments.scanFailed(
                    attachment.id(), e.toString(), now, properties.scanRetry(), properties.scanMaxRetry());
            log.warn("No virus scan verdict for attachment {}: {}", attachment.id(), e.toString());
            return Outcome.SCANNER_UNAVAILABLE;
        }
        if (verdict == null) {
            attachments.scanFailed(
                    attachment.id(), "no verdict", now, properties.scanRetry(), properties.scanMaxRetry());
            return Outcome.SCANNER_UNAVAILABLE;
        }
        attachments.scanned(attachment.id(), verdict.infected(), verdict.signature(), clock.instant());
        if (verdict.infected()) {
            log.warn(
                    "Attachment {} of ticket {} is infected ({}): quarantined",
                    attachment.id(),
                    attachment.ticketId(),
                    verdict.signature());
            Map<String, Object> data = AttachmentService.eventData(attachment);
            data.put("signature", String.valueOf(verdict.signature()));
            // Whom the notification tells why their file cannot be downloaded.
            data.put("uploadedBy", attachment.uploadedBy());
            tickets.recordAttachment(attachment.ticketId(), TicketEventType.ATTACHMENT_QUARANTINED, SCANNER, data);
        }
        return Outcome.SCANNED;
    }
}
