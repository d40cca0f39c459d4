package pl.krakow.coi.servicedesk.notification;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;

/**
 * STAND-IN until the {@code unitcfg} branch is merged (which replaces this file): the unit settings, members,
 * language and opt-outs the delivery side asks for, with the signatures that branch provides.
 */
@Component
class NotificationSettings {

    enum Delivery {
        MAILBOX,
        AGENTS
    }

    record UnitSettings(String unitCode, Delivery delivery, String mailbox, String headUsername) {

        static UnitSettings defaults(String unitCode) {
            return new UnitSettings(unitCode, Delivery.AGENTS, null, null);
        }
    }

    private final People people;

    NotificationSettings(People people) {
        this.people = people;
    }

    UnitSettings unit(String unitCode) {
        return UnitSettings.defaults(unitCode);
    }

    List<Person> activeMembers(String unitCode) {
        return people.search(unitCode, null, true, 0, 100).stream()
                .filter(p -> p.email() != null && !p.email().isBlank())
                .toList();
    }

    Locale language(String username) {
        return Locale.forLanguageTag("pl");
    }

    boolean wants(String username, NotificationKind kind) {
        return true;
    }

    List<String> licenceAdministrators() {
        return List.of();
    }
}
