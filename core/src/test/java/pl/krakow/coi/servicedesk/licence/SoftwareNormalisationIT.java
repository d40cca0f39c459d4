package pl.krakow.coi.servicedesk.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.LICENCE_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.USER_SUPPORT;
import static pl.krakow.coi.servicedesk.licence.LicenceFixtures.SEEDER;
import static pl.krakow.coi.servicedesk.licence.LicenceFixtures.desktop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Raw names reported by agents become products by editable rules; installations follow the reports. */
@IntegrationTest
class SoftwareNormalisationIT {

    static final Instant MONDAY = Instant.parse("2026-11-16T06:30:00Z");

    @Autowired
    Api api;

    @Autowired
    CmdbService cmdb;

    @Autowired
    SoftwareInventory inventory;

    @Autowired
    JdbcClient jdbc;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @Test
    void agentNamesAreNormalisedByTheRulesAndUnmatchedOnesListedForReview() {
        long pc = desktop(cmdb, "KP01-PC7001", "anna.nowak").id();
        SoftwareInventory.ReportResult result = inventory.report(
                pc,
                InstallationSource.AGENT,
                MONDAY,
                List.of(
                        SoftwareInventory.ReportedSoftware.of("Microsoft Office Professional Plus 2019 - pl-pl"),
                        SoftwareInventory.ReportedSoftware.of("LibreOffice 7.4.7.2 "),
                        new SoftwareInventory.ReportedSoftware("Google Chrome", "131.0.6778.86"),
                        SoftwareInventory.ReportedSoftware.of(
                                "Security Update for Microsoft Office 2016 (KB5002567) 64-Bit Edition"),
                        SoftwareInventory.ReportedSoftware.of("Microsoft Visual C++ 2015-2022 Redistributable (x64)"),
                        SoftwareInventory.ReportedSoftware.of("Foxit PDF Reader 2024.1"),
                        SoftwareInventory.ReportedSoftware.of("Foxit PDF Reader 2024.1")),
                SEEDER);
        assertThat(result.stale()).isFalse();
        assertThat(result.reported()).as("duplicates in a report count once").isEqualTo(6);
        assertThat(result.added()).isEqualTo(6);
        assertThat(result.unmatched()).isEqualTo(1);

        JsonNode software = http().get(USER_SUPPORT, "/api/v1/cis/{id}/software", pc)
                .expect(200)
                .body();
        assertThat(software).hasSize(6);
        JsonNode office = find(software, "Microsoft Office Professional Plus 2019 - pl-pl");
        assertThat(office.get("publisher").asString()).isEqualTo("Microsoft");
        assertThat(office.get("product").asString()).isEqualTo("Office Professional Plus 2019");
        assertThat(office.get("productVersion").asString()).isEqualTo("2019");
        assertThat(office.get("source").asString()).isEqualTo("AGENT");
        JsonNode libre = find(software, "LibreOffice 7.4.7.2");
        assertThat(libre.get("publisher").asString()).isEqualTo("The Document Foundation");
        assertThat(libre.get("product").asString()).isEqualTo("LibreOffice");
        assertThat(libre.get("productVersion").asString()).isEqualTo("7.4.7.2");
        assertThat(find(software, "Google Chrome").get("productVersion").asString())
                .isEqualTo("131.0.6778.86");
        assertThat(find(software, "Foxit PDF Reader 2024.1").has("productId")).isFalse();

        JsonNode unmatched = http().get(LICENCE_ADMIN, "/api/v1/software/unmatched")
                .expect(200)
                .body();
        assertThat(unmatched.get("items"))
                .extracting(u -> u.get("name").asString())
                .contains("Foxit PDF Reader 2024.1")
                .doesNotContain("Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Google Chrome");

        JsonNode free = http().get(LICENCE_ADMIN, "/api/v1/compliance?status=NOT_REQUIRED")
                .expect(200)
                .body();
        assertThat(free).extracting(p -> p.get("product").asString()).contains("LibreOffice", "Chrome");
    }

    @Test
    void anInstallationNoLongerReportedIsEndedNotDeletedAndOldReportsAreIgnored() {
        long pc = desktop(cmdb, "KP01-PC7002", "piotr.wisniewski").id();
        inventory.reportNames(
                pc, InstallationSource.AGENT, MONDAY, List.of("7-Zip 23.01 (x64)", "Notepad++ (64-bit x64)"), SEEDER);
        Instant tuesday = MONDAY.plus(1, ChronoUnit.DAYS);
        SoftwareInventory.ReportResult second =
                inventory.reportNames(pc, InstallationSource.AGENT, tuesday, List.of("7-Zip 23.01 (x64)"), SEEDER);
        assertThat(second.refreshed()).isEqualTo(1);
        assertThat(second.ended()).isEqualTo(1);

        JsonNode ended = http().get(LICENCE_ADMIN, "/api/v1/installations?ci={id}&active=false", pc)
                .expect(200)
                .body();
        assertThat(ended).singleElement().satisfies(i -> {
            assertThat(i.get("product").asString()).isEqualTo("Notepad++");
            assertThat(Instant.parse(i.get("endedAt").asString())).isEqualTo(tuesday);
            assertThat(i.get("endReason").asString()).isEqualTo("NOT_REPORTED");
        });
        JsonNode active =
                http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", pc).body();
        assertThat(active).singleElement().satisfies(i -> {
            assertThat(Instant.parse(i.get("firstSeen").asString())).isEqualTo(MONDAY);
            assertThat(Instant.parse(i.get("lastSeen").asString())).isEqualTo(tuesday);
        });

        SoftwareInventory.ReportResult late = inventory.reportNames(
                pc, InstallationSource.AGENT, MONDAY.plus(2, ChronoUnit.HOURS), List.of(), SEEDER);
        assertThat(late.stale()).isTrue();
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", pc).body())
                .hasSize(1);

        SoftwareInventory.ReportResult imported =
                inventory.reportNames(pc, InstallationSource.IMPORT, MONDAY, List.of("Notepad++ (64-bit x64)"), SEEDER);
        assertThat(imported.stale()).as("each source has its own reports").isFalse();
        inventory.reportNames(
                pc,
                InstallationSource.AGENT,
                tuesday.plus(1, ChronoUnit.DAYS),
                List.of("7-Zip 23.01 (x64)", "Notepad++ (64-bit x64)"),
                SEEDER);
        assertThat(jdbc.sql("SELECT count(*) FROM software_installation WHERE ci_id = :ci")
                        .param("ci", pc)
                        .query(Long.class)
                        .single())
                .as("the reinstalled program is a new installation; the history keeps the old one")
                .isEqualTo(4);
    }

    @Test
    void changingTheRulesRenormalisesNamesInstallationsAndCompliance() {
        long first = desktop(cmdb, "KP01-PC7003", "ewa.zielinska").id();
        long second = desktop(cmdb, "KP01-PC7004", "jan.kowalski").id();
        for (long pc : List.of(first, second)) {
            inventory.reportNames(pc, InstallationSource.AGENT, MONDAY, List.of("Foxit PDF Editor 12.1.3"), SEEDER);
        }
        Map<String, Object> rule = Map.of(
                "position", 215,
                "pattern", "Foxit PDF (?<edition>Editor|Reader)(?: (?<version>[\\d.]+))?",
                "action", "MAP",
                "publisher", "Foxit",
                "product", "PDF ${edition}",
                "versionTemplate", "${version}",
                "licenceRequired", true,
                "note", "Foxit kupiony dla Wydziału Geodezji");
        http().post(USER_SUPPORT, "/api/v1/software/rules", rule).problem(403, "action-not-allowed");
        http().post(
                        LICENCE_ADMIN,
                        "/api/v1/software/rules",
                        Map.of(
                                "position",
                                1,
                                "pattern",
                                "Foxit (",
                                "action",
                                "MAP",
                                "publisher",
                                "Foxit",
                                "product",
                                "X"))
                .problem(400, "invalid-pattern");
        http().post(
                        LICENCE_ADMIN,
                        "/api/v1/software/rules",
                        Map.of(
                                "position",
                                1,
                                "pattern",
                                "Foxit (.*)",
                                "action",
                                "MAP",
                                "publisher",
                                "Foxit",
                                "product",
                                "${edition}"))
                .problem(400, "invalid-template");

        JsonCalls.Response created =
                http().post(LICENCE_ADMIN, "/api/v1/software/rules", rule).expect(201);
        assertThat(created.body().get("renormalisation").get("changed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(created.body().get("renormalisation").get("installations").asInt())
                .isGreaterThanOrEqualTo(2);
        JsonNode installation = http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", first)
                .body()
                .get(0);
        assertThat(installation.get("product").asString()).isEqualTo("PDF Editor");
        assertThat(installation.get("productVersion").asString()).isEqualTo("12.1.3");
        long editor = installation.get("productId").asLong();
        JsonNode position = http().get(LICENCE_ADMIN, "/api/v1/compliance/{id}", editor)
                .expect(200)
                .body();
        assertThat(position.get("status").asString()).isEqualTo("UNLICENSED");
        assertThat(position.get("installedDevices").asInt()).isEqualTo(2);
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/software/unmatched")
                        .body()
                        .get("items")
                        .toString())
                .doesNotContain("Foxit PDF Editor");

        long ruleId = created.body().get("rule").get("id").asLong();
        Map<String, Object> renamed = new java.util.HashMap<>(rule);
        renamed.put("product", "PDF ${edition} Pro");
        http().put(LICENCE_ADMIN, "/api/v1/software/rules/{id}", renamed, "\"5\"", ruleId)
                .problem(412, "stale-version");
        http().put(LICENCE_ADMIN, "/api/v1/software/rules/{id}", renamed, created.etag(), ruleId)
                .expect(200);
        JsonNode moved = http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", second)
                .body()
                .get(0);
        assertThat(moved.get("product").asString()).isEqualTo("PDF Editor Pro");
        // nothing is installed or licensed as the old product any more
        http().get(LICENCE_ADMIN, "/api/v1/compliance/{id}", editor).problem(404, "not-found");
        assertThat(http().get(
                                LICENCE_ADMIN,
                                "/api/v1/compliance/{id}",
                                moved.get("productId").asLong())
                        .expect(200)
                        .body()
                        .get("installedDevices")
                        .asInt())
                .isEqualTo(2);

        JsonNode deleted = http().delete(LICENCE_ADMIN, "/api/v1/software/rules/{id}", ruleId)
                .expect(200)
                .body();
        assertThat(deleted.get("changed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/software/unmatched")
                        .body()
                        .get("items")
                        .toString())
                .contains("Foxit PDF Editor 12.1.3");
        assertThat(jdbc.sql("SELECT count(*) FROM licence_audit WHERE entity_type = 'RULE' AND entity_id = :id")
                        .param("id", ruleId)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aPreviewNormalisesWithoutStoringAnything() {
        long before = jdbc.sql("SELECT count(*) FROM software_raw_name")
                .query(Long.class)
                .single();
        JsonNode preview = http().post(
                        USER_SUPPORT,
                        "/api/v1/software/normalise",
                        Map.of(
                                "names",
                                List.of("AutoCAD LT 2024 - Polski (Polish)", "Java 8 Update 401 (64-bit)", "Gra")))
                .expect(200)
                .body();
        assertThat(preview.get(0).get("product").asString()).isEqualTo("AutoCAD LT 2024");
        assertThat(preview.get(1).get("product").asString()).isEqualTo("Java SE 8");
        assertThat(preview.get(1).get("version").asString()).isEqualTo("8u401");
        assertThat(preview.get(2).get("status").asString()).isEqualTo("UNMATCHED");
        assertThat(jdbc.sql("SELECT count(*) FROM software_raw_name")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void mergingDuplicateItemsMovesTheirSoftwareAndCountsTheDeviceOnce() {
        long survivor = desktop(cmdb, "KP01-PC7005", "olga.sowa").id();
        long duplicate = cmdb.create(
                        pl.krakow.coi.servicedesk.cmdb.CiDetails.builder("WORKSTATION", "PC7005 z importu")
                                .inventoryNumber("UMK/7005")
                                .build(),
                        pl.krakow.coi.servicedesk.cmdb.domain.CiStatus.IN_USE,
                        SEEDER)
                .id();
        inventory.reportNames(
                survivor, InstallationSource.AGENT, MONDAY, List.of("Microsoft Visio Professional 2021"), SEEDER);
        inventory.reportNames(
                duplicate,
                InstallationSource.IMPORT,
                MONDAY,
                List.of("Microsoft Visio Professional 2021", "Płatnik 10.02.002"),
                SEEDER);
        long visio = http().get(CMDB_ADMIN, "/api/v1/cis/{id}/software", survivor)
                .body()
                .get(0)
                .get("productId")
                .asLong();
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/compliance/{id}", visio)
                        .body()
                        .get("installedDevices")
                        .asInt())
                .isEqualTo(2);

        http().post(
                        CMDB_ADMIN,
                        "/api/v1/cis/{id}/merge",
                        Map.of("duplicateId", duplicate, "reason", "Ten sam komputer"),
                        survivor)
                .expect(200);
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/compliance/{id}", visio)
                        .body()
                        .get("installedDevices")
                        .asInt())
                .isEqualTo(1);
        assertThat(http().get(CMDB_ADMIN, "/api/v1/cis/{id}/software", survivor).body())
                .extracting(i -> i.get("product").asString())
                .containsExactlyInAnyOrder("Visio Professional 2021", "Visio Professional 2021", "Płatnik");
        assertThat(http().get(CMDB_ADMIN, "/api/v1/installations?ci={id}&active=false", duplicate)
                        .body())
                .extracting(i -> i.get("endReason").asString())
                .containsOnly("ITEM_MERGED");
    }

    private static JsonNode find(JsonNode installations, String rawName) {
        for (JsonNode installation : installations) {
            if (installation.get("rawName").asString().equals(rawName)) {
                return installation;
            }
        }
        throw new AssertionError("No installation of " + rawName + " in " + installations);
    }
}
