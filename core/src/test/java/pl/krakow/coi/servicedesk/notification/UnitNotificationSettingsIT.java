package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.Delivery;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.UnitSettings;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The units' notification settings: admins only, defaults for a unit nobody configured, validated with
 * problem+json, audited with the admin's name, and what {@link NotificationSettings#unit} answers.
 */
@IntegrationTest
class UnitNotificationSettingsIT {

    static final String URI = "/api/v1/notification-settings/units/{code}";

    final CurrentUser admin = TestUsers.admin("admin.coi");
    final CurrentUser agent = TestUsers.agent("ewa.zielinska", "IT-04-2");
    final CurrentUser manager = TestUsers.manager("kierownik.it042", "IT-04-2");

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
        jdbc.sql("DELETE FROM notification_unit_setting").update();
        people.upsert(
                "kierownik.it042",
                "Kierownik IT-04-2",
                "kierownik.it042@um.krakow.pl",
                "IT-04-2",
                "manual",
                Instant.now());
        people.upsert("odszedl", "Odszedł", null, "IT-04-2", "gone", Instant.now());
        people.deactivateMissing("gone", java.util.List.of(), Instant.now());
    }

    @Test
    void onlyAdminsReadOrChangeThem() {
        for (CurrentUser other : new CurrentUser[] {agent, manager, TestUsers.requester("anna.nowak", "KP-01")}) {
            http.get(other, "/api/v1/notification-settings/units").problem(403, "forbidden");
            http.get(other, URI, "IT-04-2").problem(403, "forbidden");
            http.put(other, URI, change("AGENTS", null, null), null, "IT-04-2").problem(403, "forbidden");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM notification_unit_setting")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aUnitNobodyConfiguredGoesToItsActiveMembersWithoutAHead() {
        JsonCalls.Response read = http.get(admin, URI, "IT-04-2").expect(200);
        assertThat(read.body().get("delivery").asString()).isEqualTo("AGENTS");
        assertThat(read.body().get("configured").asBoolean()).isFalse();
        assertThat(read.body().path("mailbox").isNull()
                        || read.body().path("mailbox").isMissingNode())
                .isTrue();
        assertThat(read.etag()).isEqualTo("\"0\"");
        assertThat(settings.unit("IT-04-2")).isEqualTo(new UnitSettings("IT-04-2", Delivery.AGENTS, null, null));
        assertThat(settings.unit("NO-SUCH")).isEqualTo(new UnitSettings("NO-SUCH", Delivery.AGENTS, null, null));
        JsonNode all = http.get(admin, "/api/v1/notification-settings/units")
                .expect(200)
                .body();
        assertThat(all.findValuesAsString("unitCode")).contains("IT-04-2", "COI-Z1", "KP-01");
    }

    @Test
    void anAdminSetsTheMailboxOrTheAgentsAndTheHeadAndTheChangeIsAudited() {
        JsonCalls.Response set = http.put(
                        admin, URI, change("MAILBOX", " IT-04-2@UM.Krakow.pl ", "kierownik.it042"), "\"0\"", "IT-04-2")
                .expect(200);
        assertThat(set.body().get("configured").asBoolean()).isTrue();
        assertThat(settings.unit("IT-04-2"))
                .isEqualTo(new UnitSettings("IT-04-2", Delivery.MAILBOX, "it-04-2@um.krakow.pl", "kierownik.it042"));

        http.put(admin, URI, change("AGENTS", null, "kierownik.it042"), set.etag(), "IT-04-2")
                .expect(200);
        assertThat(settings.unit("IT-04-2"))
                .isEqualTo(new UnitSettings("IT-04-2", Delivery.AGENTS, null, "kierownik.it042"));
        http.put(admin, URI, change("AGENTS", null, null), set.etag(), "IT-04-2")
                .problem(412, "stale-version");

        JsonNode history =
                http.get(admin, URI + "/history", "IT-04-2").expect(200).body();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("action").asString()).isEqualTo("UPDATED");
        assertThat(history.get(0).get("actor").asString()).isEqualTo("admin.coi");
        assertThat(history.get(0).get("changed").toString())
                .contains("delivery")
                .contains("mailbox");
        assertThat(history.get(1).get("action").asString()).isEqualTo("CREATED");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        http.put(admin, URI, change(null, null, null), null, "IT-04-2").problem(400, "invalid-delivery");
        http.put(admin, URI, change("EVERYONE", null, null), null, "IT-04-2").problem(400, "invalid-delivery");
        http.put(admin, URI, change("MAILBOX", null, null), null, "IT-04-2").problem(400, "mailbox-required");
        http.put(admin, URI, change("MAILBOX", "  ", null), null, "IT-04-2").problem(400, "mailbox-required");
        http.put(admin, URI, change("MAILBOX", "not an address", null), null, "IT-04-2")
                .problem(400, "invalid-mailbox");
        http.put(admin, URI, change("MAILBOX", "a@b.pl, c@d.pl", null), null, "IT-04-2")
                .problem(400, "invalid-mailbox");
        http.put(admin, URI, change("MAILBOX", "x".repeat(250) + "@um.krakow.pl", null), null, "IT-04-2")
                .problem(400, "invalid-mailbox");
        http.put(admin, URI, change("AGENTS", null, "nikt.taki"), null, "IT-04-2")
                .problem(400, "unknown-head");
        http.put(admin, URI, change("AGENTS", null, "odszedl"), null, "IT-04-2").problem(400, "unknown-head");
        http.put(admin, URI, change("AGENTS", null, null), null, "XX-99").problem(404, "not-found");
        http.get(admin, URI, "XX-99").problem(404, "not-found");
        http.put(admin, URI, change("AGENTS", null, null), "\"abc\"", "IT-04-2").problem(400, "malformed-if-match");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_unit_setting")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM notification_unit_setting_audit")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static Map<String, Object> change(String delivery, String mailbox, String head) {
        Map<String, Object> body = new HashMap<>();
        body.put("delivery", delivery);
        body.put("mailbox", mailbox);
        body.put("headUsername", head);
        return body;
    }
}
