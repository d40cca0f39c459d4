package pl.krakow.coi.servicedesk.cmdb;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;

/**
 * Everything about an item that its owners edit: class, name, identifiers, location, ownership, support,
 * dates and class attributes. Build one with {@link #builder(String, String)}.
 *
 * @param ownerUnit the customer unit that owns (uses) the item
 * @param assignedUsername the person the item is assigned to (its user)
 * @param supportingUnit the second-line unit that supports it; routing suggests it for tickets about it
 * @param cores physical or virtual CPU cores (per-core licences count them)
 * @param attributes values of the class's attributes
 */
public record CiDetails(
        String classCode,
        String name,
        DeviceIdentity identity,
        String manufacturer,
        String model,
        String building,
        String room,
        String ownerUnit,
        String assignedUsername,
        String assignedName,
        String supportingUnit,
        LocalDate purchaseDate,
        LocalDate warrantyUntil,
        Integer cores,
        Map<String, Object> attributes,
        String description) {

    public CiDetails {
        identity = identity == null ? DeviceIdentity.none() : identity;
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        name = name == null ? null : name.strip();
    }

    public static Builder builder(String classCode, String name) {
        return new Builder().classCode(classCode).name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.classCode = classCode;
        b.name = name;
        b.agentDeviceId = identity.agentDeviceId();
        b.hardwareUuid = identity.hardwareUuid();
        b.serialNumber = identity.serialNumber();
        b.hostname = identity.hostname();
        b.macAddresses = identity.macAddresses();
        b.inventoryNumber = identity.inventoryNumber();
        b.manufacturer = manufacturer;
        b.model = model;
        b.building = building;
        b.room = room;
        b.ownerUnit = ownerUnit;
        b.assignedUsername = assignedUsername;
        b.assignedName = assignedName;
        b.supportingUnit = supportingUnit;
        b.purchaseDate = purchaseDate;
        b.warrantyUntil = warrantyUntil;
        b.cores = cores;
        b.attributes = attributes;
        b.description = description;
        return b;
    }

    /** The fields as a map (for audit diffs); identifiers under their own names. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("classCode", classCode);
        map.put("name", name);
        map.put("agentDeviceId", identity.agentDeviceId());
        map.put("hardwareUuid", identity.hardwareUuid());
        map.put("serialNumber", identity.serialNumber());
        map.put("hostname", identity.hostname());
        map.put("macAddresses", identity.macAddresses().isEmpty() ? null : String.join(", ", identity.macAddresses()));
        map.put("inventoryNumber", identity.inventoryNumber());
        map.put("manufacturer", manufacturer);
        map.put("model", model);
        map.put("building", building);
        map.put("room", room);
        map.put("ownerUnit", ownerUnit);
        map.put("assignedUsername", assignedUsername);
        map.put("assignedName", assignedName);
        map.put("supportingUnit", supportingUnit);
        map.put("purchaseDate", purchaseDate);
        map.put("warrantyUntil", warrantyUntil);
        map.put("cores", cores);
        map.put("attributes", attributes.isEmpty() ? null : attributes);
        map.put("description", description);
        return map;
    }

    /** A fluent builder, convenient for seeding and imports. */
    public static final class Builder {
        private String classCode;
        private String name;
        private String agentDeviceId;
        private UUID hardwareUuid;
        private String serialNumber;
        private String hostname;
        private Set<String> macAddresses = Set.of();
        private String inventoryNumber;
        private String manufacturer;
        private String model;
        private String building;
        private String room;
        private String ownerUnit;
        private String assignedUsername;
        private String assignedName;
        private String supportingUnit;
        private LocalDate purchaseDate;
        private LocalDate warrantyUntil;
        private Integer cores;
        private Map<String, Object> attributes = new LinkedHashMap<>();
        private String description;

        public Builder classCode(String value) {
            classCode = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder agentDeviceId(String value) {
            agentDeviceId = value;
            return this;
        }

        public Builder hardwareUuid(UUID value) {
            hardwareUuid = value;
            return this;
        }

        public Builder serialNumber(String value) {
            serialNumber = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder macAddresses(Collection<String> values) {
            macAddresses = values == null ? Set.of() : Set.copyOf(values);
            return this;
        }

        public Builder macAddress(String value) {
            java.util.Set<String> macs = new java.util.LinkedHashSet<>(macAddresses);
            macs.add(value);
            macAddresses = macs;
            return this;
        }

        public Builder inventoryNumber(String value) {
            inventoryNumber = value;
            return this;
        }

        public Builder identity(DeviceIdentity identity) {
            agentDeviceId = identity.agentDeviceId();
            hardwareUuid = identity.hardwareUuid();
            serialNumber = identity.serialNumber();
            hostname = identity.hostname();
            macAddresses = identity.macAddresses();
            inventoryNumber = identity.inventoryNumber();
            return this;
        }

        public Builder manufacturer(String value) {
            manufacturer = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder location(String building, String room) {
            this.building = building;
            this.room = room;
            return this;
        }

        public Builder ownerUnit(String value) {
            ownerUnit = value;
            return this;
        }

        public Builder assignedTo(String username, String name) {
            assignedUsername = username;
            assignedName = name;
            return this;
        }

        public Builder supportingUnit(String value) {
            supportingUnit = value;
            return this;
        }

        public Builder purchased(LocalDate purchase, LocalDate warrantyUntil) {
            this.purchaseDate = purchase;
            this.warrantyUntil = warrantyUntil;
            return this;
        }

        public Builder cores(Integer value) {
            cores = value;
            return this;
        }

        public Builder attribute(String attributeName, Object value) {
            Map<String, Object> copy = new LinkedHashMap<>(attributes);
            copy.put(attributeName, value);
            attributes = copy;
            return this;
        }

        public Builder attributes(Map<String, Object> values) {
            attributes = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public CiDetails build() {
            return new CiDetails(
                    classCode,
                    name,
                    new DeviceIdentity(
                            agentDeviceId, hardwareUuid, serialNumber, hostname, macAddresses, inventoryNumber),
                    manufacturer,
                    model,
                    building,
                    room,
                    ownerUnit,
                    assignedUsername,
                    assignedName,
                    supportingUnit,
                    purchaseDate,
                    warrantyUntil,
                    cores,
                    attributes,
                    description);
        }
    }
}
