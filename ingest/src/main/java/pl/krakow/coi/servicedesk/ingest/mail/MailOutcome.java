package pl.krakow.coi.servicedesk.ingest.mail;

/**
 * What one mail became.
 *
 * @param kind the outcome
 * @param ticketId the ticket made or touched, or null
 * @param reason for held and quarantined mail, the stable code ({@link MailRejected.Reason}, {@code UNKNOWN_SENDER},
 *     {@code RATE_LIMITED}); otherwise a short word on why (the automatic header, the linked ticket), or null
 * @param sender the sender's address as parsed, or null
 * @param subject the decoded subject as parsed, or null
 */
record MailOutcome(Kind kind, Long ticketId, String reason, String sender, String subject) {

    enum Kind {
        /** A new ticket. */
        TICKET_CREATED(false),
        /** A public comment on the ticket it answers. */
        COMMENTED(false),
        /** A reply to a resolved ticket within the reopen window: reopened, the reply as the reason. */
        REOPENED(false),
        /** A delivery status notification: the notification it answers marked undelivered. */
        BOUNCE_RECORDED(false),
        /** Written by a program (auto-reply, list, bulk): nothing done. */
        IGNORED_AUTOMATIC(false),
        /** The desk's own notification read back: nothing done. */
        IGNORED_OWN(false),
        /** An unknown sender where the mailbox refuses them: kept for review. */
        HELD_UNKNOWN_SENDER(true),
        /** Over the sender's rate limit: kept for review. */
        RATE_LIMITED(true),
        /** Could not be processed (malformed, unknown charset, too large, refused attachment). */
        QUARANTINED(true);

        private final boolean quarantine;

        Kind(boolean quarantine) {
            this.quarantine = quarantine;
        }

        /** Whether the mail goes to the quarantine folder (and the admins' list) rather than the processed one. */
        boolean quarantine() {
            return quarantine;
        }
    }
}
