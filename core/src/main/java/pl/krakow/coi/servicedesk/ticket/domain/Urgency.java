package pl.krakow.coi.servicedesk.ticket.domain;

/** How soon the requester's work suffers. */
public enum Urgency {
    HIGH,
    MEDIUM,
    LOW
}
