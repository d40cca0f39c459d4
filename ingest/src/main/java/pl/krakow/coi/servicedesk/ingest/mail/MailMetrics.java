package pl.krakow.coi.servicedesk.ingest.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The mailbox readers' meters: {@code servicedesk.mail.messages} (mails processed, by {@code mailbox} and
 * {@code outcome}), {@code servicedesk.mail.read.errors} (failed connections and reads, by {@code mailbox}),
 * {@code servicedesk.mail.processing.errors} (the processor threw), {@code servicedesk.mail.lag} (from the mail's
 * arrival in the mailbox, its IMAP INTERNALDATE, to the commit of what it became) and the gauge
 * {@code servicedesk.mail.mailboxes.held} (mailboxes this replica reads).
 */
@Component
class MailMetrics {

    static final String MESSAGES = "servicedesk.mail.messages";
    static final String READ_ERRORS = "servicedesk.mail.read.errors";
    static final String PROCESSING_ERRORS = "servicedesk.mail.processing.errors";
    static final String LAG = "servicedesk.mail.lag";
    static final String HELD = "servicedesk.mail.mailboxes.held";

    private final MeterRegistry registry;
    private final Timer lag;
    private final AtomicInteger held = new AtomicInteger();

    MailMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder(LAG)
                .description("From a mail's arrival in the mailbox (INTERNALDATE) to the commit of what it became")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder(HELD, held, AtomicInteger::get)
                .description("Mailboxes this replica holds the lease of and reads")
                .register(registry);
    }

    void processed(String mailbox, String outcome, Duration sinceArrival) {
        Counter.builder(MESSAGES)
                .description("Mails processed, by what they became")
                .tag("mailbox", mailbox)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        lag.record(sinceArrival.isNegative() ? Duration.ZERO : sinceArrival);
    }

    void readError(String mailbox) {
        Counter.builder(READ_ERRORS)
                .description("Failed connections to and reads of a mailbox")
                .tag("mailbox", mailbox)
                .register(registry)
                .increment();
    }

    void processingError(String mailbox) {
        Counter.builder(PROCESSING_ERRORS)
                .description("Mails whose processing failed (rolled back, left in place or quarantined)")
                .tag("mailbox", mailbox)
                .register(registry)
                .increment();
    }

    void held(int mailboxes) {
        held.set(mailboxes);
    }
}
