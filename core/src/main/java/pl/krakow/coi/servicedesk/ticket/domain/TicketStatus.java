package pl.krakow.coi.servicedesk.ticket.domain;

/** Where a ticket is in its lifecycle. */
public enum TicketStatus {
    /** Registered at the first line, not yet taken by anyone. */
    NEW,
    /** In a unit's queue (after escalation or reassignment) or taken by an agent, work not started. */
    ASSIGNED,
    IN_PROGRESS,
    /** The agent asked the requester something; the SLA clock pauses. */
    WAITING_FOR_REQUESTER,
    RESOLVED,
    CLOSED,
    CANCELLED;

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED && this != CANCELLED;
    }
}
