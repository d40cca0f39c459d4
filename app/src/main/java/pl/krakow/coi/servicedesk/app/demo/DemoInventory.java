package pl.krakow.coi.servicedesk.app.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;
import pl.krakow.coi.servicedesk.licence.Compliance;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.licence.SoftwareInventory;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The embedded run's configuration database and licence register, seeded through the same services as the API
 * (docs/cmdb-and-licences.md): two business services of Kraków City Hall, e-Podatki and the City
 * Council's system, with the applications, databases, virtual machines, ESX hosts, SAN and switches they need;
 * the requesters' workstations and the printers on their floor; software reported by the inventory agent; and
 * licences of which some are over-deployed and some end within 30, 60 and 90 days.
 */
@Component
@ConditionalOnProperty(name = "servicedesk.demo-data.enabled", havingValue = "true")
class DemoInventory {

    static final CurrentUser SEEDER = new CurrentUser(
            "system:demo",
            "Demo data",
            EnumSet.of(Role.CMDB_ADMIN, Role.LICENCE_ADMIN, Role.INTEGRATION),
            Optional.empty());

    static final String SERVER_ROOM = "Wielopole 17a";
    static final String CITY_HALL = "Pl. Wszystkich Świętych 3-4";
    static final String NOWA_HUTA = "Os. Zgody 2";

    private final CmdbService cmdb;
    private final SoftwareInventory inventory;
    private final SoftwareCatalogue catalogue;
    private final LicenceService licences;
    private final Clock clock;

    DemoInventory(
            CmdbService cmdb,
            SoftwareInventory inventory,
            SoftwareCatalogue catalogue,
            LicenceService licences,
            Clock clock) {
        this.cmdb = cmdb;
        this.inventory = inventory;
        this.catalogue = catalogue;
        this.licences = licences;
        this.clock = clock;
    }

    /**
     * The seeded items that tickets can be about.
     *
     * @param workstations each requester's workstation, by username
     * @param byCategory items that tickets of a catalogue category are typically about
     */
    record Seeded(Map<String, Long> workstations, Map<String, List<Long>> byCategory) {

        static final List<String> WORKSTATION_CATEGORIES = List.of(
                "WS-PC-FAULT",
                "WS-OFFICE-FAULT",
                "WS-OFFICE-INSTALL",
                "WS-ANTIVIRUS",
                "WS-PATCHING",
                "WS-ENCRYPTION",
                "WS-APP-INSTALL",
                "WS-USB-CONTROL",
                "WS-PERIPHERAL",
                "WS-CARD-READER",
                "DESKTOP-APP-FAULT");

        /** The item a ticket of this category from this requester is about, or null (most tickets name none). */
        Long itemFor(String categoryCode, String requester, Random random) {
            if (categoryCode == null) {
                return null;
            }
            if (WORKSTATION_CATEGORIES.contains(categoryCode)) {
                return workstations.get(requester);
            }
            List<Long> items = byCategory.getOrDefault(categoryCode, List.of());
            return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
        }
    }

    Seeded seed() {
        LocalDate today = LocalDate.now(clock.withZone(Compliance.CITY_HALL_ZONE));
        Instant now = clock.instant();

        // The server room: two ESX hosts on a SAN, a physical database server, the core switch.
        long san = item(CiDetails.builder("STORAGE", "SAN-01")
                .manufacturer("Dell")
                .model("PowerStore 1200T")
                .serialNumber("PS1200T-8XK2L3")
                .inventoryNumber("UMK/COI/2023/0117")
                .location(SERVER_ROOM, "serwerownia")
                .purchased(LocalDate.of(2023, 5, 16), LocalDate.of(2028, 5, 15))
                .attribute("storageType", "SAN")
                .attribute("capacityTb", 240)
                .attribute("replicated", true)
                .attribute("managementIp", "10.10.0.40")
                .description("Macierz produkcyjna dla klastra VMware i baz danych; replikacja do Os. Zgody 2."));
        long coreSwitch = item(CiDetails.builder("NETWORK_DEVICE", "SW-CORE-01")
                .hostname("sw-core-01")
                .manufacturer("Cisco")
                .model("Catalyst 9500-48Y4C")
                .serialNumber("FCW2415L0AB")
                .location(SERVER_ROOM, "serwerownia")
                .attribute("deviceType", "SWITCH")
                .attribute("layer", "LAYER_3")
                .attribute("managementIp", "10.10.0.2")
                .attribute("ports", 48)
                .attribute("firmware", "IOS XE 17.9.4a"));
        long accessSwitch = item(CiDetails.builder("NETWORK_DEVICE", "SW-PWS-2P")
                .hostname("sw-pws-2p")
                .manufacturer("Cisco")
                .model("Catalyst 9200-48P")
                .serialNumber("JAE24180QWE")
                .location(CITY_HALL, "2 piętro – szafa PD-2")
                .attribute("deviceType", "SWITCH")
                .attribute("layer", "LAYER_2")
                .attribute("managementIp", "10.20.2.2")
                .attribute("ports", 48));
        relate(accessSwitch, RelationshipType.CONNECTED_TO, coreSwitch);
        long esx1 = esxHost("ESX-01", "CZJ2401E01", "R03/U12", "10.10.0.11");
        long esx2 = esxHost("ESX-02", "CZJ2401E02", "R03/U14", "10.10.0.12");
        for (long host : List.of(esx1, esx2)) {
            relate(host, RelationshipType.DEPENDS_ON, san);
            relate(host, RelationshipType.CONNECTED_TO, coreSwitch);
        }
        long oracleServer = item(CiDetails.builder("SERVER", "DB-ORA-01")
                .hostname("db-ora-01")
                .manufacturer("HPE")
                .model("ProLiant DL380 Gen10 Plus")
                .serialNumber("CZ21330ORA")
                .inventoryNumber("UMK/COI/2021/0342")
                .cores(16)
                .location(SERVER_ROOM, "serwerownia")
                .purchased(LocalDate.of(2021, 9, 2), LocalDate.of(2026, 9, 1))
                .attribute("role", "Serwer baz danych Oracle")
                .attribute("cpuSockets", 2)
                .attribute("ramGb", 512)
                .attribute("operatingSystem", "Oracle Linux 8")
                .attribute("rack", "R04/U20")
                .attribute("managementIp", "10.10.0.21"));
        relate(oracleServer, RelationshipType.DEPENDS_ON, san);
        relate(oracleServer, RelationshipType.CONNECTED_TO, coreSwitch);

        // e-Podatki: the business service, its application on two VMs, its Oracle database.
        long taxDatabase = item(CiDetails.builder("DATABASE", "PODATKI_PROD")
                .attribute("engine", "ORACLE")
                .attribute("engineVersion", "19c")
                .attribute("sizeGb", 860)
                .description("Baza produkcyjna podatków lokalnych (nieruchomości, rolny, leśny, środki transportu)."));
        relate(taxDatabase, RelationshipType.RUNS_ON, oracleServer);
        long taxVm1 = vm("VM-PODATKI-APP01", 8, 32, "Red Hat Enterprise Linux 9", "10.10.16.21", esx1);
        long taxVm2 = vm("VM-PODATKI-APP02", 8, 32, "Red Hat Enterprise Linux 9", "10.10.16.22", esx2);
        long taxApplication = item(CiDetails.builder("APPLICATION", "e-Podatki – system podatków lokalnych")
                .supportingUnit("IT-05-1")
                .attribute("vendor", "Asseco Data Systems")
                .attribute("applicationType", "BUSINESS")
                .attribute("criticality", "HIGH"));
        relate(taxApplication, RelationshipType.RUNS_ON, taxVm1);
        relate(taxApplication, RelationshipType.RUNS_ON, taxVm2);
        relate(taxApplication, RelationshipType.DEPENDS_ON, taxDatabase);
        long taxService = item(CiDetails.builder("BUSINESS_SERVICE", "e-Podatki")
                .supportingUnit("IT-05-1")
                .attribute("serviceOwner", "Wydział Podatków i Opłat")
                .attribute("criticality", "CRITICAL")
                .attribute("catalogueCategory", "APP-TAX")
                .attribute("serviceHours", "pn.–pt. 7:30–15:30")
                .description("Obsługa podatków i opłat lokalnych: wymiar, księgowanie wpłat, e-deklaracje."));
        relate(taxService, RelationshipType.USES, taxApplication);

        // The City Council's system: eSesja on a Windows VM with its SQL Server database.
        long sqlVm = vm("VM-SQL-01", 8, 64, "Windows Server 2022 Standard", "10.10.16.31", esx1);
        long councilDatabase = item(CiDetails.builder("DATABASE", "ESESJA")
                .attribute("engine", "MSSQL")
                .attribute("engineVersion", "2019")
                .attribute("sizeGb", 120));
        relate(councilDatabase, RelationshipType.RUNS_ON, sqlVm);
        long councilVm = vm("VM-RADA-01", 4, 16, "Windows Server 2022 Standard", "10.10.16.41", esx2);
        long councilApplication = item(CiDetails.builder("APPLICATION", "eSesja – obsługa posiedzeń Rady Miasta")
                .supportingUnit("IT-05-1")
                .attribute("vendor", "Sygnity Business Solutions")
                .attribute("applicationType", "BUSINESS")
                .attribute("criticality", "HIGH"));
        relate(councilApplication, RelationshipType.RUNS_ON, councilVm);
        relate(councilApplication, RelationshipType.DEPENDS_ON, councilDatabase);
        long councilService = item(CiDetails.builder("BUSINESS_SERVICE", "System obsługi Rady Miasta")
                .supportingUnit("IT-05-1")
                .attribute("serviceOwner", "Kancelaria Rady Miasta i Dzielnic Krakowa")
                .attribute("criticality", "HIGH")
                .attribute("catalogueCategory", "WS-EVENT-SUPPORT")
                .attribute("serviceHours", "sesje Rady Miasta i posiedzenia komisji")
                .description("Porządek obrad, głosowania imienne, transmisja i protokoły sesji Rady Miasta Krakowa."));
        relate(councilService, RelationshipType.USES, councilApplication);

        // The requesters' workstations on the floor's access switch; the tax officers' use e-Podatki.
        Map<String, Long> workstations = new LinkedHashMap<>();
        List<Long> geodesy = new ArrayList<>();
        int n = 0;
        for (Desk desk : DESKS) {
            n++;
            long pc = item(CiDetails.builder("WORKSTATION", desk.workstation())
                    .hostname(desk.workstation().toLowerCase(Locale.ROOT))
                    .manufacturer("Dell")
                    .model("OptiPlex 7010 SFF")
                    .serialNumber("CZC24" + (1000 + n * 37) + "K")
                    .inventoryNumber("UMK/" + desk.unit().replace("-", "") + "/2024/" + (100 + n))
                    .macAddress(String.format("3c:52:82:1a:%02x:%02x", n, 16 + n))
                    .ownerUnit(desk.unit())
                    .assignedTo(desk.username(), desk.fullName())
                    .location(desk.building(), desk.room())
                    .purchased(LocalDate.of(2024, 3, 11), LocalDate.of(2029, 3, 10))
                    .cores(8)
                    .attribute("cpuModel", "Intel Core i5-13500")
                    .attribute("ramGb", 16)
                    .attribute("diskGb", 512)
                    .attribute("operatingSystem", "Windows 11 Pro")
                    .attribute("osVersion", "23H2")
                    .attribute("encrypted", true));
            workstations.put(desk.username(), pc);
            relate(pc, RelationshipType.CONNECTED_TO, accessSwitch);
            if (desk.taxOfficer()) {
                relate(pc, RelationshipType.USES, taxApplication);
            }
            if (desk.cad()) {
                geodesy.add(pc);
            }
            List<String> software = new ArrayList<>(List.of(
                    "Microsoft Office Standard 2021 - pl-pl",
                    "ESET Endpoint Security 10.1.2050.0",
                    "Adobe Acrobat Reader DC 2023.008.20470",
                    "7-Zip 23.01 (x64)",
                    "Mozilla Firefox 121.0 (x64 pl)",
                    "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130"));
            if (desk.cad()) {
                software.add("AutoCAD LT 2024 - Polski");
            }
            if (desk.visio()) {
                software.add("Microsoft Visio Professional 2021 - pl-pl");
            }
            inventory.reportNames(pc, InstallationSource.AGENT, now, software, SEEDER);
        }
        inventory.reportNames(
                sqlVm,
                InstallationSource.AGENT,
                now,
                List.of("Microsoft SQL Server 2019 (64-bit)", "ESET Server Security 10.0.12010.0"),
                SEEDER);
        inventory.reportNames(
                councilVm, InstallationSource.AGENT, now, List.of("ESET Server Security 10.0.12010.0"), SEEDER);

        // Printers on the same floors.
        List<Long> printers = new ArrayList<>();
        printers.add(item(printer("KP01-DR-214", "HP", "LaserJet Enterprise MFP M528dn", "CNBRP1A214", false, 214)));
        printers.add(item(printer("KP03-DR-105", "Kyocera", "TASKalfa 2554ci", "W8N3X00105", true, 105)));
        printers.add(item(printer("KP05-DR-012", "HP", "Color LaserJet Pro MFP M479fdw", "VNB3R0Q012", true, 12)));
        for (long printer : printers) {
            relate(printer, RelationshipType.CONNECTED_TO, accessSwitch);
        }

        // The licence register: Office and AutoCAD over-deployed, ESET, AutoCAD and SQL Server ending soon, Visio
        // installed without a licence.
        long office = product("Microsoft", "Office Standard 2021");
        long eset = product("ESET", "Endpoint Security");
        long esetServer = product("ESET", "Server Security");
        long autocad = product("Autodesk", "AutoCAD LT 2024");
        long sqlServer = product("Microsoft", "SQL Server 2019");
        licences.register(
                LicenceDetails.builder("Office 2021 – umowa IT-07/2024/031", LicenceMetric.PER_DEVICE)
                        .products(office)
                        .quantity(DESKS.size() - 2)
                        .valid(LocalDate.of(2024, 1, 1), null)
                        .contract("IT-07/2024/031", "Integrator Sp. z o.o.")
                        .cost(new BigDecimal("7500.00"), "PLN")
                        .notes("Pakiet biurowy wg procedury D-07; dokupienie dwóch licencji w toku (LIC-REQUEST).")
                        .build(),
                SEEDER);
        licences.register(
                LicenceDetails.builder("ESET PROTECT Advanced – odnowienie 2025", LicenceMetric.PER_DEVICE)
                        .products(eset, esetServer)
                        .quantity(25)
                        .valid(today.minusYears(1).plusDays(21), today.plusDays(21))
                        .contract("IT-04/2025/007", "ESET spol. s r.o. – Dagma Bezpieczeństwo IT")
                        .cost(new BigDecimal("4125.00"), "PLN")
                        .build(),
                SEEDER);
        long autocadLicence = licences.register(
                        LicenceDetails.builder("AutoCAD LT – subskrypcja Wydziału Geodezji", LicenceMetric.PER_USER)
                                .products(autocad)
                                .quantity(1)
                                .valid(today.minusYears(1).plusDays(50), today.plusDays(50))
                                .contract("IT-07/2025/112", "Autodesk – partner handlowy")
                                .cost(new BigDecimal("2380.00"), "PLN")
                                .build(),
                        SEEDER)
                .id();
        Desk surveyor = DESKS.stream().filter(Desk::cad).findFirst().orElseThrow();
        licences.assign(autocadLicence, null, surveyor.username(), surveyor.fullName(), SEEDER);
        long sqlLicence = licences.register(
                        LicenceDetails.builder("SQL Server 2019 Standard – 8 rdzeni (CSP)", LicenceMetric.PER_CORE)
                                .products(sqlServer)
                                .quantity(8)
                                .valid(today.minusYears(2).plusDays(80), today.plusDays(80))
                                .contract("IT-07/2023/058", "Integrator Sp. z o.o.")
                                .cost(new BigDecimal("28600.00"), "PLN")
                                .build(),
                        SEEDER)
                .id();
        licences.assign(sqlLicence, sqlVm, null, null, SEEDER);

        Map<String, List<Long>> byCategory = new LinkedHashMap<>();
        byCategory.put("WS-PRINTER-FAULT", printers);
        byCategory.put("WS-PRINTER-INSTALL", printers);
        byCategory.put("PRINT-CENTRAL", printers);
        byCategory.put("APP-TAX", List.of(taxService, taxApplication));
        byCategory.put("WS-EVENT-SUPPORT", List.of(councilService, councilApplication));
        byCategory.put("APP-GEO", List.copyOf(geodesy));
        byCategory.put("INF-DB", List.of(taxDatabase, councilDatabase));
        byCategory.put("INF-VIRT", List.of(taxVm1, taxVm2, councilVm, sqlVm));
        byCategory.put("INF-APPSERVER", List.of(taxVm1, taxVm2));
        byCategory.put("INF-COMPUTE", List.of(esx1, esx2, oracleServer));
        byCategory.put("INF-STORAGE", List.of(san));
        byCategory.put("INF-BACKUP", List.of(san));
        byCategory.put("NET-CORE", List.of(coreSwitch));
        byCategory.put("TEL-L2-DEVICE", List.of(accessSwitch));
        return new Seeded(workstations, byCategory);
    }

    /** A requester's desk: who sits there, in which unit and room, and what is installed besides the standard. */
    record Desk(
            String workstation,
            String username,
            String fullName,
            String unit,
            String building,
            String room,
            boolean taxOfficer,
            boolean cad,
            boolean visio) {}

    static final List<Desk> DESKS = List.of(
            new Desk("KP01-PC014", "anna.nowak", "Anna Nowak", "KP-01", CITY_HALL, "214", false, false, false),
            new Desk(
                    "KP03-PC105",
                    "piotr.wisniewski",
                    "Piotr Wiśniewski",
                    "KP-03",
                    CITY_HALL,
                    "105",
                    true,
                    false,
                    false),
            new Desk("KP04-PC031", "maria.kaczmarek", "Maria Kaczmarek", "KP-04", CITY_HALL, "031", true, false, true),
            new Desk("KP02-PC207", "tadeusz.mazur", "Tadeusz Mazur", "KP-02", CITY_HALL, "207", false, false, false),
            new Desk(
                    "KP05-PC012",
                    "barbara.jankowska",
                    "Barbara Jankowska",
                    "KP-05",
                    NOWA_HUTA,
                    "012",
                    false,
                    true,
                    false),
            new Desk(
                    "KP05-PC013",
                    "henryk.michalski",
                    "Henryk Michalski",
                    "KP-05",
                    NOWA_HUTA,
                    "013",
                    false,
                    true,
                    false),
            new Desk(
                    "KP01-PC016",
                    "alicja.adamczyk",
                    "Alicja Adamczyk",
                    "KP-01",
                    CITY_HALL,
                    "216",
                    false,
                    false,
                    false));

    private long esxHost(String name, String serial, String rack, String managementIp) {
        return item(CiDetails.builder("SERVER", name)
                .hostname(name.toLowerCase(Locale.ROOT))
                .manufacturer("Dell")
                .model("PowerEdge R750")
                .serialNumber(serial)
                .cores(64)
                .location(SERVER_ROOM, "serwerownia")
                .purchased(LocalDate.of(2024, 2, 20), LocalDate.of(2029, 2, 19))
                .attribute("role", "Host VMware ESXi, klaster PROD")
                .attribute("cpuSockets", 2)
                .attribute("ramGb", 1024)
                .attribute("operatingSystem", "VMware ESXi 8.0 U2")
                .attribute("rack", rack)
                .attribute("managementIp", managementIp)
                .attribute("virtualisationHost", true));
    }

    private long vm(String name, int cores, int ramGb, String system, String ip, long host) {
        long vm = item(CiDetails.builder("VIRTUAL_MACHINE", name)
                .hostname(name.toLowerCase(Locale.ROOT))
                .cores(cores)
                .attribute("ramGb", ramGb)
                .attribute("operatingSystem", system)
                .attribute("hypervisor", "VMWARE")
                .attribute("environment", "PRODUCTION")
                .attribute("ipAddress", ip));
        relate(vm, RelationshipType.RUNS_ON, host);
        return vm;
    }

    private static CiDetails.Builder printer(
            String name, String manufacturer, String model, String serial, boolean colour, int room) {
        String unit = name.substring(0, 4);
        return CiDetails.builder("PRINTER", name)
                .hostname(name.toLowerCase(Locale.ROOT))
                .manufacturer(manufacturer)
                .model(model)
                .serialNumber(serial)
                .ownerUnit("KP-" + unit.substring(2))
                .location(unit.equals("KP05") ? NOWA_HUTA : CITY_HALL, String.format("%03d", room))
                .attribute("multifunction", true)
                .attribute("colour", colour)
                .attribute("printTechnology", "LASER")
                .attribute("printQueue", "\\\\print01\\" + name)
                .attribute("centralPrintSystem", !colour);
    }

    private long item(CiDetails.Builder details) {
        ConfigurationItem item = cmdb.create(details.build(), CiStatus.IN_USE, SEEDER);
        return item.id();
    }

    private void relate(long source, RelationshipType type, long target) {
        cmdb.relate(source, type, target, SEEDER);
    }

    /** A product the agent's reports brought into the catalogue through the normalisation rules. */
    private long product(String publisher, String name) {
        return catalogue
                .findProduct(publisher, name, SEEDER)
                .orElseThrow(() -> new IllegalStateException("No product " + publisher + " " + name
                        + " after the inventory reports: the normalisation rules changed"))
                .id();
    }
}
