package pl.krakow.coi.servicedesk.notification;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notification delivery settings ({@code servicedesk.notifications.*}, docs/configuration.md).
 *
 * @param enabled whether ticket events become deliveries at all
 * @param baseUrl where the mails link to (the portal), e.g. {@code https://servicedesk.krakow.pl}
 * @param from the sender of every notification (bound for the mail composition too); only its domain is read here
 * @param messageIdDomain the domain part of every {@code Message-ID} and of the ticket threads' roots; blank: the
 *     domain of {@code from}, as the mail composition does
 * @param sender the worker that sends due deliveries
 * @param damping the storm damper's limits
 * @param maxEventAge an event recorded this long after it occurred is history being replayed (a legacy import),
 *     and notifies nobody
 */
@ConfigurationProperties("servicedesk.notifications")
record NotificationProperties(
        Boolean enabled,
        String baseUrl,
        String from,
        String messageIdDomain,
        Sender sender,
        Damping damping,
        Duration maxEventAge) {

    static final Locale POLISH = Locale.forLanguageTag("pl");

    NotificationProperties {
        enabled = enabled == null || enabled;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
        from = from == null || from.isBlank() ? "servicedesk@coi.krakow.pl" : from;
        messageIdDomain =
                messageIdDomain == null || messageIdDomain.isBlank() ? domainOf(from) : messageIdDomain.strip();
        sender = sender == null ? new Sender(null, null, null, null, null, null, null, null) : sender;
        damping = damping == null ? new Damping(null, null, null) : damping;
        maxEventAge = maxEventAge == null ? Duration.ofHours(1) : maxEventAge;
    }

    private static String domainOf(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).replaceAll("[>\\s]", "");
        return domain.isBlank() ? "coi.krakow.pl" : domain;
    }

    /**
     * @param enabled whether this replica sends (every replica may: rows are claimed one by one)
     * @param threads how many threads send at once, each with its own SMTP connection per batch
     * @param batchSize how many due deliveries a thread claims at once
     * @param pollInterval how often a thread looks for due deliveries when nothing woke it
     * @param lease how long a claimed delivery is this replica's; after it, another replica may send it again
     * @param maxAttempts attempts before a delivery is dead-lettered ({@code FAILED})
     * @param initialBackoff the wait after the first failure; doubled after each further one
     * @param maxBackoff the longest wait between attempts
     */
    record Sender(
            Boolean enabled,
            Integer threads,
            Integer batchSize,
            Duration pollInterval,
            Duration lease,
            Integer maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {

        Sender {
            enabled = enabled == null || enabled;
            threads = threads == null ? 2 : threads;
            batchSize = batchSize == null ? 50 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(30) : maxBackoff;
        }
    }

    /**
     * @param window the window the limits count in
     * @param perRecipient deliveries to one address in a window; beyond it they are suppressed
     * @param perRecipientAndTicket deliveries to one address about one ticket in a window
     */
    record Damping(Duration window, Integer perRecipient, Integer perRecipientAndTicket) {

        Damping {
            window = window == null ? Duration.ofMinutes(15) : window;
            perRecipient = perRecipient == null ? 30 : perRecipient;
            perRecipientAndTicket = perRecipientAndTicket == null ? 5 : perRecipientAndTicket;
        }
    }
}
