package pl.krakow.coi.servicedesk.notification;

/** Where a delivery stands. */
enum DeliveryState {
    /** Waiting to be sent (first time, or again after a failure, at its next attempt time). */
    PENDING,
    /** Claimed by a sender until its lease ends. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Given up after the last attempt: a dead letter an admin can retry. */
    FAILED,
    /** Not sent: the recipient turned the kind off, or the storm damper held it back. */
    SUPPRESSED,
    /**
     * Sent, then answered by a delivery status notification (a bounce): not delivered after all, the reason in the
     * log. Nothing sends it again, and the storm damper counts it as the mail it was.
     */
    BOUNCED
}
