package pl.krakow.coi.servicedesk.ticket.domain;

/** The kinds of immutable events in a ticket's history. */
public enum TicketEventType {
    CREATED,
    UPDATED,
    PRIORITY_CHANGED,
    RECLASSIFIED,
    ASSIGNED,
    WORK_STARTED,
    ESCALATED,
    REASSIGNED,
    HANDED_BACK,
    REMOTE_HANDS_REQUESTED,
    REMOTE_HANDS_COMPLETED,
    WAITING_FOR_REQUESTER,
    REQUESTER_REPLIED,
    COMMENTED,
    RESOLVED,
    REOPENED,
    CLOSED,
    CANCELLED,
    ESCALATED_TO_DEPUTY,
    SLA_WARNING,
    SLA_BREACHED,
    REMOTE_HANDS_ASSIGNED,
    REMOTE_HANDS_CANCELLED,
    /** A file was attached to the ticket or to one of its comments (the attachment module). */
    ATTACHMENT_ADDED,
    /** An attachment was removed (a soft delete: the file is no longer served). */
    ATTACHMENT_REMOVED,
    /** The virus scanner found malware in an attachment; it is never served. */
    ATTACHMENT_QUARANTINED,
    /**
     * The ticket refers to another (the e-mail channel: a follow-up of a closed ticket, a stranger's mail about
     * someone's ticket); data: the other ticket's {@code linkedNumber} and the link's {@code kind}. Internal: the
     * requester of one ticket must not learn of the other from its history.
     */
    LINKED
}
