package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.Optional;

/** The person a ticket is for, and the customer unit they work in. */
public record Requester(String username, String displayName, Optional<UnitCode> customerUnit) {

    public Requester {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("A requester needs a username");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
        customerUnit = customerUnit == null ? Optional.empty() : customerUnit;
    }
}
