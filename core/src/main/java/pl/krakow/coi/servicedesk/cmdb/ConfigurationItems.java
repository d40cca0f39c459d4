package pl.krakow.coi.servicedesk.cmdb;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentityResolution;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores configuration items in {@code configuration_item}, their MAC addresses in {@code ci_mac_address}.
 * Uniqueness of identifiers is the database's: an insert that would duplicate a device inserts nothing.
 */
@Repository
class ConfigurationItems {

    static final String COLUMNS = "c.id, c.class_code, c.name, c.status, c.inventory_number, c.serial_number,"
            + " c.hostname, c.agent_device_id, c.hardware_uuid, c.manufacturer, c.model, c.building, c.room,"
            + " c.owner_unit, c.assigned_username, c.assigned_name, c.supporting_unit, c.purchase_date,"
            + " c.warranty_until, c.cores, c.attributes, c.description, c.merged_into, c.version, c.created_at,"
            + " c.updated_at, ARRAY(SELECT m.mac::text FROM ci_mac_address m WHERE m.ci_id = c.id AND m.active"
            + " ORDER BY m.mac) AS macs";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConfigurationItems(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ConfigurationItem> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM configuration_item c WHERE c.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public List<ConfigurationItem> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM configuration_item c WHERE c.id = ANY(:ids) ORDER BY c.id")
                .param("ids", ids.toArray(Long[]::new))
                .query(this::map)
                .list();
    }

    /** Loads and locks the item's row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ConfigurationItem> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM configuration_item c WHERE c.id = :id FOR UPDATE OF c")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * Inserts an item; empty when an identifier is already taken (nothing is inserted then). MAC addresses
     * held by an item in service make the whole insert fail the same way.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> insert(CiDetails details, CiStatus status, Instant now) {
        MapSqlParameterSource params =
                params(details).addValue("status", status.name()).addValue("now", Timestamp.from(now));
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO configuration_item (class_code, name, status, inventory_number, serial_number,
                            hostname, agent_device_id, hardware_uuid, manufacturer, model, building, room, owner_unit,
                            assigned_username, assigned_name, supporting_unit, purchase_date, warranty_until, cores,
                            attributes, description, created_at, updated_at)
                        VALUES (:classCode, :name, :status, :inventoryNumber, :serialNumber, :hostname, :agentDeviceId,
                            :hardwareUuid, :manufacturer, :model, :building, :room, :ownerUnit, :assignedUsername,
                            :assignedName, :supportingUnit, :purchaseDate, :warrantyUntil, :cores,
                            CAST(:attributes AS jsonb), :description, :now, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """).paramSource(params).query(Long.class).optional();
        return id;
    }

    /**
     * Stores new details of an item whose version is still {@code expectedVersion}; the status, when not
     * null, too. Identifier uniqueness is checked by the caller before (under the row lock) and by the
     * database.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(long id, CiDetails details, CiStatus status, long expectedVersion, Instant now) {
        MapSqlParameterSource params = params(details)
                .addValue("id", id)
                .addValue("status", status == null ? null : status.name())
                .addValue("version", expectedVersion)
                .addValue("now", Timestamp.from(now));
        int updated = jdbc.sql("""
                        UPDATE configuration_item SET class_code = :classCode, name = :name,
                            status = coalesce(:status, status), inventory_number = :inventoryNumber,
                            serial_number = :serialNumber, hostname = :hostname, agent_device_id = :agentDeviceId,
                            hardware_uuid = :hardwareUuid, manufacturer = :manufacturer, model = :model,
                            building = :building, room = :room, owner_unit = :ownerUnit,
                            assigned_username = :assignedUsername, assigned_name = :assignedName,
                            supporting_unit = :supportingUnit, purchase_date = :purchaseDate,
                            warranty_until = :warrantyUntil, cores = :cores, attributes = CAST(:attributes AS jsonb),
                            description = :description, version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version
                        """).paramSource(params).update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Configuration item " + id + " changed meanwhile");
        }
    }

    /** Marks a duplicate as merged into {@code survivorId}, releasing its identifiers and addresses. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markMerged(long duplicateId, long survivorId, Instant now) {
        jdbc.sql("""
                        UPDATE configuration_item SET merged_into = :survivor, inventory_number = NULL,
                            serial_number = NULL, hostname = NULL, agent_device_id = NULL, hardware_uuid = NULL,
                            version = version + 1, updated_at = :now
                        WHERE id = :id
                        """)
                .param("id", duplicateId)
                .param("survivor", survivorId)
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("UPDATE ci_mac_address SET active = false WHERE ci_id = :id")
                .param("id", duplicateId)
                .update();
    }

    /**
     * Makes {@code macs} the item's active addresses (its other addresses become inactive).
     *
     * @return the addresses held by another item in service; when not empty, the caller refuses the change
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> replaceMacs(long id, Set<String> macs) {
        String[] addresses = macs.toArray(String[]::new);
        Set<String> taken = new TreeSet<>(jdbc.sql("""
                        SELECT mac::text FROM ci_mac_address
                        WHERE active AND ci_id <> :id AND mac = ANY(CAST(:macs AS macaddr[]))
                        """)
                .param("id", id)
                .param("macs", addresses)
                .query(String.class)
                .list());
        if (!taken.isEmpty()) {
            return taken;
        }
        jdbc.sql(
                        "UPDATE ci_mac_address SET active = false WHERE ci_id = :id AND NOT (mac = ANY(CAST(:macs AS macaddr[])))")
                .param("id", id)
                .param("macs", addresses)
                .update();
        jdbc.sql("""
                        INSERT INTO ci_mac_address (ci_id, mac, active)
                        SELECT :id, m, true FROM unnest(CAST(:macs AS macaddr[])) AS m
                        ON CONFLICT (ci_id, mac) DO UPDATE SET active = true
                        """).param("id", id).param("macs", addresses).update();
        return Set.of();
    }

    /** A retired or disposed item releases its network addresses for reuse. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseMacs(long id) {
        jdbc.sql("UPDATE ci_mac_address SET active = false WHERE ci_id = :id")
                .param("id", id)
                .update();
    }

    /**
     * The items holding any of the identity's identifiers: by kind, the ids found. Hostnames and MAC
     * addresses count only on items in service; merged duplicates hold nothing.
     */
    public Map<IdentifierKind, Set<Long>> holders(DeviceIdentity identity) {
        Map<IdentifierKind, Set<Long>> hits = new EnumMap<>(IdentifierKind.class);
        if (identity.isEmpty()) {
            return hits;
        }
        jdbc.sql("""
                        SELECT id, 'AGENT_DEVICE_ID' AS kind FROM configuration_item WHERE agent_device_id = :agent
                        UNION ALL
                        SELECT id, 'HARDWARE_UUID' FROM configuration_item WHERE hardware_uuid = :uuid
                        UNION ALL
                        SELECT id, 'SERIAL_NUMBER' FROM configuration_item WHERE serial_number = :serial
                        UNION ALL
                        SELECT id, 'HOSTNAME' FROM configuration_item
                        WHERE hostname = :hostname AND status NOT IN ('RETIRED', 'DISPOSED')
                        UNION ALL
                        SELECT ci_id, 'MAC_ADDRESS' FROM ci_mac_address WHERE active AND mac = ANY(CAST(:macs AS macaddr[]))
                        UNION ALL
                        SELECT id, 'INVENTORY_NUMBER' FROM configuration_item WHERE inventory_number = :inventory
                        """)
                .param("agent", identity.agentDeviceId())
                .param("uuid", identity.hardwareUuid())
                .param("serial", identity.serialNumber())
                .param("hostname", identity.hostname())
                .param("macs", identity.macAddresses().toArray(String[]::new))
                .param("inventory", identity.inventoryNumber())
                .query((rs, n) -> hits.computeIfAbsent(
                                IdentifierKind.valueOf(rs.getString("kind")), k -> new TreeSet<>())
                        .add(rs.getLong("id")))
                .list();
        return hits;
    }

    /** The identity and status of each item, for identity resolution. */
    public Map<Long, IdentityResolution.Candidate> candidates(Set<Long> ids) {
        Map<Long, IdentityResolution.Candidate> candidates = new HashMap<>();
        for (ConfigurationItem item : findAll(ids)) {
            candidates.put(
                    item.id(),
                    new IdentityResolution.Candidate(item.id(), item.details().identity(), item.status()));
        }
        return candidates;
    }

    /** The ids of the duplicates merged into {@code id}, directly or through other duplicates. */
    public List<Long> mergedInto(long id) {
        return jdbc.sql("""
                        WITH RECURSIVE merged(id) AS (
                            SELECT id FROM configuration_item WHERE merged_into = :id
                            UNION
                            SELECT c.id FROM configuration_item c JOIN merged m ON c.merged_into = m.id
                        )
                        SELECT id FROM merged ORDER BY id
                        """).param("id", id).query(Long.class).list();
    }

    /** One page of a search and the number of items matching. */
    public record Page(List<ConfigurationItem> items, int page, int size, long total) {}

    public Page search(CiFilter filter) {
        if (filter.size() < 1 || filter.size() > CiFilter.MAX_SIZE) {
            throw ServiceDeskException.invalid(
                    "invalid-page-size", "Page size must be between 1 and " + CiFilter.MAX_SIZE);
        }
        if (filter.page() < 0 || filter.page() > 10_000) {
            throw ServiceDeskException.invalid("invalid-page", "Page must be between 0 and 10000");
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        where.add("c.merged_into IS NULL");
        if (!filter.classes().isEmpty()) {
            where.add("c.class_code IN (:classes)");
            params.addValue(
                    "classes",
                    filter.classes().stream()
                            .map(s -> s.toUpperCase(Locale.ROOT))
                            .toList());
        }
        if (!filter.statuses().isEmpty()) {
            for (String status : filter.statuses()) {
                try {
                    CiStatus.valueOf(status.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ServiceDeskException.invalid(
                            "invalid-status", "Status must be one of " + Arrays.toString(CiStatus.values()));
                }
            }
            where.add("c.status IN (:statuses)");
            params.addValue(
                    "statuses",
                    filter.statuses().stream()
                            .map(s -> s.toUpperCase(Locale.ROOT))
                            .toList());
        }
        if (filter.unit() != null && !filter.unit().isBlank()) {
            where.add("(c.owner_unit = :unit OR c.supporting_unit = :unit)");
            params.addValue("unit", filter.unit());
        }
        equal(where, params, "c.owner_unit", "ownerUnit", filter.ownerUnit());
        equal(where, params, "c.supporting_unit", "supportingUnit", filter.supportingUnit());
        if (filter.building() != null && !filter.building().isBlank()) {
            where.add("lower(c.building) = lower(:building)");
            params.addValue("building", filter.building().strip());
        }
        if (filter.room() != null && !filter.room().isBlank()) {
            where.add("lower(c.room) = lower(:room)");
            params.addValue("room", filter.room().strip());
        }
        equal(where, params, "c.assigned_username", "assignedTo", filter.assignedTo());
        if (filter.text() != null && !filter.text().isBlank()) {
            if (filter.text().length() > 100) {
                throw ServiceDeskException.invalid("invalid-text-query", "The text query has at most 100 characters");
            }
            where.add("(c.name ILIKE :text OR c.hostname ILIKE :text OR c.inventory_number ILIKE :text"
                    + " OR c.serial_number ILIKE :text OR c.assigned_name ILIKE :text)");
            params.addValue(
                    "text",
                    "%"
                            + filter.text()
                                    .strip()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        String order = switch (filter.sort() == null ? "name" : filter.sort()) {
            case "name" -> "lower(c.name), c.id";
            case "updated" -> "c.updated_at DESC, c.id DESC";
            case "id" -> "c.id";
            default -> throw ServiceDeskException.invalid("invalid-sort", "Sort must be name, updated or id");
        };
        String condition = String.join(" AND ", where);
        long total = jdbc.sql("SELECT count(*) FROM configuration_item c WHERE " + condition)
                .paramSource(params)
                .query(Long.class)
                .single();
        params.addValue("limit", filter.size()).addValue("offset", (long) filter.page() * filter.size());
        List<ConfigurationItem> items = jdbc.sql("SELECT " + COLUMNS + " FROM configuration_item c WHERE " + condition
                        + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query(this::map)
                .list();
        return new Page(items, filter.page(), filter.size(), total);
    }

    private static void equal(
            List<String> where, MapSqlParameterSource params, String column, String name, String value) {
        if (value != null && !value.isBlank()) {
            where.add(column + " = :" + name);
            params.addValue(name, value.strip());
        }
    }

    private MapSqlParameterSource params(CiDetails d) {
        DeviceIdentity identity = d.identity();
        return new MapSqlParameterSource()
                .addValue("classCode", d.classCode())
                .addValue("name", d.name())
                .addValue("inventoryNumber", identity.inventoryNumber())
                .addValue("serialNumber", identity.serialNumber())
                .addValue("hostname", identity.hostname())
                .addValue("agentDeviceId", identity.agentDeviceId())
                .addValue("hardwareUuid", identity.hardwareUuid())
                .addValue("manufacturer", d.manufacturer())
                .addValue("model", d.model())
                .addValue("building", d.building())
                .addValue("room", d.room())
                .addValue("ownerUnit", d.ownerUnit())
                .addValue("assignedUsername", d.assignedUsername())
                .addValue("assignedName", d.assignedName())
                .addValue("supportingUnit", d.supportingUnit())
                .addValue("purchaseDate", d.purchaseDate() == null ? null : Date.valueOf(d.purchaseDate()))
                .addValue("warrantyUntil", d.warrantyUntil() == null ? null : Date.valueOf(d.warrantyUntil()))
                .addValue("cores", d.cores())
                .addValue("attributes", json.writeValueAsString(d.attributes()))
                .addValue("description", d.description());
    }

    ConfigurationItem map(ResultSet rs, int row) throws SQLException {
        Set<String> macs =
                new TreeSet<>(Arrays.asList((String[]) rs.getArray("macs").getArray()));
        Date purchase = rs.getDate("purchase_date");
        Date warranty = rs.getDate("warranty_until");
        Long merged = rs.getObject("merged_into", Long.class);
        CiDetails details = new CiDetails(
                rs.getString("class_code"),
                rs.getString("name"),
                new DeviceIdentity(
                        rs.getString("agent_device_id"),
                        rs.getObject("hardware_uuid", UUID.class),
                        rs.getString("serial_number"),
                        rs.getString("hostname"),
                        macs,
                        rs.getString("inventory_number")),
                rs.getString("manufacturer"),
                rs.getString("model"),
                rs.getString("building"),
                rs.getString("room"),
                rs.getString("owner_unit"),
                rs.getString("assigned_username"),
                rs.getString("assigned_name"),
                rs.getString("supporting_unit"),
                purchase == null ? null : purchase.toLocalDate(),
                warranty == null ? null : warranty.toLocalDate(),
                rs.getObject("cores", Integer.class),
                json.readValue(rs.getString("attributes"), MAP),
                rs.getString("description"));
        return new ConfigurationItem(
                rs.getLong("id"),
                CiStatus.valueOf(rs.getString("status")),
                details,
                merged,
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
