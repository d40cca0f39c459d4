package pl.krakow.coi.servicedesk.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.LICENCE_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.USER_SUPPORT;
import static pl.krakow.coi.servicedesk.licence.LicenceFixtures.SEEDER;
import static pl.krakow.coi.servicedesk.licence.LicenceFixtures.desktop;
import static pl.krakow.coi.servicedesk.licence.LicenceFixtures.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The compliance position follows every change by itself: licences registered or changed, installations
 * reported or ended, items retired, people assigned; expiring licences are counted; gauges follow.
 */
@IntegrationTest
class LicenceComplianceIT {

    @Autowired
    Api api;

    @Autowired
    CmdbService cmdb;

    @Autowired
    SoftwareInventory inventory;

    @Autowired
    SoftwareCatalogue catalogue;

    @Autowired
    LicenceService licences;

    @Autowired
    MeterRegistry registry;

    @Autowired
    Clock clock;

    @Autowired
    Compliance compliance;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Compliance.CITY_HALL_ZONE));
    }

    @Test
    void coalescedReportsLeaveTheirMarksForOneDrainShortlyAfterInsteadOfRecomputingInTheReportingThread() {
        List<Long> desktops = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            desktops.add(
                    desktop(cmdb, "KP04-PC70%02d".formatted(i), "referent" + i).id());
        }
        transactions.executeWithoutResult(status -> {
            inventory.reportNames(
                    desktops.get(0),
                    InstallationSource.AGENT,
                    Instant.now(clock),
                    List.of("Microsoft Project Professional 2021 - pl-pl"),
                    SEEDER);
            compliance.coalesceAfterCommit();
        });
        long project = productNamed("Project Professional 2021");
        assertThat(marked(project))
                .as("committed with its mark; the reporting thread did not recompute")
                .isPositive();
        for (long pc : desktops.subList(1, 4)) {
            transactions.executeWithoutResult(status -> {
                inventory.reportNames(
                        pc,
                        InstallationSource.AGENT,
                        Instant.now(clock),
                        List.of("Microsoft Project Professional 2021 - pl-pl"),
                        SEEDER);
                compliance.coalesceAfterCommit();
            });
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(marked(project)).isZero();
            JsonNode position = position(project);
            assertThat(position.get("status").asString()).isEqualTo("UNLICENSED");
            assertThat(position.get("overDeployed").asLong()).isEqualTo(4);
        });
    }

    private long marked(long product) {
        return jdbc.sql("SELECT count(*) FROM compliance_dirty WHERE product_id = :id")
                .param("id", product)
                .query(Long.class)
                .single();
    }

    @Test
    void overDeploymentIsComputedWithoutAManualStepAndFollowsEveryChange() {
        List<Long> desktops = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            long pc =
                    desktop(cmdb, "KP02-PC80%02d".formatted(i), "urzednik" + i).id();
            inventory.reportNames(
                    pc,
                    InstallationSource.AGENT,
                    Instant.now(clock),
                    List.of("Microsoft Office Standard 2021 - pl-pl"),
                    SEEDER);
            desktops.add(pc);
        }
        long office = http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", desktops.get(0))
                .body()
                .get(0)
                .get("productId")
                .asLong();
        JsonNode unlicensed = position(office);
        assertThat(unlicensed.get("status").asString()).isEqualTo("UNLICENSED");
        assertThat(unlicensed.get("overDeployed").asLong()).isEqualTo(12);

        JsonCalls.Response licence = http().post(
                        LICENCE_ADMIN, "/api/v1/licences", licence(office, "PER_DEVICE", 10, null))
                .expect(201);
        JsonNode over = position(office);
        assertThat(over.get("status").asString()).isEqualTo("OVER_DEPLOYED");
        assertThat(over.get("overDeployed").asLong()).isEqualTo(2);
        assertThat(over.get("lines").get(0).get("entitled").asLong()).isEqualTo(10);
        assertThat(over.get("lines").get(0).get("consumed").asLong()).isEqualTo(12);
        assertThat(gauge("servicedesk.licences.over.deployed", "Office Standard 2021"))
                .isEqualTo(2.0);

        long retired = desktops.get(0);
        cmdb.transition(retired, null, CiStatus.IN_STOCK, "Zwrot do magazynu", SEEDER);
        cmdb.transition(retired, null, CiStatus.RETIRED, "Wycofany", SEEDER);
        assertThat(position(office).get("overDeployed").asLong())
                .as("a retired desktop consumes nothing")
                .isEqualTo(1);

        inventory.reportNames(
                desktops.get(1),
                InstallationSource.AGENT,
                Instant.now(clock).plusSeconds(60),
                List.of("Google Chrome"),
                SEEDER);
        JsonNode compliant = position(office);
        assertThat(compliant.get("status").asString())
                .as("an uninstalled suite frees a licence")
                .isEqualTo("COMPLIANT");
        assertThat(compliant.get("installedDevices").asInt()).isEqualTo(10);

        http().put(LICENCE_ADMIN, "/api/v1/licences/{id}", licence(office, "PER_DEVICE", 13, null), null, licence.id())
                .problem(428, "precondition-required");
        http().put(
                        LICENCE_ADMIN,
                        "/api/v1/licences/{id}",
                        licence(office, "PER_DEVICE", 13, null),
                        licence.etag(),
                        licence.id())
                .expect(200);
        JsonNode spare = position(office);
        assertThat(spare.get("unused").asLong()).isEqualTo(3);
        assertThat(gauge("servicedesk.licences.unused", "Office Standard 2021")).isEqualTo(3.0);
        assertThat(registry.find("servicedesk.licences.over.deployed")
                        .tag("product", "Office Standard 2021")
                        .gauge())
                .as("no longer over-deployed")
                .isNull();
        http().put(
                        LICENCE_ADMIN,
                        "/api/v1/licences/{id}",
                        licence(office, "PER_DEVICE", 13, null),
                        licence.etag(),
                        licence.id())
                .problem(412, "stale-version");
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/licences/{id}/history", licence.id())
                        .body())
                .extracting(e -> e.get("action").asString())
                .containsExactly("REGISTERED", "UPDATED");
    }

    @Test
    void licencesEndingWithin30_60_90DaysAreCountedAndExpiredOnesEntitleNothing() {
        long pc = desktop(cmdb, "KP03-PC9001", "marta.kowalczyk").id();
        inventory.reportNames(
                pc, InstallationSource.AGENT, Instant.now(clock), List.of("ESET Endpoint Security 11.0"), SEEDER);
        long eset = http().get(LICENCE_ADMIN, "/api/v1/cis/{id}/software", pc)
                .body()
                .get(0)
                .get("productId")
                .asLong();
        LocalDate today = today();
        for (int days : new int[] {10, 45, 80, 200}) {
            http().post(LICENCE_ADMIN, "/api/v1/licences", licence(eset, "PER_DEVICE", 1, today.plusDays(days)))
                    .expect(201);
        }
        Map<String, Object> expired = licence(eset, "PER_DEVICE", 50, today.minusDays(1));
        expired.put("validFrom", today.minusYears(1).toString());
        http().post(LICENCE_ADMIN, "/api/v1/licences", expired).expect(201);

        JsonNode position = position(eset);
        assertThat(position.get("expiring").get("within30Days").asInt()).isEqualTo(1);
        assertThat(position.get("expiring").get("within60Days").asInt()).isEqualTo(2);
        assertThat(position.get("expiring").get("within90Days").asInt()).isEqualTo(3);
        assertThat(position.get("lines").get(0).get("entitled").asLong())
                .as("the expired licence of 50 entitles nothing")
                .isEqualTo(4);
        assertThat(position.get("unused").asLong()).isEqualTo(3);

        JsonNode within30 = http().get(LICENCE_ADMIN, "/api/v1/licences?expiringWithin=30&product={id}", eset)
                .expect(200)
                .body();
        assertThat(within30)
                .singleElement()
                .satisfies(l -> assertThat(l.get("validUntil").asString())
                        .isEqualTo(today.plusDays(10).toString()));
        JsonNode summary = http().get(USER_SUPPORT, "/api/v1/compliance/summary")
                .expect(200)
                .body();
        assertThat(summary.get("expiringLicences").get("within90Days").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(registry.find("servicedesk.licences.expiring")
                        .tag("within", "60d")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void perUserLicencesCoverTheDevicesOfTheirPeople() {
        List<String> people = List.of("anna.nowak", "piotr.wisniewski", "ewa.zielinska");
        for (String person : people) {
            long laptop =
                    desktop(cmdb, "NB-" + person.replace('.', '-'), person).id();
            inventory.reportNames(
                    laptop,
                    InstallationSource.AGENT,
                    Instant.now(clock),
                    List.of("Microsoft 365 Apps for enterprise - pl-pl"),
                    SEEDER);
        }
        long m365 = productNamed("Microsoft 365 Apps for enterprise");
        JsonCalls.Response licence = http().post(LICENCE_ADMIN, "/api/v1/licences", licence(m365, "PER_USER", 2, null))
                .expect(201);
        assign(licence.id(), Map.of("username", "anna.nowak", "personName", "Anna Nowak"))
                .expect(201);
        assign(licence.id(), Map.of("username", "piotr.wisniewski")).expect(201);
        assign(licence.id(), Map.of("username", "anna.nowak")).problem(409, "assignment-exists");
        assign(licence.id(), Map.of("ciId", 1)).problem(422, "assignment-not-applicable");

        JsonNode position = position(m365);
        assertThat(position.get("assignedUsers").asInt()).isEqualTo(2);
        assertThat(position.get("unlicensedDevices").asLong())
                .as("Ewa's laptop has no licensed user")
                .isEqualTo(1);
        assertThat(position.get("status").asString()).isEqualTo("OVER_DEPLOYED");

        long ewa = assign(licence.id(), Map.of("username", "ewa.zielinska"))
                .expect(201)
                .id();
        JsonNode overAssigned = position(m365);
        assertThat(overAssigned.get("unlicensedDevices").asLong()).isZero();
        assertThat(overAssigned.get("overDeployed").asLong())
                .as("3 people on 2 licences")
                .isEqualTo(1);
        http().post(LICENCE_ADMIN, "/api/v1/licence-assignments/{id}/end", Map.of(), ewa)
                .expect(200);
        assertThat(position(m365).get("assignedUsers").asInt()).isEqualTo(2);
        assertThat(http().get(LICENCE_ADMIN, "/api/v1/licences/{id}/assignments?activeOnly=false", licence.id())
                        .body())
                .hasSize(3);
    }

    @Test
    void perCoreLicencesCountTheCoresOfTheServersRunningTheProduct() {
        for (Object[] server : new Object[][] {{"SQL-01", 16}, {"SQL-02", 32}, {"SQL-03", null}}) {
            long id = server(cmdb, (String) server[0], (Integer) server[1]).id();
            inventory.reportNames(
                    id,
                    InstallationSource.AGENT,
                    Instant.now(clock),
                    List.of("Microsoft SQL Server 2022 (64-bit)"),
                    SEEDER);
        }
        long sql = productNamed("SQL Server 2022");
        http().post(LICENCE_ADMIN, "/api/v1/licences", licence(sql, "PER_CORE", 48, null))
                .expect(201);
        JsonNode position = position(sql);
        assertThat(position.get("lines").get(0).get("unit").asString()).isEqualTo("cores");
        assertThat(position.get("lines").get(0).get("consumed").asLong())
                .as("16 + 32 + 16 assumed for the server whose cores are unknown")
                .isEqualTo(64);
        assertThat(position.get("overDeployed").asLong()).isEqualTo(16);
    }

    @Test
    void theRegisterIsKeptByTheLicenceAdminAndChecksWhatItIsGiven() {
        long pc = desktop(cmdb, "KP04-PC9101", "adam.nowicki").id();
        inventory.reportNames(
                pc, InstallationSource.AGENT, Instant.now(clock), List.of("Adobe Acrobat Pro DC 2023"), SEEDER);
        long acrobat = productNamed("Acrobat Pro");
        http().post(USER_SUPPORT, "/api/v1/licences", licence(acrobat, "PER_DEVICE", 5, null))
                .problem(403, "action-not-allowed");
        http().post(CMDB_ADMIN, "/api/v1/licences", licence(acrobat, "PER_DEVICE", 5, null))
                .problem(403, "action-not-allowed");
        http().post(LICENCE_ADMIN, "/api/v1/licences", licence(acrobat, "SITE", 5, null))
                .problem(400, "quantity-not-applicable");
        http().post(LICENCE_ADMIN, "/api/v1/licences", licence(acrobat, "PER_DEVICE", null, null))
                .problem(400, "quantity-required");
        http().post(LICENCE_ADMIN, "/api/v1/licences", licence(999_999, "PER_DEVICE", 1, null))
                .problem(400, "unknown-product");
        http().post(LICENCE_ADMIN, "/api/v1/licences", licence(acrobat, "PER_DEVICE", 1, LocalDate.parse("2023-12-31")))
                .problem(400, "invalid-dates");
        JsonNode site = http().post(LICENCE_ADMIN, "/api/v1/licences", licence(acrobat, "SITE", null, null))
                .expect(201)
                .body();
        assertThat(site.get("validToday").asBoolean()).isTrue();
        assertThat(position(acrobat).get("status").asString()).isEqualTo("COMPLIANT");

        JsonNode manual = http().post(
                        CMDB_ADMIN,
                        "/api/v1/installations",
                        Map.of("ciId", pc, "productId", acrobat, "version", "2023"))
                .expect(201)
                .body();
        assertThat(manual.get("source").asString()).isEqualTo("MANUAL");
        http().post(CMDB_ADMIN, "/api/v1/installations", Map.of("ciId", pc, "productId", acrobat))
                .problem(409, "installation-exists");
        long reported =
                http()
                        .get(LICENCE_ADMIN, "/api/v1/installations?ci={id}&active=true", pc)
                        .body()
                        .findValues("id")
                        .stream()
                        .map(JsonNode::asLong)
                        .filter(id -> id != manual.get("id").asLong())
                        .findFirst()
                        .orElseThrow();
        http().post(LICENCE_ADMIN, "/api/v1/installations/{id}/end", Map.of(), reported)
                .problem(422, "installation-is-reported");
        JsonNode ended = http().post(
                        LICENCE_ADMIN,
                        "/api/v1/installations/{id}/end",
                        Map.of(),
                        manual.get("id").asLong())
                .expect(200)
                .body();
        assertThat(ended.get("endReason").asString()).isEqualTo("REMOVED");
    }

    @Test
    void theSeedingApiOfTheReadmeBuildsAConsistentRegister() {
        CurrentUser seeder = new CurrentUser(
                "system:demo",
                "Demo data",
                EnumSet.of(Role.CMDB_ADMIN, Role.LICENCE_ADMIN, Role.INTEGRATION),
                Optional.empty());
        ConfigurationItem host = cmdb.create(
                CiDetails.builder("SERVER", "ESX-03")
                        .hostname("esx-03")
                        .cores(64)
                        .location("Wielopole 17a", "serwerownia")
                        .build(),
                CiStatus.IN_USE,
                seeder);
        ConfigurationItem pc = cmdb.create(
                CiDetails.builder("WORKSTATION", "KP01-PC014")
                        .serialNumber("CZC1234XYZ")
                        .inventoryNumber("UMK/KP/2024/014")
                        .macAddress("3c:52:82:01:02:03")
                        .ownerUnit("KP-01")
                        .assignedTo("anna.nowak", "Anna Nowak")
                        .location("Pl. Wszystkich Świętych 3-4", "214")
                        .attribute("ramGb", 16)
                        .build(),
                CiStatus.IN_USE,
                seeder);
        ConfigurationItem vm = cmdb.create(
                CiDetails.builder("VIRTUAL_MACHINE", "VM-PODATKI-01").cores(8).build(), CiStatus.IN_USE, seeder);
        cmdb.relate(vm.id(), RelationshipType.RUNS_ON, host.id(), seeder);
        inventory.reportNames(
                pc.id(),
                InstallationSource.AGENT,
                Instant.now(),
                List.of("Microsoft Office Standard 2019 - pl-pl", "LibreOffice 7.6.4.1"),
                seeder);
        long office = catalogue
                .findProduct("Microsoft", "Office Standard 2019", seeder)
                .orElseThrow()
                .id();
        licences.register(
                LicenceDetails.builder("Office 2019 – umowa IT-07/2024/031", LicenceMetric.PER_DEVICE)
                        .products(office)
                        .quantity(250)
                        .valid(LocalDate.of(2024, 1, 1), null)
                        .contract("IT-07/2024/031", "Integrator Sp. z o.o.")
                        .cost(new BigDecimal("312500.00"), "PLN")
                        .build(),
                seeder);

        JsonNode position = position(office);
        assertThat(position.get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(position.get("unused").asLong()).isEqualTo(249);
        assertThat(http().get(CMDB_ADMIN, "/api/v1/cis/{id}/impact", host.id())
                        .body()
                        .get("downstream")
                        .get("items"))
                .extracting(i -> i.get("name").asString())
                .containsExactly("VM-PODATKI-01");
    }

    private JsonCalls.Response assign(long licence, Map<String, Object> body) {
        return http().post(LICENCE_ADMIN, "/api/v1/licences/{id}/assignments", body, licence);
    }

    private JsonNode position(long product) {
        return http().get(LICENCE_ADMIN, "/api/v1/compliance/{id}", product)
                .expect(200)
                .body();
    }

    private long productNamed(String name) {
        for (JsonNode product : http().get(LICENCE_ADMIN, "/api/v1/software/products?q={q}", name)
                .body()) {
            if (product.get("name").asString().equals(name)) {
                return product.get("id").asLong();
            }
        }
        throw new AssertionError("No product " + name);
    }

    private double gauge(String meter, String product) {
        Gauge gauge = registry.find(meter).tag("product", product).gauge();
        assertThat(gauge).as(meter + " of " + product).isNotNull();
        return gauge.value();
    }

    private static Map<String, Object> licence(long product, String metric, Integer quantity, LocalDate validUntil) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", metric + " licence for product " + product);
        body.put("products", List.of(product));
        body.put("metric", metric);
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        body.put("validFrom", "2024-01-01");
        if (validUntil != null) {
            body.put("validUntil", validUntil.toString());
        }
        body.put("contractNumber", "IT-07/2024/031");
        body.put("vendor", "Integrator Sp. z o.o.");
        body.put("cost", 12345.67);
        return body;
    }
}
