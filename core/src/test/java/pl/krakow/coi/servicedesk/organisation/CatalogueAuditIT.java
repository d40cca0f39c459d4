package pl.krakow.coi.servicedesk.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** Who moved a category to another unit, or changed a unit, is recorded, and admins read it. */
@IntegrationTest
class CatalogueAuditIT {

    final CurrentUser admin = TestUsers.admin("alicja.admin");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @Test
    void movingACategoryToAnotherUnitRecordsWhoWhenAndFromWhereToWhere() {
        JsonCalls.Response current =
                http().get(admin, "/api/v1/categories/VOIP-FAULT").expect(200);
        Map<String, Object> moved = body(current.body());
        moved.put("unitCode", "IT-04-1");
        http().put(admin, "/api/v1/categories/VOIP-FAULT", moved, current.etag())
                .expect(200);

        JsonNode history = http().get(admin, "/api/v1/categories/VOIP-FAULT/history")
                .expect(200)
                .body();
        assertThat(history).hasSize(1);
        JsonNode change = history.get(0);
        assertThat(change.get("entityType").asString()).isEqualTo("CATEGORY");
        assertThat(change.get("code").asString()).isEqualTo("VOIP-FAULT");
        assertThat(change.get("action").asString()).isEqualTo("UPDATED");
        assertThat(change.get("actor").asString()).isEqualTo("alicja.admin");
        assertThat(change.get("actorName").asString()).isEqualTo("Alicja Admin");
        assertThat(change.get("occurredAt").asString()).isNotBlank();
        assertThat(change.get("changed").toString()).isEqualTo("[\"unit_code\"]");
        assertThat(change.get("before").get("unit_code").asString()).isEqualTo("IT-04-4");
        assertThat(change.get("after").get("unit_code").asString()).isEqualTo("IT-04-1");

        assertThat(http().get(admin, "/api/v1/catalogue/changes?entityType=CATEGORY")
                        .expect(200)
                        .body()
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("VOIP-FAULT");
    }

    @Test
    void creatingAndChangingAUnitIsRecorded() {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("code", "KP-AUD");
        unit.put("namePl", "Wydział Audytu");
        unit.put("nameEn", "Audit Department");
        unit.put("kind", "CUSTOMER");
        unit.put("supportRole", "NONE");
        unit.put("active", true);
        String etag = http().post(admin, "/api/v1/units", unit).expect(201).etag();
        unit.put("active", false);
        http().put(admin, "/api/v1/units/KP-AUD", unit, etag).expect(200);

        JsonNode history =
                http().get(admin, "/api/v1/units/KP-AUD/history").expect(200).body();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("action").asString()).isEqualTo("UPDATED");
        assertThat(history.get(0).get("changed").toString()).isEqualTo("[\"active\"]");
        assertThat(history.get(0).get("before").get("active").asBoolean()).isTrue();
        assertThat(history.get(1).get("action").asString()).isEqualTo("CREATED");
        assertThat(history.get(1).has("before")).isFalse();
        assertThat(history.get(1).get("after").get("name_pl").asString()).isEqualTo("Wydział Audytu");
        assertThat(history.get(1).get("actor").asString()).isEqualTo("alicja.admin");
    }

    @Test
    void aChangeOutsideTheApiIsRecordedUnderTheDatabaseUser() {
        jdbc.sql("UPDATE service_category SET ordinance_ref = '§13.1z' WHERE code = 'NET-WIFI'")
                .update();
        JsonNode change = http().get(admin, "/api/v1/categories/NET-WIFI/history")
                .expect(200)
                .body()
                .get(0);
        assertThat(change.get("actor").asString()).startsWith("db:");
        assertThat(change.get("changed").toString()).isEqualTo("[\"ordinance_ref\"]");
    }

    @Test
    void onlyAdminsReadTheTrail() {
        http().get(firstLine, "/api/v1/catalogue/changes").problem(403, "forbidden");
        http().get(firstLine, "/api/v1/categories/VOIP-FAULT/history").problem(403, "forbidden");
        http().get(admin, "/api/v1/catalogue/changes?limit=0").problem(400, "invalid-limit");
    }

    private static Map<String, Object> body(JsonNode category) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field :
                new String[] {"code", "namePl", "descriptionEn", "groupPl", "unitCode", "ticketType", "ordinanceRef"}) {
            body.put(field, category.get(field).asString());
        }
        java.util.List<String> keywords = new java.util.ArrayList<>();
        category.get("keywords").forEach(k -> keywords.add(k.asString()));
        body.put("keywords", keywords);
        body.put("active", category.get("active").asBoolean());
        return body;
    }
}
