package pl.krakow.coi.servicedesk.ingest.mail;

/** Turns a raw message into an {@link InboundMail}. Pure: no I/O beyond the bytes given, no Spring. */
interface MailParser {

    /**
     * Parses one message.
     *
     * @throws MailRejected when it cannot be read as a mail (malformed MIME tree, unknown charset)
     */
    InboundMail parse(byte[] raw) throws MailRejected;
}
