package pl.krakow.coi.servicedesk.ingest.mail;

import java.time.Duration;
import java.time.Instant;

/** What the channel remembers of earlier mail (table {@code mail_message}) and of the auto-replies it sent. */
interface MailLedger {

    /**
     * Holds a transaction-scoped lock on {@code sender} (lower-cased), so that one sender's mails are counted and
     * recorded one at a time across replicas.
     */
    void serialise(String sender);

    /** How many mails of {@code sender} made or touched a ticket since {@code since}. */
    long ticketMailsSince(String sender, Instant since);

    /** Whether an earlier mail of {@code sender} made or touched {@code ticketId}. */
    boolean acceptedBefore(String sender, long ticketId);

    /**
     * Claims the one auto-reply to {@code sender} for {@code reason} within {@code per}.
     *
     * @return whether this one may be sent (none was within {@code per} before {@code now})
     */
    boolean claimAutoReply(String sender, String reason, Instant now, Duration per);
}
