package pl.krakow.coi.servicedesk.testing;

import java.util.EnumSet;
import java.util.Optional;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/** Callers for tests: requesters, agents of a unit, managers, admins. */
public final class TestUsers {

    private TestUsers() {}

    public static CurrentUser requester(String username, String customerUnit) {
        return new CurrentUser(username, displayName(username), EnumSet.of(Role.REQUESTER), Optional.of(customerUnit));
    }

    public static CurrentUser agent(String username, String unit) {
        return new CurrentUser(username, displayName(username), EnumSet.of(Role.AGENT), Optional.of(unit));
    }

    public static CurrentUser firstLine(String username) {
        return agent(username, "IT-02-2");
    }

    public static CurrentUser manager(String username, String unit) {
        return new CurrentUser(username, displayName(username), EnumSet.of(Role.MANAGER), Optional.of(unit));
    }

    public static CurrentUser admin(String username) {
        return new CurrentUser(username, displayName(username), EnumSet.of(Role.ADMIN), Optional.empty());
    }

    public static CurrentUser with(String username, String unit, Role... roles) {
        return new CurrentUser(username, displayName(username), EnumSet.of(roles[0], roles), Optional.ofNullable(unit));
    }

    private static String displayName(String username) {
        StringBuilder name = new StringBuilder();
        for (String part : username.split("[._]")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1))
                        .append(' ');
            }
        }
        return name.toString().trim();
    }
}
