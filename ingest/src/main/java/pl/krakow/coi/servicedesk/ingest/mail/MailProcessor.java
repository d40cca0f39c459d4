package pl.krakow.coi.servicedesk.ingest.mail;

/**
 * Decides what one mail becomes and does it, inside the reader's transaction (the one that records the mail as
 * processed): the ticket or comment commits together with that record, or neither does. Anything to send (an
 * auto-reply) goes out only after commit.
 */
interface MailProcessor {

    /**
     * Processes one downloaded mail.
     *
     * @param mailbox where it came from
     * @param raw the message as fetched (RFC 5322 bytes)
     * @return what it became; never throws for a bad mail (that is a {@link MailOutcome.Kind#QUARANTINED} outcome)
     */
    MailOutcome process(MailboxSettings mailbox, byte[] raw);

    /**
     * A mail over the mailbox's size limit, which is not downloaded: quarantined, and its sender told where that is
     * safe.
     *
     * @param sender the envelope's sender address, or null
     * @param subject the envelope's subject, or null
     * @param size its size in bytes as the server reports it
     */
    MailOutcome tooLarge(MailboxSettings mailbox, String sender, String subject, long size);
}
