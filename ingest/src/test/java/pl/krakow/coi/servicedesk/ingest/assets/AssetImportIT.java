package pl.krakow.coi.servicedesk.ingest.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
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
 * The asset import end to end: upload, launch, counts, data, skip report, re-runs, bad files, stop and restart, a
 * file split into two parts imported side by side. Files of at least 1 000 rows are split here.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.chunks.assets=500",
            "servicedesk.ingest.worker.poll-interval=200ms",
            "servicedesk.ingest.partitions.assets=2",
            "servicedesk.ingest.partitions.min-rows=500"
        })
class AssetImportIT {

    static final String RANGE_1000 = "serial_number BETWEEN 'CZC0001000X' AND 'CZC0002999X'";
    static final String RANGE_10000 = "serial_number BETWEEN 'CZC0010000X' AND 'CZC0039999X'";

    static final CurrentUser CMDB_ADMIN = TestUsers.with("anna.cmdb", "IT-01-3", Role.CMDB_ADMIN);

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    IngestCalls ingest() {
        return new IngestCalls(api);
    }

    @Test
    void importsDevicesSkipsMalformedRowsWithReasonsAndNeverDuplicatesADevice() {
        IngestCalls ingest = ingest();
        String file = AssetFiles.HEADER
                + AssetFiles.workstation(1)
                + AssetFiles.workstation(2)
                + "PRINTER,Drukarka 214,UMK/KP/2024/P214,PHX123,,,HP,LaserJet M507,Wielopole 17a,214,KP-01,,,,,,,\n"
                + "TOASTER,Toster,UMK/KP/2024/T1,,,,,,,,,,,,,,,\n"
                + "WORKSTATION,Zła data,UMK/KP/2024/X1,,,,,,,,,,,2024-13-45,,,,\n"
                + "WORKSTATION,Za dużo,UMK/KP/2024/X2,,,,,,,,,,,,,,,,extra,values\n"
                + "WORKSTATION,,UMK/KP/2024/0000001,,,,,,,215,,,,,,,32,\n";
        long run = ingest.start(CMDB_ADMIN, "asset-import", "assets.csv", file, Map.of());
        JsonNode view = ingest.completed(CMDB_ADMIN, run);

        assertThat(view.get("read").asLong())
                .as("rows read (the row of wrong shape is a read skip)")
                .isEqualTo(6);
        assertThat(view.get("written").asLong()).isEqualTo(3);
        assertThat(view.get("skipped").asLong()).isEqualTo(4);
        assertThat(view.get("totalRows").asLong()).isEqualTo(7);
        assertThat(view.get("progressPercent").asDouble()).isEqualTo(100.0);
        JsonNode step = view.get("steps").get(0);
        assertThat(step.get("readSkips").asLong()).isEqualTo(1);
        assertThat(step.get("processSkips").asLong()).isEqualTo(3);

        assertThat(count("class_code = 'WORKSTATION' AND inventory_number IN ('UMK/KP/2024/0000001',"
                        + " 'UMK/KP/2024/0000002', 'UMK/KP/2024/X1', 'UMK/KP/2024/X2')"))
                .as("the file's two workstations, not its two rejected ones (other tests add more)")
                .isEqualTo(2);
        assertThat(count("class_code = 'PRINTER'")).isEqualTo(0).as("a PRINTER needs its required attribute");
        var pc = jdbc.sql("SELECT * FROM configuration_item WHERE inventory_number = 'UMK/KP/2024/0000001'")
                .query()
                .singleRow();
        assertThat(pc.get("serial_number")).isEqualTo("CZC0000001X");
        assertThat(pc.get("hostname")).isEqualTo("kp01-pc0000001");
        assertThat(pc.get("room"))
                .as("the later row of the same device updated it")
                .isEqualTo("215");
        assertThat(pc.get("building")).as("an empty column leaves the value").isEqualTo("Pl. Wszystkich Świętych 3-4");
        assertThat(pc.get("owner_unit")).isEqualTo("KP-01");
        assertThat(pc.get("supporting_unit")).as("the class's default").isEqualTo("IT-04-2");
        assertThat(pc.get("status")).isEqualTo("IN_USE");
        assertThat(pc.get("attributes").toString()).contains("\"ramGb\": 32").contains("Windows 11 Pro");
        assertThat(jdbc.sql("SELECT count(*) FROM ci_mac_address WHERE mac = '3c:52:82:00:00:01'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM ci_event WHERE ci_id = :id")
                        .param("id", pc.get("id"))
                        .query(Long.class)
                        .single())
                .as("created, then discovered again with the new room")
                .isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT to_status || ' ' || (data->>'class') || ' ' || (data->>'name') || ' ' || (data->>'source')
                               || ' ' || (data->'run')::text || ' ' || actor_name
                        FROM ci_event WHERE ci_id = :id AND type = 'CREATED'
                        """).param("id", pc.get("id")).query(String.class).single())
                .as("the audit entry of the creation")
                .isEqualTo("IN_USE WORKSTATION KP01-PC0000001 import:assets.csv " + run + " Import assets.csv (run "
                        + run + ")");

        List<String> report = ingest.skipReport(CMDB_ADMIN, run).lines().toList();
        assertThat(report.get(0)).isEqualTo("row,field,value,reason");
        assertThat(report)
                .anySatisfy(line ->
                        assertThat(line).startsWith("4,attr.multifunction,,").contains("required"))
                .anySatisfy(line -> assertThat(line).startsWith("5,class,TOASTER,"))
                .anySatisfy(line -> assertThat(line).startsWith("6,purchaseDate,2024-13-45,"))
                .anySatisfy(line -> assertThat(line).startsWith("7,,").contains("20 values"));

        // The same file again: every device is recognised, none is added.
        long again = ingest.start(CMDB_ADMIN, "asset-import", "assets.csv", file, Map.of());
        JsonNode second = ingest.completed(CMDB_ADMIN, again);
        assertThat(second.get("written").asLong()).isEqualTo(3);
        assertThat(count("inventory_number LIKE 'UMK/KP/2024/000000_'")).isEqualTo(2);
        assertThat(count("serial_number = 'CZC0000002X'")).isEqualTo(1);
    }

    @Test
    void everyColumnIsStoredAsWrittenOnCreationAndUpdate() {
        IngestCalls ingest = ingest();
        String header = "class,name,inventoryNumber,serialNumber,hostname,macAddresses,hardwareUuid,agentDeviceId,"
                + "manufacturer,model,building,room,ownerUnit,supportingUnit,purchaseDate,warrantyUntil,cores,status,"
                + "description,attr.ramGb,attr.operatingSystem\n";
        String created = header
                + "WORKSTATION,\"Stanowisko \"\"A\"\", {szafa}\",UMK/KP/2024/RT1,CZCRT1X,kp01-rt1,3c:52:82:aa:00:01,"
                + "0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b,agent-rt1,HP,\"EliteDesk, 800\",Wielopole 17a,\\214,KP-01,IT-04-2,"
                + "2024-02-29,2027-02-28,12,IN_STOCK,\"Zażółć gęślą jaźń; NULL, {a,b} \\ \"\"cytat\"\"\",32,Windows 11 Pro\n";
        JsonNode first = ingest.completed(
                CMDB_ADMIN, ingest.start(CMDB_ADMIN, "asset-import", "round-trip.csv", created, Map.of()));
        assertThat(first.get("written").asLong()).isEqualTo(1);
        assertThat(first.get("skipped").asLong()).isZero();
        String select = """
                SELECT name || '|' || inventory_number || '|' || serial_number || '|' || hostname || '|'
                       || hardware_uuid || '|' || agent_device_id || '|' || manufacturer || '|' || model || '|'
                       || building || '|' || room || '|' || owner_unit || '|' || supporting_unit || '|'
                       || purchase_date || '|' || warranty_until || '|' || cores || '|' || status || '|'
                       || description || '|' || (attributes->>'ramGb') || '|' || (attributes->>'operatingSystem')
                FROM configuration_item WHERE hardware_uuid = '0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b'
                """;
        assertThat(jdbc.sql(select).query(String.class).single())
                .isEqualTo("Stanowisko \"A\", {szafa}|UMK/KP/2024/RT1|CZCRT1X|kp01-rt1"
                        + "|0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b|agent-rt1|HP|EliteDesk, 800|Wielopole 17a|\\214|KP-01"
                        + "|IT-04-2|2024-02-29|2027-02-28|12|IN_STOCK|Zażółć gęślą jaźń; NULL, {a,b} \\ \"cytat\""
                        + "|32|Windows 11 Pro");

        String updated = header
                + "WORKSTATION,,,,,3c:52:82:aa:00:02,0E5B4F7C-3A1D-4C57-9D2B-8A6F1E2D3C4B,,,,,,,,,2028-02-29,16,,"
                + "\"NULL\",,\n";
        JsonNode second = ingest.completed(
                CMDB_ADMIN, ingest.start(CMDB_ADMIN, "asset-import", "round-trip-2.csv", updated, Map.of()));
        assertThat(second.get("written").asLong()).isEqualTo(1);
        assertThat(jdbc.sql(select).query(String.class).single())
                .as("found by its UUID; the filled columns replace, the empty ones leave the values")
                .isEqualTo("Stanowisko \"A\", {szafa}|UMK/KP/2024/RT1|CZCRT1X|kp01-rt1"
                        + "|0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b|agent-rt1|HP|EliteDesk, 800|Wielopole 17a|\\214|KP-01"
                        + "|IT-04-2|2024-02-29|2028-02-29|16|IN_STOCK|NULL|32|Windows 11 Pro");
        assertThat(jdbc.sql("""
                        SELECT string_agg(m.mac::text, ' ' ORDER BY m.mac) FROM ci_mac_address m
                        JOIN configuration_item c ON c.id = m.ci_id
                        WHERE c.hardware_uuid = '0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b'
                        """).query(String.class).single()).isEqualTo("3c:52:82:aa:00:01 3c:52:82:aa:00:02");
        assertThat(jdbc.sql("""
                        SELECT e.changes::text FROM ci_event e JOIN configuration_item c ON c.id = e.ci_id
                        WHERE c.hardware_uuid = '0e5b4f7c-3a1d-4c57-9d2b-8a6f1e2d3c4b' AND e.type = 'DISCOVERED'
                        """).query(String.class).single())
                .contains("\"cores\": {\"to\": \"16\", \"from\": \"12\"}")
                .contains("\"description\": {\"to\": \"NULL\"");
    }

    /**
     * The import's audit diff is the CMDB's (ADR 0080). Its own copy recorded a change of the class attributes as
     * the text of a Java map ({@code "{operatingSystem=Windows 11 Pro, ramGb=16}"}), where an edit through the
     * CMDB records them as a JSON object of text values.
     */
    @Test
    void aChangeOfAttributesIsAuditedAsTheCmdbAuditsAnEdit() {
        IngestCalls ingest = ingest();
        ingest.completed(
                CMDB_ADMIN,
                ingest.start(CMDB_ADMIN, "asset-import", "attributes.csv", AssetFiles.workstations(900, 1), Map.of()));
        String more = AssetFiles.HEADER + AssetFiles.workstation(900).replace(",16,Windows", ",32,Windows");
        JsonNode view = ingest.completed(
                CMDB_ADMIN, ingest.start(CMDB_ADMIN, "asset-import", "attributes-2.csv", more, Map.of()));
        assertThat(view.get("written").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT jsonb_typeof(e.changes->'attributes'->'from') || ' ' || (e.changes->'attributes')::text
                        FROM ci_event e JOIN configuration_item c ON c.id = e.ci_id
                        WHERE c.serial_number = 'CZC0000900X' AND e.type = 'DISCOVERED'
                        """).query(String.class).single())
                .isEqualTo("object {\"to\": {\"ramGb\": \"32\", \"operatingSystem\": \"Windows 11 Pro\"}, \"from\":"
                        + " {\"ramGb\": \"16\", \"operatingSystem\": \"Windows 11 Pro\"}}");
    }

    @Test
    void aDeviceWhoseIdentifiersPointAtTwoItemsIsSkippedNotGuessed() {
        IngestCalls ingest = ingest();
        ingest.completed(
                CMDB_ADMIN,
                ingest.start(CMDB_ADMIN, "asset-import", "base.csv", AssetFiles.workstations(100, 2), Map.of()));
        String ambiguous = AssetFiles.HEADER
                + "WORKSTATION,Mix,UMK/KP/2024/0000100,CZC0000101X,,,,,,,,,,,,,,\n"
                + AssetFiles.workstation(102);
        long run = ingest.start(CMDB_ADMIN, "asset-import", "ambiguous.csv", ambiguous, Map.of());
        JsonNode view = ingest.completed(CMDB_ADMIN, run);
        assertThat(view.get("written").asLong()).isEqualTo(1);
        assertThat(view.get("skipped").asLong()).isEqualTo(1);
        assertThat(ingest.skipReport(CMDB_ADMIN, run)).contains("2,identity,").contains("different items");
        assertThat(count("name = 'Mix'")).isZero();
        assertThat(count("serial_number = 'CZC0000102X'")).isEqualTo(1);
    }

    @Test
    void aFileWithTheWrongHeaderOrEncodingIsRefusedAtOnce() {
        IngestCalls ingest = ingest();
        long noClass = ingest.upload(CMDB_ADMIN, "no-class.csv", "name,serialNumber,colour\nPC,123,red\n");
        JsonNode problem = ingest.launch(CMDB_ADMIN, "asset-import", noClass, Map.of())
                .problem(400, "wrong-header")
                .body();
        assertThat(problem.get("detail").asString())
                .contains("missing column(s) class")
                .contains("unknown column(s) colour");

        byte[] windows1250 = (AssetFiles.HEADER + "WORKSTATION,Komputer Łódź,UMK/1,,,,,,,,,,,,,,,\n")
                .getBytes(Charset.forName("windows-1250"));
        long latin = ingest.upload(CMDB_ADMIN, "cp1250.csv", windows1250);
        assertThat(ingest.launch(CMDB_ADMIN, "asset-import", latin, Map.of())
                        .problem(400, "wrong-encoding")
                        .body()
                        .get("detail")
                        .asString())
                .contains("not UTF-8");
        assertThat(count("inventory_number = 'UMK/1'")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_run r JOIN ingest_file f ON f.id = r.file_id"
                                + " WHERE f.filename IN ('no-class.csv', 'cp1250.csv')")
                        .query(Long.class)
                        .single())
                .as("nothing queued")
                .isZero();
    }

    @Test
    void aDeviceAnotherSourceRegistersDuringTheImportIsUpdatedNotDuplicated() throws Exception {
        IngestCalls ingest = ingest();
        // Another source (an agent, a CMDB admin) registers device 70 005 and has not committed yet when the
        // import's insert reaches it: the insert waits for it, then the unique index refuses the row.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var insert = other.prepareStatement("""
                    INSERT INTO configuration_item (class_code, name, status, serial_number, created_at, updated_at)
                    VALUES ('WORKSTATION', 'Zarejestrowany przez agenta', 'IN_USE', 'CZC0070005X', now(), now())
                    """)) {
                insert.executeUpdate();
            }
            long run =
                    ingest.start(CMDB_ADMIN, "asset-import", "race.csv", AssetFiles.workstations(70_000, 10), Map.of());
            Awaitility.await()
                    .alias("the import's insert waits for the other transaction")
                    .until(() -> jdbc.sql("""
                                    SELECT count(*) FROM pg_stat_activity
                                    WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO configuration_item%'
                                    """).query(Long.class).single() > 0);
            other.commit();

            JsonNode done = ingest.completed(CMDB_ADMIN, run);
            assertThat(done.get("written").asLong()).isEqualTo(10);
            assertThat(done.get("skipped").asLong())
                    .as("the retry found the device, so its row is no conflict")
                    .isZero();
        }
        assertThat(count("serial_number BETWEEN 'CZC0070000X' AND 'CZC0070009X'"))
                .isEqualTo(10);
        var pc = jdbc.sql("SELECT * FROM configuration_item WHERE serial_number = 'CZC0070005X'")
                .query()
                .singleRow();
        assertThat(pc.get("name")).as("the row updated the registered item").isEqualTo("KP01-PC0070005");
        assertThat(pc.get("inventory_number")).isEqualTo("UMK/KP/2024/0070005");
        assertThat(jdbc.sql("""
                        SELECT e.type || ' ' || count(*) FROM ci_event e JOIN configuration_item c ON c.id = e.ci_id
                        WHERE c.serial_number BETWEEN 'CZC0070000X' AND 'CZC0070009X' GROUP BY e.type ORDER BY e.type
                        """).query(String.class).list())
                .as("the first attempt's writes were undone with its savepoint: each device is audited once")
                .containsExactly("CREATED 9", "DISCOVERED 1");
        assertThat(jdbc.sql("SELECT count(*) FROM ci_mac_address WHERE mac = '3c:52:82:01:11:75'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFailedRunRestartsFromItsLastCommittedChunk() {
        IngestCalls ingest = ingest();
        // A fault in the database past the first chunks: the row of device 1700 cannot be written.
        jdbc.sql("""
                CREATE FUNCTION refuse_pc() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.serial_number = 'CZC0001700X' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
                    RETURN NEW;
                END $$
                """).update();
        jdbc.sql(
                        "CREATE TRIGGER refuse_pc BEFORE INSERT ON configuration_item FOR EACH ROW EXECUTE FUNCTION refuse_pc()")
                .update();
        long run = ingest.start(CMDB_ADMIN, "asset-import", "big.csv", AssetFiles.workstations(1000, 2000), Map.of());
        JsonNode failed = ingest.await(CMDB_ADMIN, run);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("message").asString()).contains("disk full");
        assertThat(count(RANGE_1000))
                .as("the first part's chunk before the fault and the whole second part (devices 2000-2999) are"
                        + " committed")
                .isEqualTo(1500);
        assertThat(count("serial_number BETWEEN 'CZC0002000X' AND 'CZC0002999X'"))
                .isEqualTo(1000);

        jdbc.sql("DROP TRIGGER refuse_pc ON configuration_item").update();
        ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/restart", Map.of(), run)
                .expect(202);
        JsonNode done = ingest.completed(CMDB_ADMIN, run);
        assertThat(done.get("attempt").asInt()).isEqualTo(2);
        assertThat(done.get("read").asLong()).as("over both executions").isEqualTo(2000);
        assertThat(done.get("written").asLong()).isEqualTo(2000);
        assertThat(count(RANGE_1000)).isEqualTo(2000);
        assertThat(parts(run))
                .as("the restart ran only the failed part, and read only what it had not committed")
                .containsExactly("asset-import.rows:part0 500");
    }

    @Test
    void aLargeFileIsSplitIntoPartsImportedSideBySide() {
        IngestCalls ingest = ingest();
        long run =
                ingest.start(CMDB_ADMIN, "asset-import", "parts.csv", AssetFiles.workstations(50_000, 3000), Map.of());
        JsonNode done = ingest.completed(CMDB_ADMIN, run);

        assertThat(done.get("read").asLong()).isEqualTo(3000);
        assertThat(done.get("written").asLong()).isEqualTo(3000);
        assertThat(done.get("progressPercent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("steps")).hasSize(1);
        assertThat(done.get("steps").get(0).get("name").asString()).isEqualTo("asset-import.rows");
        assertThat(done.get("steps").get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("steps").get(0).get("read").asLong()).isEqualTo(3000);
        assertThat(parts(run)).containsExactly("asset-import.rows:part0 1500", "asset-import.rows:part1 1500");
        assertThat(count("serial_number BETWEEN 'CZC0050000X' AND 'CZC0052999X'"))
                .isEqualTo(3000);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM ci_event e JOIN configuration_item c ON c.id = e.ci_id
                        WHERE c.serial_number BETWEEN 'CZC0050000X' AND 'CZC0052999X'
                        """).query(Long.class).single())
                .as("each device created once")
                .isEqualTo(3000);
    }

    @Test
    void aFileThatNamesADeviceInTwoPartsIsImportedInOnePartInItsOrder() {
        IngestCalls ingest = ingest();
        // Device 60 000 in the first row, and again in the last row of the file with another room and its
        // serial number written in lower case with a space; the CMDB reads both as one serial number.
        String file = AssetFiles.workstations(60_000, 1500) + "WORKSTATION,,,czc 0060000x,,,,,,999,,,,,,,,\n";
        long run = ingest.start(CMDB_ADMIN, "asset-import", "repeated.csv", file, Map.of());
        JsonNode done = ingest.completed(CMDB_ADMIN, run);

        assertThat(done.get("written").asLong()).isEqualTo(1501);
        assertThat(parts(run))
                .as("one part read the whole file")
                .containsExactly("asset-import.rows:part0 1501", "asset-import.rows:part1 0");
        assertThat(jdbc.sql("SELECT room FROM configuration_item WHERE serial_number = 'CZC0060000X'")
                        .query(String.class)
                        .single())
                .as("the last row of the device won")
                .isEqualTo("999");
        assertThat(count("serial_number BETWEEN 'CZC0060000X' AND 'CZC0061499X'"))
                .isEqualTo(1500);
    }

    @Test
    void aRunningImportStopsAndRestartsWhereItStopped() {
        IngestCalls ingest = ingest();
        long run =
                ingest.start(CMDB_ADMIN, "asset-import", "stop.csv", AssetFiles.workstations(10_000, 30_000), Map.of());
        Awaitility.await().until(() -> ingest.run(CMDB_ADMIN, run).get("read").asLong() >= 1000);
        JsonNode stopping = ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/stop", Map.of(), run)
                .expect(200)
                .body();
        assertThat(stopping.get("status").asString()).isEqualTo("STOPPING");
        JsonNode stopped = ingest.await(CMDB_ADMIN, run);
        assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
        long committed = count(RANGE_10000);
        assertThat(committed).isBetween(1000L, 29_999L);
        assertThat(stopped.get("progressPercent").asDouble()).isLessThan(100.0);

        ingest.json()
                .post(CMDB_ADMIN, "/api/v1/ingest/runs/{id}/restart", Map.of(), run)
                .expect(202);
        JsonNode done = ingest.completed(CMDB_ADMIN, run);
        assertThat(done.get("written").asLong()).isEqualTo(30_000);
        assertThat(done.get("rowsPerSecond").asDouble()).isPositive();
        assertThat(count(RANGE_10000)).isEqualTo(30_000);
        assertThat(jdbc.sql("SELECT count(DISTINCT serial_number) FROM configuration_item WHERE " + RANGE_10000)
                        .query(Long.class)
                        .single())
                .isEqualTo(30_000);
    }

    @Test
    void onlyImportersMayLaunch() {
        IngestCalls ingest = ingest();
        long file = ingest.upload(CMDB_ADMIN, "x.csv", AssetFiles.workstations(90_000, 1));
        ingest.launch(TestUsers.firstLine("jan.kowalski"), "asset-import", file, Map.of())
                .problem(403, "action-not-allowed");
        ingest.launch(TestUsers.with("licencje", "IT-04-3", Role.LICENCE_ADMIN), "asset-import", file, Map.of())
                .problem(403, "action-not-allowed");
        ingest.launch(CMDB_ADMIN, "no-such-job", file, Map.of()).problem(400, "unknown-job");
    }

    /** The parts of the run's last job execution: name and rows read. */
    private List<String> parts(long run) {
        return jdbc.sql("""
                        SELECT s.step_name || ' ' || s.read_count FROM batch_step_execution s
                        WHERE s.job_execution_id = (SELECT job_execution_id FROM ingest_run WHERE id = :run)
                          AND s.step_name LIKE '%:part%'
                        ORDER BY s.step_name
                        """).param("run", run).query(String.class).list();
    }

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM configuration_item WHERE " + where)
                .query(Long.class)
                .single();
    }
}
