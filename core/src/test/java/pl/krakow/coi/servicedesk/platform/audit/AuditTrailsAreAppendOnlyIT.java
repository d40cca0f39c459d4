package pl.krakow.coi.servicedesk.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.workstation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The audit trails are append-only in the database itself: UPDATE, DELETE and TRUNCATE sent straight
 * through JDBC are refused, whatever the application does.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailsAreAppendOnlyIT {

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser admin = TestUsers.admin("alicja.admin");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void aRowInEveryTrail() {
        JsonCalls http = new JsonCalls(api);
        long ticket = http.post(
                        anna, "/api/v1/tickets", Map.of("title", "Mysz nie działa", "description", "Kursor stoi."))
                .expect(201)
                .id();
        http.post(anna, "/api/v1/tickets/{id}/comments", Map.of("body", "Wymieniłam baterie, dalej nic."), ticket)
                .expect(200);
        http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0999")).expect(201);
        jdbc.sql("""
                        INSERT INTO licence_audit (entity_type, entity_id, action, actor, actor_name, occurred_at)
                        VALUES ('LICENCE', 1, 'CREATED', 'lech.licencja', 'Lech Licencja', now())
                        """).update();
        JsonCalls.Response unit = http.get(admin, "/api/v1/units/KP-01").expect(200);
        Map<String, Object> body = new LinkedHashMap<>();
        unit.body().properties().forEach(e -> body.put(e.getKey(), value(e.getValue())));
        body.put("nameEn", "Mayor's Office (renamed)");
        http.put(admin, "/api/v1/units/KP-01", body, unit.etag()).expect(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ticket_event, actor",
        "ticket_comment, body",
        "ci_event, actor",
        "licence_audit, actor",
        "catalogue_audit, actor"
    })
    void updateDeleteAndTruncateAreRefused(String table, String column) {
        long rows = count(table);
        assertThat(rows).as("rows in %s", table).isPositive();
        assertThatThrownBy(() -> jdbc.sql("UPDATE " + table + " SET " + column + " = 'someone.else'")
                        .update())
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM " + table).update()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE " + table + " CASCADE").update())
                .hasMessageContaining("immutable");
        assertThat(count(table)).isEqualTo(rows);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        return node.asString();
    }
}
