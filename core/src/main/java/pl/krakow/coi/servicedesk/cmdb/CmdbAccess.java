package pl.krakow.coi.servicedesk.cmdb;

import java.util.Map;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * Who may do what in the CMDB.
 *
 * <ul>
 *   <li>Staff read it: agents, managers, admins, the CMDB, licence and disposal roles, integrations.
 *       Requesters do not.
 *   <li>The CMDB admin (IT-01-3, §4.3) maintains every item, the classes and merges duplicates.
 *   <li>Agents of a class's lifecycle unit (IT-04-2 for workstation assets, §13) register, edit, relate
 *       and move items of that class through their lifecycle.
 *   <li>Integrations (inventory agents, imports) register and update items.
 *   <li>Only the disposal role (IT-03-2, §11.16–17) disposes of retired items; the lifecycle rule checks it.
 * </ul>
 */
@Component
class CmdbAccess {

    public boolean mayRead(CurrentUser user) {
        return user.hasAny(
                Role.AGENT,
                Role.MANAGER,
                Role.ADMIN,
                Role.CMDB_ADMIN,
                Role.LICENCE_ADMIN,
                Role.DISPOSAL,
                Role.INTEGRATION);
    }

    /** Whether {@code user} may register, edit, relate or move through the lifecycle items of {@code ciClass}. */
    public boolean mayMaintain(CurrentUser user, CiClass ciClass) {
        if (user.hasAny(Role.CMDB_ADMIN, Role.INTEGRATION)) {
            return true;
        }
        return user.has(Role.AGENT)
                && ciClass.lifecycleUnit() != null
                && user.unit().map(u -> u.equals(ciClass.lifecycleUnit())).orElse(false);
    }

    public void requireRead(CurrentUser user) {
        if (!mayRead(user)) {
            throw forbidden("read the CMDB", Map.of());
        }
    }

    public void requireMaintain(CurrentUser user, CiClass ciClass) {
        if (!mayMaintain(user, ciClass)) {
            throw forbidden(
                    "maintain items of class " + ciClass.code()
                            + (ciClass.lifecycleUnit() == null
                                    ? " (CMDB admins do)"
                                    : " (CMDB admins and agents of " + ciClass.lifecycleUnit() + " do)"),
                    Map.of("class", ciClass.code()));
        }
    }

    public void requireAdmin(CurrentUser user, String what) {
        if (!user.has(Role.CMDB_ADMIN)) {
            throw forbidden(what + " (the CMDB admin, IT-01-3, does)", Map.of());
        }
    }

    private static ServiceDeskException forbidden(String what, Map<String, ?> properties) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.FORBIDDEN,
                "action-not-allowed",
                "Not allowed",
                "You may not " + what,
                properties);
    }
}
