package pl.krakow.coi.servicedesk.ingest.mail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The mailboxes in the configuration ({@code servicedesk.mail.mailboxes.<name>.*}) and how they are read
 * ({@code servicedesk.mail.reader.*}). Mailboxes may also be defined through the admin API; both count.
 *
 * @param mailboxes by name
 * @param reader how every mailbox is read
 */
@ConfigurationProperties("servicedesk.mail")
record MailboxProperties(Map<String, Mailbox> mailboxes, Reader reader) {

    MailboxProperties {
        mailboxes = mailboxes == null ? Map.of() : new LinkedHashMap<>(mailboxes);
        reader = reader == null ? new Reader(null, null, null, null, null, null, null, null, null, null) : reader;
    }

    /** Transport security of the IMAP connection. */
    enum Security {
        /** TLS from the first byte (port 993). */
        IMAPS,
        /** Plain connection upgraded with STARTTLS, which is required (port 143). */
        STARTTLS,
        /** No TLS: only for tests and a server on the same host. */
        NONE
    }

    /** How the reader signs in. */
    enum Auth {
        /** User name and password ({@code LOGIN}/{@code PLAIN}). */
        BASIC,
        /** An OAuth 2 access token from the client-credentials grant ({@code AUTHENTICATE XOAUTH2}). */
        XOAUTH2
    }

    /**
     * One mailbox.
     *
     * @param address the desk's address this mailbox receives
     * @param host the IMAP server
     * @param port its port (default 993 for IMAPS, else 143)
     * @param security IMAPS (default), STARTTLS or NONE
     * @param username the IMAP user
     * @param auth BASIC (default) or XOAUTH2
     * @param passwordRef for BASIC: where the password is ({@code env:VAR} or {@code file:/path})
     * @param oauth for XOAUTH2: the token endpoint and the client
     * @param folder the folder read (default {@code INBOX})
     * @param processedFolder where a processed mail is moved (default {@code Processed})
     * @param quarantineFolder where a mail kept for review is moved (default {@code Quarantine})
     * @param unknownSenders what a mail from an address the people register does not know becomes
     * @param maxMessageSize the largest mail downloaded (default 25MB); a larger one is quarantined
     * @param idle whether IMAP IDLE is used where the server offers it (default true)
     * @param pollInterval how often the folder is read without IDLE (default 30s)
     * @param enabled whether the mailbox is read (default true)
     */
    record Mailbox(
            String address,
            String host,
            Integer port,
            Security security,
            String username,
            Auth auth,
            String passwordRef,
            OAuth oauth,
            String folder,
            String processedFolder,
            String quarantineFolder,
            MailboxSettings.UnknownSenderPolicy unknownSenders,
            DataSize maxMessageSize,
            Boolean idle,
            Duration pollInterval,
            Boolean enabled) {

        Mailbox {
            security = security == null ? Security.IMAPS : security;
            port = port == null ? (security == Security.IMAPS ? 993 : 143) : port;
            auth = auth == null ? Auth.BASIC : auth;
            oauth = oauth == null ? new OAuth(null, null, null, null) : oauth;
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
            processedFolder = processedFolder == null || processedFolder.isBlank() ? "Processed" : processedFolder;
            quarantineFolder = quarantineFolder == null || quarantineFolder.isBlank() ? "Quarantine" : quarantineFolder;
            unknownSenders =
                    unknownSenders == null ? MailboxSettings.UnknownSenderPolicy.CREATE_EXTERNAL : unknownSenders;
            maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
            idle = idle == null || idle;
            pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
            enabled = enabled == null || enabled;
        }
    }

    /**
     * The OAuth 2 client-credentials grant of an XOAUTH2 mailbox.
     *
     * @param tokenUri the token endpoint ({@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token})
     * @param clientId the application (client) id
     * @param clientSecretRef where the client secret is ({@code env:VAR} or {@code file:/path})
     * @param scope the scope asked for (Microsoft 365: {@code https://outlook.office365.com/.default})
     */
    record OAuth(String tokenUri, String clientId, String clientSecretRef, String scope) {}

    /**
     * How the mailboxes are read.
     *
     * @param fetchBatch messages fetched (envelope, size, UID) in one round trip
     * @param idleRestart how long an IDLE lasts before it is ended to look at the folder again
     * @param connectTimeout the longest a connection may take
     * @param readTimeout the longest the server may stay silent (beyond an IDLE)
     * @param leaseDuration how long a replica holds a mailbox without renewing (another takes it over after)
     * @param checkInterval how often a replica renews its leases and looks for mailboxes nobody reads
     * @param initialBackoff the first pause after a failed connection, doubled with each failure
     * @param maxBackoff the longest pause
     * @param maxAttempts failed processings of one mail (the processor threw) before it is quarantined
     * @param enabled whether this replica reads mailboxes at all (worker replicas only)
     */
    record Reader(
            Integer fetchBatch,
            Duration idleRestart,
            Duration connectTimeout,
            Duration readTimeout,
            Duration leaseDuration,
            Duration checkInterval,
            Duration initialBackoff,
            Duration maxBackoff,
            Integer maxAttempts,
            Boolean enabled) {

        Reader {
            fetchBatch = fetchBatch == null || fetchBatch < 1 ? 50 : fetchBatch;
            idleRestart = idleRestart == null ? Duration.ofMinutes(1) : idleRestart;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(20) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
            leaseDuration = leaseDuration == null ? Duration.ofSeconds(90) : leaseDuration;
            checkInterval = checkInterval == null ? Duration.ofSeconds(20) : checkInterval;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
            maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
            enabled = enabled == null || enabled;
        }
    }
}
