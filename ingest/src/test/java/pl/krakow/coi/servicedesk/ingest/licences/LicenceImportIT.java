package pl.krakow.coi.servicedesk.ingest.licences;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.IngestCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The licence import end to end: counts, the licences in the register, the skip report (row, field, value,
 * reason), re-runs that update instead of duplicating, and a file with the wrong header refused at once.
 */
@IntegrationTest(properties = {"servicedesk.ingest.chunks.licences=4", "servicedesk.ingest.worker.poll-interval=200ms"})
class LicenceImportIT {

    static final CurrentUser LICENCE_ADMIN = TestUsers.with("ewa.licencje", "IT-04-3", Role.LICENCE_ADMIN);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    IngestCalls ingest() {
        return new IngestCalls(api);
    }

    @Test
    void importsLicencesAndReportsEachRejectedRowWithItsFieldValueAndReason() {
        IngestCalls ingest = ingest();
        long run = ingest.start(LICENCE_ADMIN, "licence-import", "licences.csv", LicenceFiles.mixed(), Map.of());
        JsonNode view = ingest.completed(LICENCE_ADMIN, run);

        assertThat(view.get("totalRows").asLong()).isEqualTo(13);
        assertThat(view.get("read").asLong())
                .as("rows read (the row of the wrong shape is a read skip)")
                .isEqualTo(12);
        assertThat(view.get("written").asLong()).isEqualTo(3);
        assertThat(view.get("skipped").asLong()).isEqualTo(10);
        JsonNode step = view.get("steps").get(0);
        assertThat(step.get("readSkips").asLong()).isEqualTo(1);
        assertThat(step.get("processSkips").asLong()).isEqualTo(9);
        assertThat(step.get("writeSkips").asLong()).isZero();
        assertThat(view.get("progressPercent").asDouble()).isEqualTo(100.0);

        var office = licence("Office 2021 – umowa IT-07/2024/031");
        assertThat(office.get("metric")).isEqualTo("PER_DEVICE");
        assertThat(office.get("quantity")).isEqualTo(250);
        assertThat(office.get("valid_from").toString()).isEqualTo("2024-01-01");
        assertThat(office.get("valid_until")).isNull();
        assertThat(office.get("contract_number")).isEqualTo("IT-07/2024/031");
        assertThat(office.get("vendor")).isEqualTo("Integrator Sp. z o.o.");
        assertThat((BigDecimal) office.get("cost")).isEqualByComparingTo("312500.00");
        assertThat(office.get("currency")).isEqualTo("PLN");
        assertThat(products(office)).containsExactly("Microsoft / Office Standard 2021");

        var acrobat = licence("Acrobat Pro – subskrypcja");
        assertThat(acrobat.get("metric")).isEqualTo("PER_USER");
        assertThat(acrobat.get("valid_until").toString()).isEqualTo("2025-12-31");
        assertThat((BigDecimal) acrobat.get("cost")).isEqualByComparingTo("38000");
        assertThat(acrobat.get("notes")).isEqualTo("roczna");

        var gis = licence("ArcGIS – licencja miejska");
        assertThat(gis.get("metric")).isEqualTo("SITE");
        assertThat(gis.get("quantity")).isNull();
        assertThat(gis.get("currency")).as("PLN unless said otherwise").isEqualTo("PLN");
        assertThat(products(gis))
                .as("a product missing from the catalogue is added")
                .containsExactly("Esri / ArcGIS Enterprise");
        assertThat(jdbc.sql("SELECT count(*) FROM licence").query(Long.class).single())
                .as("nothing of the rejected rows")
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM licence_audit WHERE entity_type = 'LICENCE' AND action = 'REGISTERED'"
                                + " AND actor = 'ewa.licencje'")
                        .query(Long.class)
                        .single())
                .as("registered through the register's use case, audited as the person who launched the run")
                .isEqualTo(3);

        List<String> report = ingest.skipReport(LICENCE_ADMIN, run).lines().toList();
        assertThat(report.get(0)).isEqualTo("row,field,value,reason");
        assertThat(report).hasSize(11);
        assertThat(report.subList(1, report.size()))
                .satisfiesExactly(
                        line -> assertThat(line)
                                .startsWith("5,metric,PER_SEAT,")
                                .contains("PER_DEVICE"),
                        line -> assertThat(line).startsWith("6,quantity,dużo,").contains("whole number"),
                        line -> assertThat(line)
                                .startsWith("7,validUntil,2023-12-31,")
                                .contains("before it starts"),
                        line -> assertThat(line).startsWith("8,validFrom,,").contains("required"),
                        line -> assertThat(line).startsWith("9,quantity,10,").contains("SITE"),
                        line -> assertThat(line).startsWith("10,currency,zł,").contains("ISO 4217"),
                        line -> assertThat(line)
                                .startsWith("11,cost,\"1 000 000 000 000,00\",")
                                .contains("cost"),
                        line -> assertThat(line)
                                .startsWith("12,contractNumber," + LicenceFiles.LONG_CONTRACT + ",")
                                .contains("100 characters"),
                        line -> assertThat(line).startsWith("13,cost,12.345,").contains("grosze"),
                        line -> assertThat(line).startsWith("14,,").contains("14 values"));
    }

    @Test
    void reRunningAFileUpdatesTheLicencesItImportedInsteadOfRegisteringThemAgain() {
        IngestCalls ingest = ingest();
        long first = ingest.start(LICENCE_ADMIN, "licence-import", "register.csv", LicenceFiles.register(), Map.of());
        assertThat(ingest.completed(LICENCE_ADMIN, first).get("written").asLong())
                .isEqualTo(3);
        Map<String, Long> ids = ids();
        Map<String, Long> versions = versions();

        // The same file again: every licence is recognised by its key and nothing changed.
        long same = ingest.start(LICENCE_ADMIN, "licence-import", "register.csv", LicenceFiles.register(), Map.of());
        JsonNode again = ingest.completed(LICENCE_ADMIN, same);
        assertThat(again.get("written").asLong()).isEqualTo(3);
        assertThat(again.get("skipped").asLong()).isZero();
        assertThat(ids()).isEqualTo(ids);
        assertThat(versions()).as("unchanged licences are not updated").isEqualTo(versions);
        assertThat(audits("UPDATED")).isZero();

        // A later export of the register (Excel, Polish locale): one quantity and one end date changed.
        long changed = ingest.start(
                LICENCE_ADMIN, "licence-import", "register-2025.csv", LicenceFiles.registerLater(), Map.of());
        JsonNode third = ingest.completed(LICENCE_ADMIN, changed);
        assertThat(third.get("written").asLong()).isEqualTo(3);
        assertThat(third.get("skipped").asLong()).isZero();
        assertThat(ids()).as("the same licences, none added").isEqualTo(ids);
        assertThat(jdbc.sql("SELECT count(*) FROM licence").query(Long.class).single())
                .isEqualTo(3);
        var office = licence("Office 2021 – umowa IT-07/2024/031");
        assertThat(office.get("quantity")).isEqualTo(300);
        assertThat(licence("Acrobat Pro – subskrypcja").get("valid_until").toString())
                .isEqualTo("2026-12-31");
        assertThat(versions().get("Office 2021 – umowa IT-07/2024/031"))
                .isEqualTo(versions.get("Office 2021 – umowa IT-07/2024/031") + 1);
        assertThat(versions().get("ArcGIS – licencja miejska"))
                .as("the licence that did not change")
                .isEqualTo(versions.get("ArcGIS – licencja miejska"));
        assertThat(audits("UPDATED")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM licence_import_key WHERE run_id = :run")
                        .param("run", changed)
                        .query(Long.class)
                        .single())
                .as("every key remembers the run that saw it last")
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM software_product WHERE publisher IN ('Microsoft', 'Adobe', 'Esri')")
                        .query(Long.class)
                        .single())
                .as("products are added once")
                .isEqualTo(3);
    }

    @Test
    void aFileWithTheWrongHeaderIsRefusedAtOnceNamingTheProblem() {
        IngestCalls ingest = ingest();
        long file = ingest.upload(
                LICENCE_ADMIN,
                "wrong.csv",
                "name,publisher,product,ilosc,validFrom\nOffice,Microsoft,Office Standard 2021,250,2024-01-01\n");
        JsonNode problem = ingest.launch(LICENCE_ADMIN, "licence-import", file, Map.of())
                .problem(400, "wrong-header")
                .body();
        assertThat(problem.get("detail").asString())
                .contains("missing column(s) metric")
                .contains("unknown column(s) ilosc");
        assertThat(problem.get("missing").toString()).contains("metric");

        long empty = ingest.upload(LICENCE_ADMIN, "empty.csv", "");
        assertThat(ingest.launch(LICENCE_ADMIN, "licence-import", empty, Map.of())
                        .problem(400, "wrong-header")
                        .body()
                        .get("detail")
                        .asString())
                .contains("empty");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_run").query(Long.class).single())
                .as("nothing queued")
                .isZero();
    }

    @Test
    void onlyLicenceAdminsIntegrationsAndAdminsImportLicences() {
        IngestCalls ingest = ingest();
        long file = ingest.upload(LICENCE_ADMIN, "rights.csv", LicenceFiles.register());
        ingest.launch(TestUsers.with("anna.cmdb", "IT-01-3", Role.CMDB_ADMIN), "licence-import", file, Map.of())
                .problem(403, "action-not-allowed");
        ingest.launch(TestUsers.firstLine("jan.kowalski"), "licence-import", file, Map.of())
                .problem(403, "action-not-allowed");
    }

    private Map<String, Object> licence(String name) {
        return jdbc.sql("SELECT * FROM licence WHERE name = :name")
                .param("name", name)
                .query()
                .singleRow();
    }

    private List<String> products(Map<String, Object> licence) {
        return jdbc.sql("""
                        SELECT p.publisher || ' / ' || p.name FROM licence_product lp
                        JOIN software_product p ON p.id = lp.product_id WHERE lp.licence_id = :id
                        """).param("id", licence.get("id")).query(String.class).list();
    }

    private Map<String, Long> ids() {
        Map<String, Long> ids = new java.util.TreeMap<>();
        jdbc.sql("SELECT name, id FROM licence").query(rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return ids;
    }

    private Map<String, Long> versions() {
        Map<String, Long> versions = new java.util.TreeMap<>();
        jdbc.sql("SELECT name, version FROM licence").query(rs -> {
            versions.put(rs.getString(1), rs.getLong(2));
        });
        return versions;
    }

    private long audits(String action) {
        return jdbc.sql("SELECT count(*) FROM licence_audit WHERE entity_type = 'LICENCE' AND action = :action")
                .param("action", action)
                .query(Long.class)
                .single();
    }

    /** Licence CSV files for the tests. */
    static final class LicenceFiles {

        static final String HEADER =
                "licenceKey,name,metric,publisher,product,quantity,validFrom,validUntil,contractNumber,vendor,cost,"
                        + "currency,notes\n";
        static final String LONG_CONTRACT = "IT-07/" + "9".repeat(100);

        private LicenceFiles() {}

        /** Three licences as the register keeps them (cost as Excel writes it, cost without grosze, a site). */
        static String register() {
            return HEADER
                    + "IT-07/2024/031,Office 2021 – umowa IT-07/2024/031,PER_DEVICE,Microsoft,Office Standard 2021,"
                    + "250,2024-01-01,,IT-07/2024/031,Integrator Sp. z o.o.,\"312 500,00\",PLN,\n"
                    + "IT-07/2025/007,Acrobat Pro – subskrypcja,PER_USER,Adobe,Acrobat Pro,40,2025-01-01,2025-12-31,"
                    + "IT-07/2025/007,Adobe Polska,38000,PLN,roczna\n"
                    + ",ArcGIS – licencja miejska,SITE,Esri,ArcGIS Enterprise,,2023-05-01,,IT-07/2023/112,"
                    + "Esri Polska,,,\n";
        }

        /**
         * The register a year later, saved by Excel in Polish locale (semicolons, thousands grouped with a
         * no-break space): two licences changed.
         */
        static String registerLater() {
            return HEADER.replace(',', ';')
                    + "IT-07/2024/031;Office 2021 – umowa IT-07/2024/031;PER_DEVICE;Microsoft;Office Standard 2021;"
                    + "300;2024-01-01;;IT-07/2024/031;Integrator Sp. z o.o.;312\u00A0500,00;PLN;\n"
                    + "IT-07/2025/007;Acrobat Pro – subskrypcja;PER_USER;Adobe;Acrobat Pro;40;2025-01-01;2026-12-31;"
                    + "IT-07/2025/007;Adobe Polska;38000;PLN;roczna\n"
                    + ";ArcGIS – licencja miejska;SITE;Esri;ArcGIS Enterprise;;2023-05-01;;IT-07/2023/112;"
                    + "Esri Polska;;;\n";
        }

        /** The register's three licences, then one wrong row for each check. */
        static String mixed() {
            return register()
                    + "K-5,Zła metryka,PER_SEAT,Microsoft,Visio,5,2024-01-01,,,,,,\n"
                    + "K-6,Zła ilość,PER_DEVICE,Microsoft,Visio,dużo,2024-01-01,,,,,,\n"
                    + "K-7,Złe daty,PER_DEVICE,Microsoft,Visio,5,2024-01-01,2023-12-31,,,,,\n"
                    + "K-8,Bez początku,PER_DEVICE,Microsoft,Visio,5,,2026-12-31,,,,,\n"
                    + "K-9,Witryna z ilością,SITE,Microsoft,Visio,10,2024-01-01,,,,,,\n"
                    + "K-10,Zła waluta,PER_DEVICE,Microsoft,Visio,5,2024-01-01,,,,100,zł,\n"
                    + "K-11,Za drogo,PER_DEVICE,Microsoft,Visio,5,2024-01-01,,,,\"1 000 000 000 000,00\",PLN,\n"
                    + "K-12,Długa umowa,PER_DEVICE,Microsoft,Visio,5,2024-01-01,," + LONG_CONTRACT + ",,,,\n"
                    + "K-13,Ułamek grosza,PER_DEVICE,Microsoft,Visio,5,2024-01-01,,,,12.345,PLN,\n"
                    + "K-14,Za dużo,PER_DEVICE,Microsoft,Visio,5,2024-01-01,,,,,,,nadmiar\n";
        }
    }
}
