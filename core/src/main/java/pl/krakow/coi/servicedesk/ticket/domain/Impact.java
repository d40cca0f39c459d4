package pl.krakow.coi.servicedesk.ticket.domain;

/** How widely the problem affects the City Hall's work. */
public enum Impact {
    HIGH,
    MEDIUM,
    LOW
}
