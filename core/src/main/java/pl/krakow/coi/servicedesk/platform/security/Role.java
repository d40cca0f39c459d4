package pl.krakow.coi.servicedesk.platform.security;

/** What a caller may do; carried in the token's roles claim. */
public enum Role {
    /** An employee filing tickets: sees and comments on own tickets only. */
    REQUESTER,
    /** A support-line agent bound to a unit: works its queue and the tickets it handled. */
    AGENT,
    /** The Director, the deputies, the Chief Strategist: read everything, including KPIs. */
    MANAGER,
    /** Maintains the service catalogue, units and calendars. */
    ADMIN,
    /** Maintains the CMDB (IT-01-3). */
    CMDB_ADMIN,
    /** Maintains the licence register (IT-04-3). */
    LICENCE_ADMIN,
    /** Disposes of retired assets (IT-03-2). */
    DISPOSAL,
    /** A machine client: inventory agents, monitoring, imports. */
    INTEGRATION;

    public String authority() {
        return "ROLE_" + name();
    }
}
