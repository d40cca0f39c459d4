package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.licence.SoftwareInventory;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The licence compliance summary and the CI counts by class and state in the KPI report, from the
 * licence register and the CMDB as they are.
 */
@IntegrationTest
class InventoryKpisIT {

    static final CurrentUser DIRECTOR = TestUsers.manager("dyrektor", "COI-DYR");
    static final CurrentUser REGISTRAR =
            TestUsers.with("rejestr", "IT-04-3", Role.CMDB_ADMIN, Role.LICENCE_ADMIN, Role.INTEGRATION);

    @Autowired
    Api api;

    @Autowired
    CmdbService cmdb;

    @Autowired
    SoftwareCatalogue catalogue;

    @Autowired
    SoftwareInventory inventory;

    @Autowired
    LicenceService licences;

    @Autowired
    IndexWaiter index;

    @Test
    void theReportSummarisesLicenceComplianceAndCountsItemsByClassAndState() {
        List<Long> pcs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pcs.add(cmdb.create(
                            CiDetails.builder("WORKSTATION", "KPI-PC0" + i)
                                    .serialNumber("KPISN0" + i)
                                    .build(),
                            CiStatus.IN_USE,
                            REGISTRAR)
                    .id());
        }
        cmdb.create(
                CiDetails.builder("WORKSTATION", "KPI-PC09")
                        .serialNumber("KPISN09")
                        .build(),
                CiStatus.IN_STOCK,
                REGISTRAR);
        long editor = catalogue
                .createProduct("Acme", "Editor Pro 5", true, null, REGISTRAR)
                .id();
        long viewer = catalogue
                .createProduct("Acme", "Viewer 2", true, null, REGISTRAR)
                .id();
        for (long pc : pcs) {
            inventory.installManually(pc, editor, "5.0", REGISTRAR);
        }
        inventory.installManually(pcs.get(0), viewer, "2.1", REGISTRAR);
        licences.register(
                LicenceDetails.builder("Editor Pro – umowa 1/2026", LicenceMetric.PER_DEVICE)
                        .products(editor)
                        .quantity(1)
                        .valid(LocalDate.of(2026, 1, 1), null)
                        .build(),
                REGISTRAR);
        licences.register(
                LicenceDetails.builder("Viewer – umowa 2/2026", LicenceMetric.PER_DEVICE)
                        .products(viewer)
                        .quantity(5)
                        .valid(LocalDate.of(2026, 1, 1), null)
                        .build(),
                REGISTRAR);

        for (int i = 0; i < 2; i++) {
            api.as(TestUsers.firstLine("jan.kowalski"))
                    .post()
                    .uri("/api/v1/tickets")
                    .body(Map.of(
                            "title",
                            "Komputer nie startuje " + i,
                            "description",
                            "Po włączeniu słychać trzy krótkie sygnały.",
                            "configurationItemId",
                            pcs.get(0)))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        index.awaitCaughtUp();
        LocalDate today = LocalDate.now(KpiQuery.ZONE);
        JsonNode report = api.as(DIRECTOR)
                .get()
                .uri("/api/v1/kpis?from={from}&to={to}", today, today.plusDays(1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        JsonNode licence = report.get("licences");
        assertThat(licence.get("products").asLong()).isEqualTo(2);
        assertThat(licence.get("byStatus").get("OVER_DEPLOYED").asLong()).isEqualTo(1);
        assertThat(licence.get("byStatus").get("COMPLIANT").asLong()).isEqualTo(1);
        assertThat(licence.get("shortfalls")).hasSize(1);
        JsonNode shortfall = licence.get("shortfalls").get(0);
        assertThat(shortfall.get("product").asString()).isEqualTo("Acme Editor Pro 5");
        assertThat(shortfall.get("required").asLong()).isEqualTo(3);
        assertThat(shortfall.get("licensed").asLong()).isEqualTo(1);

        List<String> counts = new ArrayList<>();
        report.get("configurationItemCounts")
                .forEach(c -> counts.add(c.get("itemClass").asString() + "/"
                        + c.get("state").asString() + "=" + c.get("count").asLong()));
        assertThat(counts).contains("WORKSTATION/IN_USE=3", "WORKSTATION/IN_STOCK=1");

        JsonNode top = report.get("configurationItems").get(0);
        assertThat(top.get("key").asString()).isEqualTo(pcs.get(0).toString());
        assertThat(top.get("count").asLong()).isEqualTo(2);
        assertThat(report.get("configurationItemNames")
                        .get(pcs.get(0).toString())
                        .asString())
                .as("the dashboard names the item")
                .isEqualTo("KPI-PC00");
    }
}
