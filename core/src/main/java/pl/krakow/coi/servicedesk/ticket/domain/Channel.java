package pl.krakow.coi.servicedesk.ticket.domain;

/** How a ticket reached the service desk. */
public enum Channel {
    PORTAL,
    EMAIL,
    PHONE,
    MONITORING,
    API
}
