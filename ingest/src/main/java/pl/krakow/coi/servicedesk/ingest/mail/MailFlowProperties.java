package pl.krakow.coi.servicedesk.ingest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a mail becomes, the settings ({@code servicedesk.mail.*}; the mailboxes' own settings are the reader's).
 *
 * @param reopenWindow a reply to a ticket resolved no longer ago than this reopens it; later, it opens a follow-up
 * @param rateLimit how many mails one sender may file or add to tickets within a window
 * @param ownAddresses the desk's addresses besides the mailboxes' and the notifications' sender: mail from them is
 *     the desk's own and is never read
 */
@ConfigurationProperties("servicedesk.mail")
record MailFlowProperties(Duration reopenWindow, RateLimit rateLimit, List<String> ownAddresses) {

    MailFlowProperties {
        reopenWindow = reopenWindow == null ? Duration.ofDays(14) : reopenWindow;
        rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
        ownAddresses = ownAddresses == null
                ? List.of()
                : ownAddresses.stream()
                        .map(a -> a.trim().toLowerCase(Locale.ROOT))
                        .toList();
        if (reopenWindow.isNegative()) {
            throw new IllegalArgumentException("servicedesk.mail.reopen-window must not be negative");
        }
    }

    /**
     * @param perSender the most mails of one sender that make or touch a ticket within {@link #window()}
     * @param window the window counted
     */
    record RateLimit(Integer perSender, Duration window) {
        RateLimit {
            perSender = perSender == null ? 20 : perSender;
            window = window == null ? Duration.ofHours(1) : window;
            if (perSender < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("servicedesk.mail.rate-limit needs per-sender >= 1 and a window");
            }
        }
    }
}
