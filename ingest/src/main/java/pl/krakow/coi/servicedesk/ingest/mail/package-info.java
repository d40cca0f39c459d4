/**
 * The e-mail channel (issue 24): a worker reads the desk's mailboxes over IMAP (one reader per mailbox across
 * replicas), and each mail becomes a ticket, a comment on the ticket it answers, a bounce recorded against the
 * notification it answers, or is held for review; automatic mail never becomes a ticket or a comment, and nothing is
 * lost or processed twice.
 *
 * <p>Parts: {@link pl.krakow.coi.servicedesk.ingest.mail.MailParser} (raw message to {@link
 * pl.krakow.coi.servicedesk.ingest.mail.InboundMail}), the mailbox reader (connection, lease, dedupe, folders), and
 * the {@link pl.krakow.coi.servicedesk.ingest.mail.MailProcessor} (what a mail becomes).
 */
package pl.krakow.coi.servicedesk.ingest.mail;
