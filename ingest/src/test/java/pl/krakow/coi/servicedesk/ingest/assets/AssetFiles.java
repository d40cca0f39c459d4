package pl.krakow.coi.servicedesk.ingest.assets;

/** Asset CSV files for tests and benchmarks. */
public final class AssetFiles {

    public static final String HEADER = "class,name,inventoryNumber,serialNumber,hostname,macAddresses,manufacturer,"
            + "model,building,room,ownerUnit,assignedUsername,assignedName,purchaseDate,warrantyUntil,cores,"
            + "attr.ramGb,attr.operatingSystem\n";

    private AssetFiles() {}

    /** {@code count} distinct workstations, numbered from {@code first}. */
    public static String workstations(int first, int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = first; i < first + count; i++) {
            csv.append(workstation(i));
        }
        return csv.toString();
    }

    public static String workstation(int i) {
        return String.format(
                "WORKSTATION,KP01-PC%07d,UMK/KP/2024/%07d,CZC%07dX,kp01-pc%07d,3c:52:82:%02x:%02x:%02x,HP,"
                        + "EliteDesk 800 G6,Pl. Wszystkich Świętych 3-4,%d,KP-01,user%d,Użytkownik %d,2024-01-15,"
                        + "2027-01-15,8,16,Windows 11 Pro\n",
                i, i, i, i, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, 100 + i % 300, i, i);
    }
}
