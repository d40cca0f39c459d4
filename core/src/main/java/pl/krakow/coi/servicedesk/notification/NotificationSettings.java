package pl.krakow.coi.servicedesk.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;

/**
 * What the delivery side asks before it writes to anyone: how a unit receives its notifications and who heads it,
 * who a unit's active members are, the language a person is written to in, whether a person wants a kind of
 * notification, and who administers the licences. Reads the current state on every call (nothing is cached), so a
 * change through the admin API or a directory sync takes effect with the next notification.
 */
@Component
@EnableConfigurationProperties(NotificationSettingsProperties.class)
class NotificationSettings {

    /** How a unit receives the notifications addressed to it. */
    enum Delivery {
        /** One mail to the unit's mailbox. */
        MAILBOX,
        /** One mail to each active member of the unit who has an e-mail address. */
        AGENTS
    }

    /**
     * A unit's notification settings.
     *
     * @param mailbox the unit's mailbox address; set when {@code delivery} is {@link Delivery#MAILBOX}, may be set
     *     (and is then unused) otherwise, null when none
     * @param headUsername the username of the unit's head (told of an SLA breach in the unit), null when none
     */
    record UnitSettings(String unitCode, Delivery delivery, String mailbox, String headUsername) {

        /** The settings of a unit nobody configured: its active members, no mailbox, no head. */
        static UnitSettings defaults(String unitCode) {
            return new UnitSettings(unitCode, Delivery.AGENTS, null, null);
        }
    }

    private static final Locale DEFAULT_LANGUAGE = Locale.forLanguageTag(Person.DEFAULT_LANGUAGE);

    private final UnitNotificationSettings units;
    private final NotificationPreferences preferences;
    private final People people;
    private final NotificationSettingsProperties properties;

    NotificationSettings(
            UnitNotificationSettings units,
            NotificationPreferences preferences,
            People people,
            NotificationSettingsProperties properties) {
        this.units = units;
        this.preferences = preferences;
        this.people = people;
        this.properties = properties;
    }

    /** The unit's settings; for a unit without any (or an unknown code), {@link UnitSettings#defaults}. */
    UnitSettings unit(String unitCode) {
        return units.find(unitCode)
                .map(UnitNotificationSettings.Stored::settings)
                .orElseGet(() -> UnitSettings.defaults(unitCode));
    }

    /** The active people of the unit that have an e-mail address, by username. */
    List<Person> activeMembers(String unitCode) {
        return people.activeWithEmail(unitCode);
    }

    /** The language the person is written to in: theirs from the people register, Polish when unknown. */
    Locale language(String username) {
        return people.find(username)
                .map(Person::language)
                .filter(Person::supportedLanguage)
                .map(Locale::forLanguageTag)
                .orElse(DEFAULT_LANGUAGE);
    }

    /** Whether the person wants notifications of this kind: always for a mandatory kind, unless turned off otherwise. */
    boolean wants(String username, NotificationKind kind) {
        if (kind.mandatory()) {
            return true;
        }
        return !preferences.isTurnedOff(username, kind);
    }

    /**
     * The usernames of the licence administrators, in order and without repetition: those configured in
     * {@code servicedesk.notifications.licence-administrators} that are active in the people register and have an
     * e-mail address, then the active members with an e-mail address of the unit in
     * {@code servicedesk.notifications.licence-administrators-unit}.
     */
    List<String> licenceAdministrators() {
        Set<String> usernames = new LinkedHashSet<>();
        for (String username : properties.licenceAdministrators()) {
            people.find(username)
                    .filter(p -> p.active() && p.email() != null && !p.email().isBlank())
                    .ifPresent(p -> usernames.add(p.username()));
        }
        if (properties.licenceAdministratorsUnit() != null) {
            activeMembers(properties.licenceAdministratorsUnit()).forEach(p -> usernames.add(p.username()));
        }
        return List.copyOf(usernames);
    }
}
