package pl.krakow.coi.servicedesk.ticket.domain;

/** How a ticket was resolved. */
public enum Resolution {
    /** The fault was fixed or the request fulfilled. */
    FIXED,
    /** A workaround restores work; the cause remains (a problem candidate). */
    WORKAROUND,
    /** The requester was shown how to do it. */
    USER_INSTRUCTED,
    /** Nothing wrong was found. */
    NO_FAULT_FOUND,
    /** Another ticket covers it. */
    DUPLICATE,
    /** Out of scope or not allowed. */
    REJECTED,
    /** Needs a change through change management (IT-01-1). */
    CHANGE_REQUIRED
}
