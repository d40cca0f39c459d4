package pl.krakow.coi.servicedesk.ingest.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import pl.krakow.coi.servicedesk.licence.SoftwareInventory;

/**
 * What an agent reported about a device, read from either format.
 *
 * @param attributes hardware facts under the CMDB's attribute names (cpuModel, ramGb, diskGb,
 *     operatingSystem, osVersion, ipAddress); the class's schema decides which are kept
 */
record Inventory(
        String deviceId,
        String agent,
        String hardwareUuid,
        String serialNumber,
        String hostname,
        Set<String> macAddresses,
        String manufacturer,
        String model,
        Integer cores,
        String classCode,
        Map<String, Object> attributes,
        List<SoftwareInventory.ReportedSoftware> software) {

    /** Reads the {@code content} of an inventory (XML CONTENT or JSON content). */
    static Inventory of(String deviceId, InventoryTree content) {
        InventoryTree hardware = content.get("hardware");
        InventoryTree bios = content.get("bios");
        InventoryTree os = content.get("operatingsystem");
        Set<String> macs = new LinkedHashSet<>();
        String ip = hardware.value("ipaddr");
        for (InventoryTree network : content.all("networks")) {
            String mac = network.value("macaddr");
            boolean virtual = "1".equals(network.value("virtualdev")) || "true".equals(network.value("virtualdev"));
            if (mac != null && !virtual) {
                macs.add(mac);
                if (ip == null && network.value("ipaddress") != null) {
                    ip = network.value("ipaddress");
                }
            }
        }
        Integer cores = null;
        String cpuModel = null;
        for (InventoryTree cpu : content.all("cpus")) {
            Integer core = integer(cpu.value("core"));
            if (core != null) {
                cores = (cores == null ? 0 : cores) + core;
            }
            cpuModel = cpuModel == null ? cpu.value("name") : cpuModel;
        }
        long diskMb = 0;
        for (InventoryTree storage : content.all("storages")) {
            Long size = longValue(storage.value("disksize"));
            diskMb += size == null ? 0 : size;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Long memoryMb = longValue(hardware.value("memory"));
        if (memoryMb != null && memoryMb > 0) {
            attributes.put("ramGb", Math.max(1, Math.round(memoryMb / 1024.0)));
        }
        if (diskMb > 0) {
            attributes.put("diskGb", Math.max(1, Math.round(diskMb / 1000.0)));
        }
        put(attributes, "cpuModel", cpuModel);
        put(attributes, "operatingSystem", first(os.value("full_name"), hardware.value("osname")));
        put(attributes, "osVersion", first(os.value("version"), hardware.value("osversion")));
        if (ip != null && !ip.startsWith("127.")) {
            attributes.put("ipAddress", ip.split("/")[0]);
        }
        List<SoftwareInventory.ReportedSoftware> software = new ArrayList<>();
        for (InventoryTree entry : content.all("softwares")) {
            String name = entry.value("name");
            if (name != null) {
                software.add(new SoftwareInventory.ReportedSoftware(name, entry.value("version")));
            }
        }
        String vm = hardware.value("vmsystem");
        String osName = String.valueOf(first(os.value("full_name"), hardware.value("osname")))
                .toLowerCase(Locale.ROOT);
        String chassis = String.valueOf(first(hardware.value("chassis_type"), bios.value("type")))
                .toLowerCase(Locale.ROOT);
        String classCode = vm != null && !vm.equalsIgnoreCase("physical")
                ? "VIRTUAL_MACHINE"
                : osName.contains("server")
                        ? "SERVER"
                        : chassis.contains("laptop") || chassis.contains("notebook") || chassis.contains("portable")
                                ? "LAPTOP"
                                : "WORKSTATION";
        return new Inventory(
                deviceId,
                content.value("versionclient"),
                hardware.value("uuid"),
                bios.value("ssn"),
                first(hardware.value("name"), os.value("fqdn")),
                macs,
                first(bios.value("smanufacturer"), bios.value("mmanufacturer")),
                bios.value("smodel"),
                cores,
                classCode,
                attributes,
                software);
    }

    private static void put(Map<String, Object> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value.length() > 100 ? value.substring(0, 100) : value);
        }
    }

    private static Integer integer(String value) {
        Long number = longValue(value);
        return number == null || number > Integer.MAX_VALUE ? null : number.intValue();
    }

    private static Long longValue(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
