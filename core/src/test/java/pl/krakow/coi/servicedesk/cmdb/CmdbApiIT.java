package pl.krakow.coi.servicedesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.DISPOSAL;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.INFRASTRUCTURE;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.INVENTORY_AGENT;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.LICENCE_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.USER_SUPPORT;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.item;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.with;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.workstation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** The CMDB register through its API: identity and de-duplication, lifecycle, roles, classes, search. */
@IntegrationTest
class CmdbApiIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CiIdentityService identities;

    @Autowired
    DataSource dataSource;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @Test
    void aDeviceRegisteredTwiceIsRefusedWithTheExistingItem() {
        JsonCalls http = http();
        JsonCalls.Response first =
                http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0101")).expect(201);
        long id = first.id();
        assertThat(first.etag()).isEqualTo("\"0\"");
        assertThat(first.body().get("serialNumber").asString()).isEqualTo("CZC0101XYZ");
        assertThat(first.body().get("hostname").asString()).isEqualTo("kp01-pc0101");
        assertThat(first.body().get("supportingUnit").asString())
                .as("the class's default supporting unit")
                .isEqualTo("IT-04-2");

        Map<String, Object> bare = item("WORKSTATION", "Drugi zapis");
        record Attempt(Map<String, Object> body, IdentifierKind kind) {}
        for (Attempt attempt : List.of(
                new Attempt(with(bare, "serialNumber", " czc0101xyz "), IdentifierKind.SERIAL_NUMBER),
                new Attempt(with(bare, "inventoryNumber", "umk/kp/2024/0101"), IdentifierKind.INVENTORY_NUMBER),
                new Attempt(with(bare, "hostname", "KP01-PC0101.umk.krakow.pl"), IdentifierKind.HOSTNAME),
                new Attempt(with(bare, "macAddresses", List.of("3c52.8200.0101")), IdentifierKind.MAC_ADDRESS))) {
            JsonNode problem = http.post(CMDB_ADMIN, "/api/v1/cis", attempt.body())
                    .problem(409, "duplicate-configuration-item")
                    .body();
            assertThat(problem.get("existingId").asLong()).isEqualTo(id);
            assertThat(problem.get("matchedBy").asString())
                    .isEqualTo(attempt.kind().name());
        }
        assertThat(count("serial_number = 'CZC0101XYZ'")).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO configuration_item (class_code, name, status, serial_number, created_at, updated_at)
                        VALUES ('WORKSTATION', 'bypass', 'IN_USE', 'CZC0101XYZ', now(), now())
                        """).update())
                .as("the database enforces uniqueness too")
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void concurrentRegistrationsOfOneDeviceCreateOneItem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<JsonCalls.Response>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit((Callable<JsonCalls.Response>)
                        () -> http().post(CMDB_ADMIN, "/api/v1/cis", workstation("0202"))));
            }
            List<Integer> statuses = new ArrayList<>();
            Set<Long> ids = new java.util.HashSet<>();
            for (Future<JsonCalls.Response> result : results) {
                JsonCalls.Response response = result.get();
                statuses.add(response.status());
                ids.add(
                        response.status() == 201
                                ? response.id()
                                : response.body().path("existingId").asLong());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(count("serial_number = 'CZC0202XYZ'")).isEqualTo(1);
    }

    @Test
    void theInventoryAgentUpsertRecognisesCreatesAndRefuses() {
        DiscoveredItem report = new DiscoveredItem(
                "LAPTOP",
                null,
                new DeviceIdentity(
                        "agent-7f3a",
                        null,
                        "5CD1111AAA",
                        "KP03-NB007.umk.krakow.pl",
                        Set.of("a4:bb:6d:01:02:03"),
                        null),
                "Dell",
                "Latitude 5440",
                10,
                Map.of("ramGb", 16, "operatingSystem", "Windows 11 Pro"));
        CiIdentityService.UpsertResult created = identities.upsert(report, "agent", INVENTORY_AGENT);
        assertThat(created.outcome()).isEqualTo(CiIdentityService.Outcome.CREATED);
        JsonNode laptop = http().get(CMDB_ADMIN, "/api/v1/cis/{id}", created.id())
                .expect(200)
                .body();
        assertThat(laptop.get("name").asString()).isEqualTo("KP03-NB007");
        assertThat(laptop.get("status").asString()).isEqualTo("IN_USE");

        CiIdentityService.UpsertResult unchanged = identities.upsert(report, "agent", INVENTORY_AGENT);
        assertThat(unchanged.outcome()).isEqualTo(CiIdentityService.Outcome.UNCHANGED);
        assertThat(unchanged.matchedBy()).isEqualTo(IdentifierKind.AGENT_DEVICE_ID);
        assertThat(unchanged.version()).isEqualTo(created.version());

        DiscoveredItem fromCsv = new DiscoveredItem(
                "LAPTOP",
                null,
                new DeviceIdentity(null, null, null, null, Set.of("A4-BB-6D-01-02-03"), "UMK/KP/2025/0777"),
                null,
                null,
                null,
                Map.of());
        CiIdentityService.UpsertResult updated = identities.upsert(fromCsv, "import:inventory.csv", INVENTORY_AGENT);
        assertThat(updated.outcome()).isEqualTo(CiIdentityService.Outcome.UPDATED);
        assertThat(updated.matchedBy()).isEqualTo(IdentifierKind.MAC_ADDRESS);
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(http().get(CMDB_ADMIN, "/api/v1/cis/{id}", created.id())
                        .body()
                        .get("inventoryNumber")
                        .asString())
                .isEqualTo("UMK/KP/2025/0777");

        DiscoveredItem replacement = new DiscoveredItem(
                "LAPTOP",
                null,
                new DeviceIdentity("agent-9c01", null, "5CD2222BBB", "kp03-nb007", Set.of(), null),
                "Dell",
                "Latitude 5450",
                12,
                Map.of());
        assertThatThrownBy(() -> identities.upsert(replacement, "agent", INVENTORY_AGENT))
                .isInstanceOfSatisfying(ServiceDeskException.class, e -> {
                    assertThat(e.type()).isEqualTo("identity-conflict");
                    assertThat(e.kind()).isEqualTo(ServiceDeskException.Kind.CONFLICT);
                });

        transition(created.id(), "IN_STOCK", "Zwrot po zakończeniu umowy", CMDB_ADMIN)
                .expect(200);
        transition(created.id(), "RETIRED", "Wycofany z eksploatacji", CMDB_ADMIN)
                .expect(200);
        CiIdentityService.UpsertResult successor = identities.upsert(replacement, "agent", INVENTORY_AGENT);
        assertThat(successor.outcome())
                .as("the retired machine released its hostname")
                .isEqualTo(CiIdentityService.Outcome.CREATED);
        assertThatThrownBy(() -> identities.upsert(report, "agent", INVENTORY_AGENT))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class,
                        e -> assertThat(e.type()).isIn("identity-matches-retired-item", "identity-conflict"));
        assertThat(jdbc.sql("SELECT type FROM ci_event WHERE ci_id = :id ORDER BY id")
                        .param("id", created.id())
                        .query(String.class)
                        .list())
                .containsExactly("CREATED", "DISCOVERED", "STATUS_CHANGED", "STATUS_CHANGED");
    }

    @Test
    void duplicatesAreMergedExplicitlyAndTheSurvivorTakesTheirIdentity() {
        JsonCalls http = http();
        long survivor = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(
                                item("WORKSTATION", "KP04-PC0303"),
                                "serialNumber",
                                "CZC0303XYZ",
                                "inventoryNumber",
                                "UMK/KP/2023/0303"))
                .expect(201)
                .id();
        long duplicate = identities
                .upsert(
                        new DiscoveredItem(
                                "WORKSTATION",
                                null,
                                new DeviceIdentity(
                                        "agent-0303", null, null, "kp04-pc0303", Set.of("3c:52:82:00:03:03"), null),
                                "HP",
                                null,
                                4,
                                Map.of()),
                        "agent",
                        INVENTORY_AGENT)
                .id();
        long monitor = http.post(CMDB_ADMIN, "/api/v1/cis", item("MONITOR", "Monitor KP04-214"))
                .id();
        http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis/{id}/relationships",
                        Map.of("type", "PART_OF", "targetId", duplicate),
                        monitor)
                .expect(201);

        http.post(CMDB_ADMIN, "/api/v1/cis/{id}/merge", Map.of("duplicateId", duplicate), survivor)
                .problem(400, "merge-reason-required");
        http.post(
                        USER_SUPPORT,
                        "/api/v1/cis/{id}/merge",
                        Map.of("duplicateId", duplicate, "reason", "ten sam"),
                        survivor)
                .problem(403, "action-not-allowed");
        JsonNode merged = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis/{id}/merge",
                        Map.of("duplicateId", duplicate, "reason", "Ten sam komputer: agent i spis z natury"),
                        survivor)
                .expect(200)
                .body();
        assertThat(merged.get("agentDeviceId").asString()).isEqualTo("agent-0303");
        assertThat(merged.get("hostname").asString()).isEqualTo("kp04-pc0303");
        assertThat(merged.get("macAddresses").toString()).contains("3c:52:82:00:03:03");
        assertThat(merged.get("serialNumber").asString()).isEqualTo("CZC0303XYZ");
        assertThat(merged.get("cores").asInt()).isEqualTo(4);

        JsonNode gone =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}", duplicate).expect(200).body();
        assertThat(gone.get("mergedInto").asLong()).isEqualTo(survivor);
        assertThat(gone.has("hostname")).isFalse();
        JsonNode relationships =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}/relationships", survivor).body();
        assertThat(relationships.toString()).contains("\"itemId\":" + monitor, "PART_OF", "INCOMING");
        http.put(CMDB_ADMIN, "/api/v1/cis/{id}", item("WORKSTATION", "x"), "\"1\"", duplicate)
                .problem(409, "configuration-item-merged");

        CiIdentityService.UpsertResult again = identities.upsert(
                new DiscoveredItem(
                        "WORKSTATION",
                        null,
                        new DeviceIdentity("agent-0303", null, null, "kp04-pc0303", Set.of(), null),
                        null,
                        null,
                        null,
                        Map.of()),
                "agent",
                INVENTORY_AGENT);
        assertThat(again.id()).as("the agent now finds the survivor").isEqualTo(survivor);

        long other = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(item("WORKSTATION", "KP04-PC0304"), "serialNumber", "CZC0304XYZ"))
                .id();
        http.post(CMDB_ADMIN, "/api/v1/cis/{id}/merge", Map.of("duplicateId", other, "reason", "pomyłka"), survivor)
                .problem(409, "merge-conflict");
        http.post(CMDB_ADMIN, "/api/v1/cis/{id}/merge", Map.of("duplicateId", monitor, "reason", "pomyłka"), survivor)
                .problem(422, "merge-class-mismatch");
    }

    @Test
    void theLifecycleIsEnforcedAuditedAndDisposalIsForTheDisposalRole() {
        JsonCalls http = http();
        long id = http.post(USER_SUPPORT, "/api/v1/cis", with(workstation("0404"), "status", "ORDERED"))
                .expect(201)
                .id();
        transition(id, "IN_USE", "Wydany użytkownikowi", USER_SUPPORT).problem(409, "invalid-lifecycle-transition");
        transition(id, "IN_STOCK", " ", USER_SUPPORT).problem(400, "transition-reason-required");
        transition(id, "IN_STOCK", "Dostawa wg umowy IT-07/2026/12", USER_SUPPORT)
                .expect(200);
        transition(id, "IN_USE", "Wydany Annie Nowak", USER_SUPPORT).expect(200);
        transition(id, "IN_REPAIR", "Awaria płyty głównej, serwis gwarancyjny", USER_SUPPORT)
                .expect(200);
        transition(id, "IN_USE", "Wrócił z serwisu", USER_SUPPORT).expect(200);
        transition(id, "IN_REPAIR", "Ponowna awaria", USER_SUPPORT).expect(200);
        transition(id, "IN_STOCK", "Nienaprawialny, do magazynu", USER_SUPPORT).expect(200);
        JsonNode retired = transition(id, "RETIRED", "Koniec okresu eksploatacji", USER_SUPPORT)
                .expect(200)
                .body();
        assertThat(retired.get("allowedTransitions"))
                .as("the agent cannot dispose")
                .isEmpty();
        assertThat(http.get(DISPOSAL, "/api/v1/cis/{id}", id)
                        .body()
                        .get("allowedTransitions")
                        .toString())
                .contains("DISPOSED");

        transition(id, "DISPOSED", "Protokół likwidacji 7/2026", CMDB_ADMIN).problem(403, "disposal-not-allowed");
        transition(id, "DISPOSED", "Protokół likwidacji 7/2026", USER_SUPPORT).problem(403, "disposal-not-allowed");
        transition(id, "IN_STOCK", "Pomyłka", DISPOSAL).problem(403, "action-not-allowed");
        transition(id, "DISPOSED", "Protokół likwidacji 7/2026", DISPOSAL).expect(200);
        transition(id, "IN_STOCK", "Pomyłka", CMDB_ADMIN).problem(409, "invalid-lifecycle-transition");

        JsonNode history =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}/history", id).expect(200).body();
        assertThat(history).hasSize(9);
        JsonNode disposal = history.get(8);
        assertThat(disposal.get("type").asString()).isEqualTo("STATUS_CHANGED");
        assertThat(disposal.get("fromStatus").asString()).isEqualTo("RETIRED");
        assertThat(disposal.get("toStatus").asString()).isEqualTo("DISPOSED");
        assertThat(disposal.get("actor").asString()).isEqualTo("iwona.prawnik");
        assertThat(disposal.get("actorUnit").asString()).isEqualTo("IT-03-2");
        assertThat(disposal.get("reason").asString()).isEqualTo("Protokół likwidacji 7/2026");
        assertThat(disposal.get("occurredAt").asString()).isNotBlank();
        assertThatThrownBy(() -> jdbc.sql("UPDATE ci_event SET reason = 'inny' WHERE ci_id = :id")
                        .param("id", id)
                        .update())
                .as("the audit trail is immutable")
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ci_event WHERE ci_id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("immutable");
    }

    @Test
    void workstationAgentsMaintainWorkstationAssetsAndStaffReads() {
        JsonCalls http = http();
        http.post(USER_SUPPORT, "/api/v1/cis", with(item("LAPTOP", "KP02-NB0505"), "serialNumber", "5CD0505"))
                .expect(201);
        http.post(USER_SUPPORT, "/api/v1/cis", item("SERVER", "SRV-APP-05")).problem(403, "action-not-allowed");
        http.post(INFRASTRUCTURE, "/api/v1/cis", item("WORKSTATION", "KP02-PC0505"))
                .problem(403, "action-not-allowed");
        http.post(INFRASTRUCTURE, "/api/v1/cis", item("SERVER", "SRV-APP-05")).problem(403, "action-not-allowed");
        http.post(CMDB_ADMIN, "/api/v1/cis", with(item("SERVER", "SRV-APP-05"), "cores", 32))
                .expect(201);
        http.get(TestUsers.requester("anna.nowak", "KP-01"), "/api/v1/cis").problem(403, "forbidden");
        http.get(LICENCE_ADMIN, "/api/v1/cis?class=SERVER").expect(200);
        http.get(INFRASTRUCTURE, "/api/v1/ci-classes").expect(200);
    }

    @Test
    void updatesNeedTheCurrentETagAndKeepIdentifiersUnique() {
        JsonCalls http = http();
        JsonCalls.Response created =
                http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0606")).expect(201);
        http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0607")).expect(201);
        Map<String, Object> moved = with(
                workstation("0606"),
                "room",
                "301",
                "assignedUsername",
                "piotr.wisniewski",
                "assignedName",
                "Piotr Wiśniewski");
        http.put(CMDB_ADMIN, "/api/v1/cis/{id}", moved, null, created.id()).problem(428, "precondition-required");
        JsonCalls.Response updated = http.put(CMDB_ADMIN, "/api/v1/cis/{id}", moved, "\"0\"", created.id())
                .expect(200);
        assertThat(updated.etag()).isEqualTo("\"1\"");
        assertThat(updated.body().get("room").asString()).isEqualTo("301");
        http.put(CMDB_ADMIN, "/api/v1/cis/{id}", moved, "\"0\"", created.id())
                .problem(412, "stale-version")
                .body();
        http.put(CMDB_ADMIN, "/api/v1/cis/{id}", with(moved, "serialNumber", "CZC0607XYZ"), "\"1\"", created.id())
                .problem(409, "duplicate-configuration-item");
        http.put(CMDB_ADMIN, "/api/v1/cis/{id}", with(moved, "supportingUnit", "IT-03-1"), "\"1\"", created.id())
                .problem(422, "unit-does-not-take-tickets");
        JsonNode history =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}/history", created.id()).body();
        JsonNode update = history.get(1);
        assertThat(update.get("type").asString()).isEqualTo("UPDATED");
        assertThat(update.get("changes").get("room").get("from").asString()).isEqualTo("214");
        assertThat(update.get("changes").get("room").get("to").asString()).isEqualTo("301");
        assertThat(update.get("changes").has("serialNumber")).isFalse();
    }

    @Test
    void classesAreDataAndItemsMustFitTheirSchema() {
        JsonCalls http = http();
        Map<String, Object> kiosk = Map.of(
                "code", "KIOSK",
                "namePl", "Infokiosk",
                "nameEn", "Information kiosk",
                "kind", "HARDWARE",
                "defaultSupportingUnit", "IT-04-2",
                "lifecycleUnit", "IT-04-2",
                "attributes",
                        List.of(
                                Map.of(
                                        "name",
                                        "screenInches",
                                        "type",
                                        "DECIMAL",
                                        "required",
                                        true,
                                        "min",
                                        10,
                                        "max",
                                        100),
                                Map.of("name", "touch", "type", "BOOLEAN"),
                                Map.of("name", "location", "type", "ENUM", "values", List.of("HALL", "OUTDOOR"))));
        http.post(USER_SUPPORT, "/api/v1/ci-classes", kiosk).problem(403, "action-not-allowed");
        http.post(
                        CMDB_ADMIN,
                        "/api/v1/ci-classes",
                        with(
                                kiosk,
                                "code",
                                "KIOSK2",
                                "attributes",
                                List.of(
                                        Map.of("name", "Screen Size", "type", "DECIMAL"),
                                        Map.of("name", "kind", "type", "ENUM"))))
                .problem(400, "invalid-attribute-schema");
        JsonCalls.Response created =
                http.post(CMDB_ADMIN, "/api/v1/ci-classes", kiosk).expect(201);
        assertThat(created.body().get("builtin").asBoolean()).isFalse();
        http.post(CMDB_ADMIN, "/api/v1/ci-classes", kiosk).problem(409, "ci-class-exists");

        JsonCalls.Response ok = http.post(
                        USER_SUPPORT,
                        "/api/v1/cis",
                        with(
                                item("KIOSK", "Infokiosk hol główny"),
                                "attributes",
                                Map.of("screenInches", 32, "touch", true, "location", "HALL")))
                .expect(201);
        JsonNode problem = http.post(
                        USER_SUPPORT,
                        "/api/v1/cis",
                        with(
                                item("KIOSK", "Infokiosk Nowa Huta"),
                                "attributes",
                                Map.of("screenInches", "duży", "colour", "red", "location", "ROOF")))
                .problem(400, "invalid-attributes")
                .body();
        assertThat(problem.get("errors").toString()).contains("screenInches", "colour", "location");

        Map<String, Object> stricter = with(
                kiosk,
                "attributes",
                List.of(
                        Map.of("name", "screenInches", "type", "DECIMAL", "required", true, "min", 40),
                        Map.of("name", "touch", "type", "BOOLEAN"),
                        Map.of("name", "location", "type", "ENUM", "values", List.of("HALL", "OUTDOOR"))));
        JsonNode refused = http.put(CMDB_ADMIN, "/api/v1/ci-classes/KIOSK", stricter, created.etag())
                .problem(409, "schema-change-invalidates-items")
                .body();
        assertThat(refused.get("items").toString()).contains(String.valueOf(ok.id()));
        http.get(CMDB_ADMIN, "/api/v1/ci-classes")
                .expect(200)
                .body()
                .forEach(c -> assertThat(c.has("attributes")).isTrue());
        assertThat(http.get(CMDB_ADMIN, "/api/v1/ci-classes").body())
                .extracting(c -> c.get("code").asString())
                .contains(
                        "WORKSTATION",
                        "LAPTOP",
                        "MONITOR",
                        "PRINTER",
                        "SCANNER",
                        "CARD_READER",
                        "DESK_PHONE",
                        "MOBILE_PHONE",
                        "SERVER",
                        "VIRTUAL_MACHINE",
                        "STORAGE",
                        "NETWORK_DEVICE",
                        "UPS",
                        "APPLICATION",
                        "DATABASE",
                        "BUSINESS_SERVICE",
                        "KIOSK");
    }

    @Test
    void itemsAreFoundByClassStatusUnitLocationAndText() {
        JsonCalls http = http();
        http.post(CMDB_ADMIN, "/api/v1/cis", with(workstation("0808"), "building", "Wielopole 17a", "room", "12"));
        http.post(
                CMDB_ADMIN,
                "/api/v1/cis",
                with(
                        workstation("0809"),
                        "building",
                        "Wielopole 17a",
                        "room",
                        "12",
                        "status",
                        "IN_STOCK",
                        "ownerUnit",
                        "KP-03"));
        http.post(
                CMDB_ADMIN,
                "/api/v1/cis",
                with(
                        item("PRINTER", "Drukarka Wielopole 12"),
                        "building",
                        "Wielopole 17a",
                        "room",
                        "12",
                        "attributes",
                        Map.of("multifunction", true)));
        JsonNode room = http.get(CMDB_ADMIN, "/api/v1/cis?building=wielopole 17a&room=12")
                .expect(200)
                .body();
        assertThat(room.get("total").asLong()).isEqualTo(3);
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis?building=Wielopole 17a&class=WORKSTATION&status=IN_STOCK")
                        .body()
                        .get("items"))
                .extracting(i -> i.get("name").asString())
                .containsExactly("KP01-PC0809");
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis?unit=KP-03&building=Wielopole 17a")
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis?supportingUnit=IT-04-2&q=pc0808")
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis?q=czc0809")
                        .body()
                        .get("items")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("KP01-PC0809");
        JsonNode page = http.get(CMDB_ADMIN, "/api/v1/cis?building=Wielopole 17a&size=2&page=1")
                .body();
        assertThat(page.get("items")).hasSize(1);
        http.get(CMDB_ADMIN, "/api/v1/cis?size=101").problem(400, "invalid-page-size");
        http.get(CMDB_ADMIN, "/api/v1/cis?status=BROKEN").problem(400, "invalid-status");
        http.get(CMDB_ADMIN, "/api/v1/cis?q=%25").expect(200);
    }

    @Test
    void relationshipsAreTypedDirectedAndImpactFollowsThem() {
        JsonCalls http = http();
        long storage = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(item("STORAGE", "Macierz SAN-1"), "attributes", Map.of("storageType", "SAN")))
                .id();
        long host = http.post(CMDB_ADMIN, "/api/v1/cis", with(item("SERVER", "ESX-03"), "cores", 64))
                .id();
        long vm = http.post(CMDB_ADMIN, "/api/v1/cis", item("VIRTUAL_MACHINE", "VM-PODATKI-01"))
                .id();
        long app = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(item("APPLICATION", "System podatkowy"), "supportingUnit", "IT-05-1"))
                .id();
        long service = http.post(CMDB_ADMIN, "/api/v1/cis", item("BUSINESS_SERVICE", "Podatki lokalne"))
                .id();
        long desktop = http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0909")).id();
        long disk = http.post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(item("STORAGE", "Półka dyskowa SAN-1/2"), "attributes", Map.of("storageType", "SAN")))
                .id();
        relate(host, "DEPENDS_ON", storage);
        relate(vm, "RUNS_ON", host);
        relate(app, "RUNS_ON", vm);
        relate(service, "USES", app);
        relate(desktop, "USES", app);
        relate(disk, "PART_OF", storage);
        relate(storage, "DEPENDS_ON", service).expect(201);

        relate(vm, "RUNS_ON", host).problem(409, "relationship-exists");
        relate(vm, "RUNS_ON", vm).problem(400, "relationship-to-itself");
        http.post(CMDB_ADMIN, "/api/v1/cis/{id}/relationships", Map.of("type", "HOSTS", "targetId", host), vm)
                .problem(400, "malformed-request");

        JsonNode impact = http.get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?depth=6", disk)
                .expect(200)
                .body();
        assertThat(impact.get("downstream").get("items"))
                .extracting(i -> i.get("name").asString())
                .contains(
                        "Macierz SAN-1",
                        "ESX-03",
                        "VM-PODATKI-01",
                        "System podatkowy",
                        "Podatki lokalne",
                        "KP01-PC0909");
        assertThat(impact.get("businessServices"))
                .extracting(i -> i.get("name").asString())
                .containsExactly("Podatki lokalne");
        assertThat(impact.get("people"))
                .extracting(p -> p.get("username").asString())
                .containsExactly("anna.nowak");
        JsonNode hostEntry = find(impact.get("downstream").get("items"), host);
        assertThat(hostEntry.get("depth").asInt()).isEqualTo(2);
        assertThat(hostEntry.get("via").asLong()).isEqualTo(storage);
        assertThat(hostEntry.get("viaType").asString()).isEqualTo("DEPENDS_ON");

        JsonNode upstream = http.get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?depth=4", service)
                .body()
                .get("upstream");
        assertThat(upstream.get("items"))
                .extracting(i -> i.get("name").asString())
                .containsExactly("System podatkowy", "VM-PODATKI-01", "ESX-03", "Macierz SAN-1");
        JsonNode shallow =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?depth=1", storage).body();
        assertThat(shallow.get("downstream").get("total").asInt())
                .as("the cycle back to storage ends")
                .isEqualTo(1);
        http.get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?depth=99", storage).problem(400, "invalid-depth");

        transition(vm, "IN_STOCK", "Wyłączona", CMDB_ADMIN).expect(200);
        transition(vm, "RETIRED", "Usunięta", CMDB_ADMIN).expect(200);
        JsonNode afterRetirement =
                http.get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?depth=6", host).body();
        assertThat(afterRetirement.get("businessServices"))
                .as("a retired VM breaks the chain")
                .isEmpty();

        long relationshipId = http.get(CMDB_ADMIN, "/api/v1/cis/{id}/relationships", disk)
                .body()
                .get(0)
                .get("relationshipId")
                .asLong();
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis/{id}/relationships?size=2", storage)
                        .body())
                .as("storage: 2 incoming, 1 outgoing; a page of 2, outgoing first")
                .extracting(r -> r.get("direction").asString())
                .containsExactly("OUTGOING", "INCOMING");
        http.get(CMDB_ADMIN, "/api/v1/cis/{id}/relationships?size=501", storage).problem(400, "invalid-page-size");
        http.delete(USER_SUPPORT, "/api/v1/relationships/{id}", relationshipId).problem(403, "action-not-allowed");
        http.delete(CMDB_ADMIN, "/api/v1/relationships/{id}", relationshipId).expect(204);
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis/{id}/relationships", disk).body())
                .isEmpty();
        assertThat(http.get(CMDB_ADMIN, "/api/v1/cis/{id}/history", storage)
                        .body()
                        .toString())
                .contains("RELATIONSHIP_ADDED", "RELATIONSHIP_REMOVED");
    }

    private JsonCalls.Response relate(long source, String type, long target) {
        return http().post(
                        CMDB_ADMIN, "/api/v1/cis/{id}/relationships", Map.of("type", type, "targetId", target), source);
    }

    private JsonCalls.Response transition(
            long id, String status, String reason, pl.krakow.coi.servicedesk.platform.security.CurrentUser user) {
        return http().send(
                        user,
                        HttpMethod.POST,
                        "/api/v1/cis/{id}/status",
                        Map.of("status", status, "reason", reason),
                        null,
                        id);
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("No item " + id + " in " + items);
    }

    private long count(String condition) {
        return jdbc.sql("SELECT count(*) FROM configuration_item WHERE " + condition)
                .query(Long.class)
                .single();
    }

    @Test
    void identifierLookupsAreAnsweredFromIndexesOfTheItemsThatHaveTheIdentifier() throws Exception {
        // Workstations from the asset register have no agent device id and no hardware UUID: many of them exist
        // side by side, and the indexes that keep those identifiers unique hold no entry for them (V305).
        JsonCalls http = http();
        http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0701")).expect(201);
        http.post(CMDB_ADMIN, "/api/v1/cis", workstation("0702")).expect(201);
        Map<String, String> lookups = Map.of(
                "ci_inventory_number_unique", "inventory_number = ANY(CAST(? AS varchar[]))",
                "ci_serial_number_unique", "serial_number = ANY(CAST(? AS varchar[]))",
                "ci_agent_device_id_unique", "agent_device_id = ANY(CAST(? AS varchar[]))",
                "ci_hardware_uuid_unique", "hardware_uuid = ANY(CAST(? AS uuid[]))",
                "ci_hostname_unique", "hostname = ANY(CAST(? AS varchar[])) AND status NOT IN ('RETIRED', 'DISPOSED')");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // The test database is too small for the planner to prefer an index on its own; a generic plan is
            // what the import's prepared lookups run.
            statement.execute("SET LOCAL enable_seqscan = off");
            statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            for (var lookup : lookups.entrySet()) {
                String index = lookup.getKey();
                try (PreparedStatement explain = connection.prepareStatement(
                        "EXPLAIN SELECT id FROM configuration_item WHERE " + lookup.getValue())) {
                    explain.setString(1, index.equals("ci_hardware_uuid_unique") ? "{}" : "{KP01-PC0701}");
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            plan.append(rows.getString(1)).append('\n');
                        }
                    }
                    assertThat(plan.toString()).as(lookup.getValue()).contains(index);
                }
                try (ResultSet predicate = statement.executeQuery(
                        "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = CAST('" + index
                                + "' AS regclass)")) {
                    assertThat(predicate.next()).isTrue();
                    assertThat(predicate.getString(1)).as(index).contains("IS NOT NULL");
                }
            }
            connection.rollback();
        }
    }
}
