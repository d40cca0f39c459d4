package pl.krakow.coi.servicedesk.cmdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/** Request bodies and callers for CMDB tests. */
public final class CmdbFixtures {

    public static final CurrentUser CMDB_ADMIN = TestUsers.with("beata.analityk", "IT-01-3", Role.CMDB_ADMIN);
    public static final CurrentUser USER_SUPPORT = TestUsers.agent("ewa.zielinska", "IT-04-2");
    public static final CurrentUser INFRASTRUCTURE = TestUsers.agent("marek.lis", "IT-04-1");
    public static final CurrentUser DISPOSAL = TestUsers.with("iwona.prawnik", "IT-03-2", Role.DISPOSAL);
    public static final CurrentUser LICENCE_ADMIN = TestUsers.with("lech.licencja", "IT-04-3", Role.LICENCE_ADMIN);
    public static final CurrentUser INVENTORY_AGENT = CurrentUser.system("inventory");

    private CmdbFixtures() {}

    /** A desktop of the Mayor's Office, room 214, with all its identifiers. */
    public static Map<String, Object> workstation(String suffix) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("classCode", "WORKSTATION");
        body.put("name", "KP01-PC" + suffix);
        body.put("status", "IN_USE");
        body.put("inventoryNumber", "UMK/KP/2024/" + suffix);
        body.put("serialNumber", "CZC" + suffix + "XYZ");
        body.put("hostname", "KP01-PC" + suffix);
        body.put("macAddresses", List.of(mac(suffix)));
        body.put("manufacturer", "HP");
        body.put("model", "EliteDesk 800 G6");
        body.put("building", "Pl. Wszystkich Świętych 3-4");
        body.put("room", "214");
        body.put("ownerUnit", "KP-01");
        body.put("assignedUsername", "anna.nowak");
        body.put("assignedName", "Anna Nowak");
        body.put("purchaseDate", "2024-03-12");
        body.put("warrantyUntil", "2027-03-12");
        body.put("cores", 6);
        body.put("attributes", Map.of("ramGb", 16, "operatingSystem", "Windows 11 Pro", "encrypted", true));
        return body;
    }

    /** A MAC address derived from a suffix of digits: 3c:52:82:00:0x:yy. */
    public static String mac(String suffix) {
        String digits = String.format("%06d", Integer.parseInt(suffix.replaceAll("\\D", "")) % 1_000_000);
        return "3C-52-82-" + digits.substring(0, 2) + "-" + digits.substring(2, 4) + "-" + digits.substring(4, 6);
    }

    public static Map<String, Object> item(String classCode, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("classCode", classCode);
        body.put("name", name);
        body.put("status", "IN_USE");
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }
}
