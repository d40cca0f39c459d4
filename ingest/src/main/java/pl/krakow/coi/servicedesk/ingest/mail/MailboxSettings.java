package pl.krakow.coi.servicedesk.ingest.mail;

/**
 * What the processing of a mail needs to know of the mailbox it came from (the connection settings are the
 * reader's).
 *
 * @param name the mailbox's name (its key in the configuration or the admin API)
 * @param address the desk's address this mailbox receives, lower-cased (never a requester)
 * @param unknownSenders what a mail from an address not in the people register becomes
 * @param maxMessageBytes the largest mail processed; a larger one is quarantined without being downloaded
 */
record MailboxSettings(String name, String address, UnknownSenderPolicy unknownSenders, long maxMessageBytes) {

    /** What a mail from an address the people register does not know becomes. */
    enum UnknownSenderPolicy {
        /** A ticket with an external requester (the address), who is told by e-mail like anyone. */
        CREATE_EXTERNAL,
        /** No ticket: one auto-reply, and the mail is kept in the quarantine folder for review. */
        REFUSE
    }
}
