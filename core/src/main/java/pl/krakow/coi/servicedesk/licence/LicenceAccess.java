package pl.krakow.coi.servicedesk.licence;

import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * Who may do what in the licence register: staff read it; the licence admin (IT-04-3, §14) keeps the
 * catalogue, the rules and the licences; the CMDB admin may also record installations by hand; inventory
 * agents and imports (integrations) report installed software.
 */
@Component
class LicenceAccess {

    public void requireRead(CurrentUser user) {
        if (!user.hasAny(
                Role.AGENT,
                Role.MANAGER,
                Role.ADMIN,
                Role.CMDB_ADMIN,
                Role.LICENCE_ADMIN,
                Role.DISPOSAL,
                Role.INTEGRATION)) {
            throw forbidden("read the licence register");
        }
    }

    public void requireLicenceAdmin(CurrentUser user, String what) {
        if (!user.has(Role.LICENCE_ADMIN)) {
            throw forbidden(what + " (the licence admin, IT-04-3, does)");
        }
    }

    public void requireInventory(CurrentUser user) {
        if (!user.hasAny(Role.INTEGRATION, Role.LICENCE_ADMIN, Role.CMDB_ADMIN)) {
            throw forbidden("report installed software (inventory agents and imports do)");
        }
    }

    public void requireManualInstallation(CurrentUser user) {
        if (!user.hasAny(Role.LICENCE_ADMIN, Role.CMDB_ADMIN)) {
            throw forbidden("record installations by hand (the licence and CMDB admins do)");
        }
    }

    private static ServiceDeskException forbidden(String what) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.FORBIDDEN, "action-not-allowed", "Not allowed", "You may not " + what);
    }
}
