package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.Optional;

/**
 * Who does something to a ticket, as recorded in its history.
 *
 * @param username stable login, or {@code system:<name>} for automatic work
 * @param displayName name shown in the history
 * @param unit the unit the actor acts for (an agent's support unit, a requester's customer unit)
 * @param kind what the actor is, for rules that depend on it (first response, requester replies)
 */
public record Actor(String username, String displayName, Optional<UnitCode> unit, Kind kind) {

    public enum Kind {
        REQUESTER,
        AGENT,
        MANAGER,
        SYSTEM
    }

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("An actor needs a username");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
        unit = unit == null ? Optional.empty() : unit;
    }

    public static Actor system(String name) {
        return new Actor("system:" + name, "System (" + name + ")", Optional.empty(), Kind.SYSTEM);
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }
}
