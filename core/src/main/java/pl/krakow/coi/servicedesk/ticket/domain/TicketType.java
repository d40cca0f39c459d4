package pl.krakow.coi.servicedesk.ticket.domain;

/** What a ticket is about; fixes the prefix of its number. */
public enum TicketType {
    INCIDENT("INC"),
    SERVICE_REQUEST("REQ"),
    SECURITY_INCIDENT("SEC");

    private final String prefix;

    TicketType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
