package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Personal preferences: every kind listed, the ones that are not mandatory turned off and on by the person, a
 * mandatory one never; {@link NotificationSettings#wants} follows them. Also the bean's other answers: language,
 * active members.
 */
@IntegrationTest(
        properties = {
            "servicedesk.notifications.licence-administrators=lic.admin, odszedl, nikt.taki, bez.maila",
            "servicedesk.notifications.licence-administrators-unit=IT-04-3"
        })
class NotificationPreferencesIT {

    static final String URI = "/api/v1/me/notification-preferences";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-01");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    @Autowired
    NotificationSettings settings;

    JsonCalls http;

    @BeforeEach
    void clean() {
        http = new JsonCalls(api);
        jdbc.sql("DELETE FROM notification_opt_out").update();
        jdbc.sql("DELETE FROM person").update();
    }

    @Test
    void everyKindIsListedWithWhetherItIsMandatoryAndAllAreOnAtFirst() {
        JsonNode list = http.get(anna, URI).expect(200).body();
        assertThat(list.size()).isEqualTo(NotificationKind.values().length);
        for (JsonNode preference : list) {
            NotificationKind kind =
                    NotificationKind.valueOf(preference.get("kind").asString());
            assertThat(preference.get("mandatory").asBoolean()).isEqualTo(kind.mandatory());
            assertThat(preference.get("enabled").asBoolean()).isTrue();
            assertThat(settings.wants("anna.nowak", kind)).isTrue();
        }
    }

    @Test
    void aPersonTurnsOffWhatIsNotMandatoryAndOnAgain() {
        JsonNode after = http.put(
                        anna,
                        URI,
                        List.of(
                                Map.of("kind", "PUBLIC_COMMENT", "enabled", false),
                                Map.of("kind", "SLA_WARNING", "enabled", false),
                                Map.of("kind", "RESOLVED", "enabled", true)),
                        null)
                .expect(200)
                .body();
        assertThat(enabled(after, "PUBLIC_COMMENT")).isFalse();
        assertThat(enabled(after, "SLA_WARNING")).isFalse();
        assertThat(enabled(after, "CLOSED")).isTrue();
        assertThat(settings.wants("anna.nowak", NotificationKind.PUBLIC_COMMENT))
                .isFalse();
        assertThat(settings.wants("anna.nowak", NotificationKind.SLA_WARNING)).isFalse();
        assertThat(settings.wants("anna.nowak", NotificationKind.CLOSED)).isTrue();
        assertThat(settings.wants("piotr.wisniewski", NotificationKind.PUBLIC_COMMENT))
                .as("one person's choice only")
                .isTrue();
        assertThat(enabled(http.get(anna, URI).expect(200).body(), "PUBLIC_COMMENT"))
                .isFalse();
        assertThat(enabled(http.get(piotr, URI).expect(200).body(), "PUBLIC_COMMENT"))
                .isTrue();

        http.put(anna, URI, List.of(Map.of("kind", "public_comment", "enabled", true)), null)
                .expect(200);
        assertThat(settings.wants("anna.nowak", NotificationKind.PUBLIC_COMMENT))
                .isTrue();
        assertThat(settings.wants("anna.nowak", NotificationKind.SLA_WARNING)).isFalse();
    }

    @Test
    void aMandatoryKindCannotBeTurnedOffAndTheWholeChangeIsRefused() {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind.mandatory()) {
                http.put(
                                anna,
                                URI,
                                List.of(
                                        Map.of("kind", "PUBLIC_COMMENT", "enabled", false),
                                        Map.of("kind", kind.name(), "enabled", false)),
                                null)
                        .problem(422, "notification-kind-mandatory");
                assertThat(settings.wants("anna.nowak", kind)).isTrue();
            }
        }
        assertThat(settings.wants("anna.nowak", NotificationKind.PUBLIC_COMMENT))
                .as("nothing of a refused change applied")
                .isTrue();
        // Even a row written behind the API's back does not turn a mandatory kind off.
        jdbc.sql("INSERT INTO notification_opt_out (username, kind) VALUES ('anna.nowak', 'RESOLVED')")
                .update();
        assertThat(settings.wants("anna.nowak", NotificationKind.RESOLVED)).isTrue();
        assertThat(enabled(http.get(anna, URI).expect(200).body(), "RESOLVED")).isTrue();
    }

    @Test
    void badChangesAreProblems() {
        http.put(anna, URI, List.of(Map.of("kind", "NO_SUCH_KIND", "enabled", false)), null)
                .problem(400, "unknown-notification-kind");
        http.put(anna, URI, List.of(Map.of("kind", "PUBLIC_COMMENT")), null)
                .problem(400, "invalid-notification-preference");
        http.put(anna, URI, Map.of("kind", "PUBLIC_COMMENT"), null).problem(400, "malformed-request");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_opt_out")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void languageIsThePersonsAndPolishOtherwise() {
        people.upsert("anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "en", "manual", Instant.now());
        people.upsert("piotr.wisniewski", "Piotr Wiśniewski", null, "KP-01", "manual", Instant.now());
        assertThat(settings.language("anna.nowak")).isEqualTo(Locale.ENGLISH);
        assertThat(settings.language("piotr.wisniewski")).isEqualTo(Locale.forLanguageTag("pl"));
        assertThat(settings.language("nikt.taki")).isEqualTo(Locale.forLanguageTag("pl"));
    }

    @Test
    void activeMembersAreTheUnitsActivePeopleWithAnEmailAddress() {
        Instant now = Instant.now();
        people.upsert("ewa.zielinska", "Ewa Zielińska", "ewa.zielinska@um.krakow.pl", "IT-04-2", "manual", now);
        people.upsert("adam.krol", "Adam Król", null, "IT-04-2", "manual", now);
        people.upsert("marek.lis", "Marek Lis", "marek.lis@um.krakow.pl", "IT-04-1", "manual", now);
        people.upsert("odszedl", "Odszedł", "odszedl@um.krakow.pl", "IT-04-2", "gone", now);
        people.deactivateMissing("gone", List.of(), now);
        assertThat(settings.activeMembers("IT-04-2"))
                .extracting(Person::username)
                .containsExactly("ewa.zielinska");
    }

    @Test
    void licenceAdministratorsAreTheConfiguredPeopleAndTheUnitsMembersWhoCanBeWrittenTo() {
        Instant now = Instant.now();
        people.upsert("lic.admin", "Licencje Admin", "lic.admin@um.krakow.pl", "IT-01-1", "manual", now);
        people.upsert("bez.maila", "Bez Maila", null, "IT-01-1", "manual", now);
        people.upsert("odszedl", "Odszedł", "odszedl@um.krakow.pl", "IT-01-1", "gone", now);
        people.deactivateMissing("gone", List.of(), now);
        people.upsert("zofia.lic", "Zofia Lic", "zofia.lic@um.krakow.pl", "IT-04-3", "manual", now);
        people.upsert("lic.admin2", "Lic Admin2", "lic.admin2@um.krakow.pl", "IT-04-3", "manual", now);
        assertThat(settings.licenceAdministrators()).containsExactly("lic.admin", "lic.admin2", "zofia.lic");
    }

    private static boolean enabled(JsonNode list, String kind) {
        for (JsonNode preference : list) {
            if (preference.get("kind").asString().equals(kind)) {
                return preference.get("enabled").asBoolean();
            }
        }
        throw new AssertionError(kind + " not listed");
    }
}
