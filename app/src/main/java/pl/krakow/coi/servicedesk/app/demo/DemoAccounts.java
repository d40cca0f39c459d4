package pl.krakow.coi.servicedesk.app.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/** The embedded run's demo users: one per role and unit, all with the password {@value #PASSWORD}. */
final class DemoAccounts {

    static final String PASSWORD = "demo";
    static final String EMPLOYEE_DOMAIN = "um.krakow.pl";
    static final String STAFF_DOMAIN = "coi.krakow.pl";
    /** The people register's {@code source} of the demo people (the directory sync deactivates only its own). */
    static final String PEOPLE_SOURCE = "demo";

    static final List<CurrentUser> REQUESTERS = List.of(
            user("anna.nowak", "Anna Nowak", "KP-01", Role.REQUESTER),
            user("piotr.wisniewski", "Piotr Wiśniewski", "KP-03", Role.REQUESTER),
            user("maria.kaczmarek", "Maria Kaczmarek", "KP-04", Role.REQUESTER),
            user("tadeusz.mazur", "Tadeusz Mazur", "KP-02", Role.REQUESTER),
            user("barbara.jankowska", "Barbara Jankowska", "KP-05", Role.REQUESTER));

    static final List<CurrentUser> AGENTS = List.of(
            user("jan.kowalski", "Jan Kowalski", "IT-02-2", Role.AGENT),
            user("olga.sowa", "Olga Sowa", "IT-02-1", Role.AGENT),
            user("marek.lis", "Marek Lis", "IT-04-1", Role.AGENT),
            user("ewa.zielinska", "Ewa Zielińska", "IT-04-2", Role.AGENT),
            user("adam.krol", "Adam Król", "IT-04-3", Role.AGENT),
            user("tomasz.wrobel", "Tomasz Wróbel", "IT-04-4", Role.AGENT),
            user("zofia.pawlak", "Zofia Pawlak", "IT-05-1", Role.AGENT),
            user("krzysztof.dudek", "Krzysztof Dudek", "IT-05-2", Role.AGENT),
            user("agnieszka.wojcik", "Agnieszka Wójcik", "IT-05-3", Role.AGENT),
            user("pawel.kaminski", "Paweł Kamiński", "IT-05-4", Role.AGENT));

    static final List<CurrentUser> MANAGEMENT = List.of(
            user("dyrektor", "Dyrektor COI", "COI-DYR", Role.MANAGER),
            user("zastepca1", "I Zastępca Dyrektora", "COI-Z1", Role.MANAGER),
            user("zastepca2", "II Zastępca Dyrektora", "COI-Z2", Role.MANAGER),
            user("zastepca3", "III Zastępca Dyrektora", "COI-Z3", Role.MANAGER),
            user("strateg", "Główny Miejski Strateg", "IT-08", Role.MANAGER),
            user("kierownik.it042", "Kierownik IT-04-2", "IT-04-2", Role.MANAGER));

    static final List<CurrentUser> ADMINISTRATION = List.of(
            new CurrentUser(
                    "admin",
                    "Administrator katalogu",
                    EnumSet.of(Role.ADMIN, Role.CMDB_ADMIN, Role.LICENCE_ADMIN),
                    Optional.of("IT-01-3")),
            user("likwidacja", "Referat organizacyjno-prawny", "IT-03-2", Role.DISPOSAL),
            user("integracja", "Integracje (monitoring, agenci)", null, Role.INTEGRATION));

    private DemoAccounts() {}

    static List<CurrentUser> all() {
        return java.util.stream.Stream.of(REQUESTERS, AGENTS, MANAGEMENT, ADMINISTRATION)
                .flatMap(List::stream)
                .toList();
    }

    /**
     * The people of the register and of the demo mail server: every account but the integration one (a system
     * account is never a recipient).
     */
    static List<CurrentUser> people() {
        return all().stream()
                .filter(user -> !user.roles().contains(Role.INTEGRATION))
                .toList();
    }

    /**
     * A demo person's e-mail address: employees of the City Hall's departments at {@value #EMPLOYEE_DOMAIN}, the
     * IT Service Centre's staff at {@value #STAFF_DOMAIN}.
     */
    static String email(CurrentUser user) {
        return user.username() + "@"
                + (user.roles().equals(EnumSet.of(Role.REQUESTER)) ? EMPLOYEE_DOMAIN : STAFF_DOMAIN);
    }

    static CurrentUser agentOf(String unit) {
        return AGENTS.stream()
                .filter(a -> a.unit().orElse("").equals(unit))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo agent for " + unit));
    }

    private static CurrentUser user(String username, String name, String unit, Role role) {
        return new CurrentUser(username, name, EnumSet.of(role), Optional.ofNullable(unit));
    }
}
