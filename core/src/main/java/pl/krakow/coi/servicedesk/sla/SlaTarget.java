package pl.krakow.coi.servicedesk.sla;

/** The two service-level targets of a ticket. */
enum SlaTarget {
    /** Until the first response of the support lines (see {@link FirstResponseRule}). */
    RESPONSE,
    /** Until the ticket is resolved; paused while waiting for the requester, resumed by a reopen. */
    RESOLUTION
}
