package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.Locale;

/**
 * A mailbox the readers read: its name, where it is defined, and its settings.
 *
 * @param name its key in the configuration or the admin API
 * @param source where it is defined (a configured one is read-only in the API)
 * @param mailbox the settings
 */
record MailboxDefinition(String name, Source source, MailboxProperties.Mailbox mailbox) {

    /** Where a mailbox is defined. */
    enum Source {
        PROPERTIES,
        API
    }

    /** What the processor is told of the mailbox. */
    MailboxSettings settings() {
        return new MailboxSettings(
                name,
                mailbox.address() == null ? null : mailbox.address().strip().toLowerCase(Locale.ROOT),
                mailbox.unknownSenders(),
                mailbox.maxMessageSize().toBytes());
    }

    /** IMAP over TLS from the first byte ({@code imaps}) or not ({@code imap}). */
    String protocol() {
        return mailbox.security() == MailboxProperties.Security.IMAPS ? "imaps" : "imap";
    }
}
