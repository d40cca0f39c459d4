package pl.krakow.coi.servicedesk.ingest.mail;

/** A mail that cannot be processed: it goes to the quarantine folder and the admins' list, with this reason. */
final class MailRejected extends Exception {

    /** Why; the {@code name()} is the stable code shown to admins. */
    enum Reason {
        MALFORMED_MIME,
        UNKNOWN_CHARSET,
        TOO_LARGE,
        ATTACHMENT_REFUSED,
        NO_SENDER
    }

    private final Reason reason;

    MailRejected(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    MailRejected(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
