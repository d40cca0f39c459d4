package pl.krakow.coi.servicedesk.licence;

import java.util.EnumSet;
import java.util.Optional;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/** Items and callers for licence tests, created through the services as demo data would be. */
final class LicenceFixtures {

    /** What a seeding or import job runs as: maintains the CMDB and the register, reports software. */
    static final CurrentUser SEEDER = new CurrentUser(
            "system:seed",
            "Seeding",
            EnumSet.of(Role.CMDB_ADMIN, Role.LICENCE_ADMIN, Role.INTEGRATION),
            Optional.empty());

    private LicenceFixtures() {}

    /** A desktop used by {@code person} in a customer unit. */
    static ConfigurationItem desktop(CmdbService cmdb, String name, String person) {
        return cmdb.create(
                CiDetails.builder("WORKSTATION", name)
                        .hostname(name)
                        .serialNumber("SN-" + name)
                        .ownerUnit("KP-01")
                        .assignedTo(person, null)
                        .cores(4)
                        .build(),
                CiStatus.IN_USE,
                SEEDER);
    }

    static ConfigurationItem server(CmdbService cmdb, String name, Integer cores) {
        return cmdb.create(
                CiDetails.builder("SERVER", name).hostname(name).cores(cores).build(), CiStatus.IN_USE, SEEDER);
    }
}
