package pl.krakow.coi.servicedesk.notification;

/**
 * What a notification tells its recipient. Each kind has a template in Polish and in English (HTML and plain
 * text). A kind that is not {@link #mandatory()} can be turned off by each person.
 */
enum NotificationKind {
    /** To the requester: the ticket is registered, its number, what happens next, when an answer is due. */
    TICKET_REGISTERED(true),
    /** To the requester: an agent's public comment. */
    PUBLIC_COMMENT(false),
    /** To the requester: a question, the ticket waits for them. */
    QUESTION(true),
    /** To the requester: resolved, with the resolution note and how to confirm or reopen. */
    RESOLVED(true),
    /** To the requester: closed. */
    CLOSED(false),
    /** To the unit that now holds the ticket: escalated or reassigned to it. */
    UNIT_RECEIVED(true),
    /** To the assignee: assigned to you. */
    ASSIGNED_TO_YOU(true),
    /** To the assignee: the requester answered. */
    REQUESTER_REPLIED(true),
    /** To the assignee: an SLA target is close to breach. */
    SLA_WARNING(false),
    /** To the assignee: an SLA target is breached. */
    SLA_BREACHED(true),
    /** To IT-04-2: remote hands requested. */
    REMOTE_HANDS_REQUESTED(true),
    /** To the deputy director: the ticket is escalated to them, with the reason. */
    DEPUTY_ESCALATION(true),
    /** To the unit head: an SLA breach in their unit. */
    UNIT_BREACH(false),
    /** To the uploader: the virus scanner found malware in a file they attached; it is quarantined. */
    ATTACHMENT_QUARANTINED(true),
    /** To licence administrators: licences expiring within 30, 60 or 90 days. */
    LICENCE_EXPIRING(true);

    private final boolean mandatory;

    NotificationKind(boolean mandatory) {
        this.mandatory = mandatory;
    }

    /** Whether a person cannot turn it off. */
    boolean mandatory() {
        return mandatory;
    }
}
