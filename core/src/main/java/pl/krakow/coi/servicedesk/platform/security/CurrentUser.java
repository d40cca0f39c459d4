package pl.krakow.coi.servicedesk.platform.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller.
 *
 * @param username the stable login (the token's subject)
 * @param displayName the person's name, for audit trails
 * @param roles what the caller may do
 * @param unit the caller's unit code: the support unit of an agent, the customer unit of a requester
 */
public record CurrentUser(String username, String displayName, Set<Role> roles, Optional<String> unit) {

    public CurrentUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        unit = unit == null ? Optional.empty() : unit.filter(u -> !u.isBlank());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** A system actor for work nobody triggered by hand (timers, relays, imports). */
    public static CurrentUser system(String name) {
        return new CurrentUser("system:" + name, "System (" + name + ")", Set.of(Role.INTEGRATION), Optional.empty());
    }
}
