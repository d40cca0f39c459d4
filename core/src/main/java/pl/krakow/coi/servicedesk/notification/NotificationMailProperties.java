package pl.krakow.coi.servicedesk.notification;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code servicedesk.notifications.*} as the templates and the mail composition read it (the delivery side binds
 * its own keys of the same prefix).
 *
 * @param from the sender of every notification, an address with an optional display name, e.g.
 *     {@code Service Desk COI <servicedesk@coi.krakow.pl>}
 * @param messageIdDomain the right-hand side of the {@code Message-ID}s; blank: the domain of {@link #from()}
 * @param templatesDirectory a directory whose templates (the same relative names as under the classpath's
 *     {@code notifications/}) win over the built-in ones; blank: none
 * @param templatesCacheTtl how long a template read from {@link #templatesDirectory()} is kept before the file is
 *     read again; zero: read on every use
 * @param replyTo the desk's mailbox that the e-mail channel reads (docs/ingest/email.md), sent as {@code Reply-To}
 *     so that a reply to a notification threads into its ticket, and the mails say so; blank: the mails ask not to
 *     be answered
 */
@ConfigurationProperties("servicedesk.notifications")
record NotificationMailProperties(
        @DefaultValue("Service Desk COI <servicedesk@coi.krakow.pl>")
        String from,

        String messageIdDomain,
        Path templatesDirectory,
        @DefaultValue("1m") Duration templatesCacheTtl,
        String replyTo) {

    public NotificationMailProperties {
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("servicedesk.notifications.from must not be blank");
        }
        if (templatesCacheTtl == null || templatesCacheTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "servicedesk.notifications.templates-cache-ttl must not be negative: " + templatesCacheTtl);
        }
    }
}
