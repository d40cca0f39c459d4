package pl.krakow.coi.servicedesk.ticket.domain;

/** Which support line currently holds a ticket. */
public enum SupportLine {
    /** IT-02-2, the Service Desk. */
    FIRST,
    /** The competent unit: IT-04-x, IT-05-x. */
    SECOND,
    /** IT-02-1, for security incidents. */
    SECURITY
}
