package pl.krakow.coi.servicedesk.ingest.mail;

/** The one clear answer the sender of a mail that was not taken gets, where that is safe. */
interface AutoReplies {

    /** Why the mail was not taken; the name is the template's ({@code mail/auto-replies/<kebab-name>.txt}). */
    enum Reason {
        UNKNOWN_SENDER,
        QUARANTINED,
        TOO_LARGE
    }

    /**
     * Sends (after commit) the answer to {@code to}, unless one for the same reason went to them within the hour.
     *
     * @param inReplyTo the mail's {@code Message-ID}, or null
     * @param subject the mail's subject, or null
     * @param detail what to tell them of the cause (the stable code)
     */
    void send(MailboxSettings mailbox, String to, String inReplyTo, String subject, Reason reason, String detail);
}
