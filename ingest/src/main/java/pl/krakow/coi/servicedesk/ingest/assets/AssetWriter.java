package pl.krakow.coi.servicedesk.ingest.assets;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItemChanged;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItems;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentityResolution;
import pl.krakow.coi.servicedesk.ingest.batch.RowRejected;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a chunk of asset rows into the CMDB in bulk (ADR 0051): one query finds every item holding any
 * of the chunk's identifiers, the CMDB's own rules ({@link IdentityResolution}) decide per row whether it
 * is a new device, a known one or a conflict, and the inserts, updates, MAC addresses and audit entries go
 * to PostgreSQL as JDBC batches in the chunk's transaction. The database's unique indexes still guard
 * every identifier.
 *
 * <p>Rows of one chunk that name the same device are applied one after the other (a later row updates
 * what an earlier one created). A row whose identifiers point at different items, at a retired item, or
 * contradict the item found, is rejected before anything of the chunk is written; the step then writes
 * the chunk row by row and skips that row (skip report). An existing item keeps its class and status;
 * the row's filled columns replace the item's values, empty columns leave them.
 */
class AssetWriter implements ItemWriter<AssetRecord> {

    private final JdbcTemplate jdbc;
    private final ConfigurationItems items;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final RunFence fence;
    private final Clock clock;
    private final long runId;
    private final String source;
    private final CurrentUser actor;

    AssetWriter(
            JdbcTemplate jdbc,
            ConfigurationItems items,
            JsonMapper json,
            ApplicationEventPublisher publisher,
            RunFence fence,
            Clock clock,
            long runId,
            String source,
            CurrentUser actor) {
        this.jdbc = jdbc;
        this.items = items;
        this.json = json;
        this.publisher = publisher;
        this.fence = fence;
        this.clock = clock;
        this.runId = runId;
        this.source = source;
        this.actor = actor;
    }

    private record Update(AssetRecord row, ConfigurationItem current, IdentifierKind matchedBy) {}

    @Override
    public void write(Chunk<? extends AssetRecord> chunk) {
        List<AssetRecord> pending = new ArrayList<>(chunk.getItems());
        while (!pending.isEmpty()) {
            // A pass takes rows that share no identifier with an earlier row of the pass.
            Set<String> seen = new HashSet<>();
            List<AssetRecord> pass = new ArrayList<>();
            List<AssetRecord> later = new ArrayList<>();
            for (AssetRecord row : pending) {
                List<String> keys = keys(row.details().identity());
                if (keys.stream().anyMatch(seen::contains)) {
                    later.add(row);
                } else {
                    seen.addAll(keys);
                    pass.add(row);
                }
            }
            later.addAll(0, writePass(pass));
            pending = later;
        }
        fence.check(runId);
    }

    /** Writes the rows of one pass; returns the rows deferred to the next pass. */
    private List<AssetRecord> writePass(List<AssetRecord> rows) {
        Map<IdentifierKind, Map<String, Set<Long>>> holders = holders(rows);
        Set<Long> ids = new HashSet<>();
        holders.values().forEach(byValue -> byValue.values().forEach(ids::addAll));
        Map<Long, ConfigurationItem> current = new HashMap<>();
        Map<Long, IdentityResolution.Candidate> candidates = new HashMap<>();
        for (ConfigurationItem item : items.findAll(ids)) {
            current.put(item.id(), item);
            candidates.put(
                    item.id(),
                    new IdentityResolution.Candidate(item.id(), item.details().identity(), item.status()));
        }
        List<AssetRecord> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<AssetRecord> deferred = new ArrayList<>();
        Set<Long> targeted = new HashSet<>();
        for (AssetRecord row : rows) {
            DeviceIdentity identity = row.details().identity();
            Map<IdentifierKind, Set<Long>> hits = new EnumMap<>(IdentifierKind.class);
            identity.values().forEach((kind, values) -> {
                for (String value : values) {
                    Set<Long> found = holders.getOrDefault(kind, Map.of()).get(value);
                    if (found != null) {
                        hits.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(found);
                    }
                }
            });
            IdentityResolution.Outcome outcome = IdentityResolution.resolve(identity, hits, candidates);
            if (outcome instanceof IdentityResolution.Conflict conflict) {
                throw new RowRejected(row.line(), "identity", describe(identity), conflict.detail());
            } else if (outcome instanceof IdentityResolution.Match match) {
                if (!targeted.add(match.id())) {
                    deferred.add(row);
                    continue;
                }
                ConfigurationItem item = current.get(match.id());
                if (!item.classCode().equals(row.details().classCode())) {
                    throw new RowRejected(
                            row.line(),
                            "class",
                            row.details().classCode(),
                            "The device is item " + item.id() + " of class " + item.classCode()
                                    + "; an import does not change an item's class");
                }
                updates.add(new Update(row, item, match.matchedBy()));
            } else {
                creates.add(row);
            }
        }
        Instant now = clock.instant();
        List<Object[]> events = new ArrayList<>();
        insert(creates, now, events);
        update(updates, now, events);
        jdbc.batchUpdate("""
                INSERT INTO ci_event (ci_id, type, actor, actor_name, actor_unit, occurred_at, from_status, to_status,
                    changes, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))
                """, events);
        return deferred;
    }

    private void insert(List<AssetRecord> rows, Instant now, List<Object[]> events) {
        if (rows.isEmpty()) {
            return;
        }
        List<Long> ids = jdbc.queryForList(
                "SELECT nextval(pg_get_serial_sequence('configuration_item', 'id')) FROM generate_series(1, ?)",
                Long.class,
                rows.size());
        List<Object[]> params = new ArrayList<>();
        List<Object[]> macs = new ArrayList<>();
        Timestamp at = Timestamp.from(now);
        for (int i = 0; i < rows.size(); i++) {
            AssetRecord row = rows.get(i);
            CiDetails d = row.details();
            long id = ids.get(i);
            params.add(columns(d, id, row.status().name(), at, null));
            for (String mac : d.identity().macAddresses()) {
                macs.add(new Object[] {id, mac});
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("class", d.classCode());
            data.put("name", d.name());
            data.put("source", source);
            data.put("run", runId);
            events.add(event(id, "CREATED", null, row.status().name(), Map.of(), data, at));
        }
        int[] inserted = jdbc.batchUpdate("""
                INSERT INTO configuration_item (class_code, name, status, inventory_number, serial_number, hostname,
                    agent_device_id, hardware_uuid, manufacturer, model, building, room, owner_unit, assigned_username,
                    assigned_name, supporting_unit, purchase_date, warranty_until, cores, attributes, description,
                    created_at, updated_at, id)
                OVERRIDING SYSTEM VALUE
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, params);
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 0) {
                throw new RowRejected(
                        rows.get(i).line(),
                        "identity",
                        describe(rows.get(i).details().identity()),
                        "Another source registered this device meanwhile");
            }
        }
        int[] added = jdbc.batchUpdate(
                "INSERT INTO ci_mac_address (ci_id, mac, active) VALUES (?, CAST(? AS macaddr), true)"
                        + " ON CONFLICT DO NOTHING",
                macs);
        for (int i = 0; i < added.length; i++) {
            if (added[i] == 0) {
                Object[] mac = macs.get(i);
                AssetRecord row = rows.get(ids.indexOf((Long) mac[0]));
                throw new RowRejected(
                        row.line(),
                        "macAddresses",
                        (String) mac[1],
                        "MAC address " + mac[1] + " belongs to another item");
            }
        }
    }

    private void update(List<Update> updates, Instant now, List<Object[]> events) {
        List<Object[]> params = new ArrayList<>();
        List<Object[]> macs = new ArrayList<>();
        List<Update> changed = new ArrayList<>();
        List<Map<String, Object[]>> changes = new ArrayList<>();
        Timestamp at = Timestamp.from(now);
        for (Update update : updates) {
            CiDetails before = update.current().details();
            CiDetails after = merge(before, update.row());
            if (after.purchaseDate() != null
                    && after.warrantyUntil() != null
                    && after.warrantyUntil().isBefore(after.purchaseDate())) {
                throw new RowRejected(
                        update.row().line(),
                        "warrantyUntil",
                        String.valueOf(after.warrantyUntil()),
                        "The warranty would end before the purchase (" + after.purchaseDate() + ")");
            }
            Map<String, Object[]> diff = diff(before, after);
            if (diff.isEmpty()) {
                continue;
            }
            changed.add(update);
            changes.add(diff);
            Object[] row = columns(
                    after, update.current().id(), null, at, update.current().version());
            params.add(row);
            for (String mac : after.identity().macAddresses()) {
                if (!before.identity().macAddresses().contains(mac)) {
                    macs.add(new Object[] {update.current().id(), mac});
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        int[] updated = jdbc.batchUpdate("""
                UPDATE configuration_item SET class_code = ?, name = ?, status = coalesce(?, status),
                    inventory_number = ?, serial_number = ?, hostname = ?, agent_device_id = ?, hardware_uuid = ?,
                    manufacturer = ?, model = ?, building = ?, room = ?, owner_unit = ?, assigned_username = ?,
                    assigned_name = ?, supporting_unit = ?, purchase_date = ?, warranty_until = ?, cores = ?,
                    attributes = CAST(? AS jsonb), description = ?, created_at = created_at, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND version = ?
                """, params);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new OptimisticLockingFailureException(
                        "Configuration item " + changed.get(i).current().id() + " changed meanwhile");
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO ci_mac_address (ci_id, mac, active) VALUES (?, CAST(? AS macaddr), true)"
                        + " ON CONFLICT DO NOTHING",
                macs);
        for (int i = 0; i < changed.size(); i++) {
            Update update = changed.get(i);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("source", source);
            data.put("matchedBy", update.matchedBy().name());
            data.put("run", runId);
            Map<String, Object> diff = new LinkedHashMap<>();
            changes.get(i).forEach((field, change) -> {
                Map<String, Object> fromTo = new LinkedHashMap<>();
                fromTo.put("from", change[0]);
                fromTo.put("to", change[1]);
                diff.put(field, fromTo);
            });
            events.add(event(update.current().id(), "DISCOVERED", null, null, diff, data, at));
            publisher.publishEvent(new ConfigurationItemChanged(
                    update.current().id(),
                    update.current().status(),
                    changes.get(i).keySet()));
        }
    }

    /** The stored details with the row's filled columns; identifiers filled in, MAC addresses united. */
    static CiDetails merge(CiDetails stored, AssetRecord row) {
        CiDetails r = row.details();
        Set<String> given = row.given();
        DeviceIdentity s = stored.identity();
        DeviceIdentity n = r.identity();
        Set<String> macs = new TreeSet<>(s.macAddresses());
        macs.addAll(n.macAddresses());
        Map<String, Object> attributes = new LinkedHashMap<>(stored.attributes());
        attributes.putAll(r.attributes());
        CiDetails.Builder b = stored.toBuilder()
                .identity(new DeviceIdentity(
                        first(n.agentDeviceId(), s.agentDeviceId()),
                        first(n.hardwareUuid(), s.hardwareUuid()),
                        first(n.serialNumber(), s.serialNumber()),
                        first(n.hostname(), s.hostname()),
                        macs,
                        first(n.inventoryNumber(), s.inventoryNumber())))
                .attributes(attributes);
        if (given.contains("name")) {
            b.name(r.name());
        }
        if (given.contains("manufacturer")) {
            b.manufacturer(r.manufacturer());
        }
        if (given.contains("model")) {
            b.model(r.model());
        }
        b.location(
                given.contains("building") ? r.building() : stored.building(),
                given.contains("room") ? r.room() : stored.room());
        if (given.contains("ownerUnit")) {
            b.ownerUnit(r.ownerUnit());
        }
        if (given.contains("assignedUsername")) {
            b.assignedTo(r.assignedUsername(), r.assignedName());
        }
        if (given.contains("supportingUnit")) {
            b.supportingUnit(r.supportingUnit());
        }
        b.purchased(
                given.contains("purchaseDate") ? r.purchaseDate() : stored.purchaseDate(),
                given.contains("warrantyUntil") ? r.warrantyUntil() : stored.warrantyUntil());
        if (given.contains("cores")) {
            b.cores(r.cores());
        }
        if (given.contains("description")) {
            b.description(r.description());
        }
        return b.build();
    }

    private Object[] columns(CiDetails d, long id, String status, Timestamp at, Long version) {
        DeviceIdentity identity = d.identity();
        List<Object> values = new ArrayList<>(List.of());
        values.add(d.classCode());
        values.add(d.name());
        values.add(status);
        values.add(identity.inventoryNumber());
        values.add(identity.serialNumber());
        values.add(identity.hostname());
        values.add(identity.agentDeviceId());
        values.add(identity.hardwareUuid());
        values.add(d.manufacturer());
        values.add(d.model());
        values.add(d.building());
        values.add(d.room());
        values.add(d.ownerUnit());
        values.add(d.assignedUsername());
        values.add(d.assignedName());
        values.add(d.supportingUnit());
        values.add(d.purchaseDate() == null ? null : Date.valueOf(d.purchaseDate()));
        values.add(d.warrantyUntil() == null ? null : Date.valueOf(d.warrantyUntil()));
        values.add(d.cores());
        values.add(json.writeValueAsString(d.attributes()));
        values.add(d.description());
        if (version == null) {
            values.add(at);
            values.add(at);
            values.add(id);
        } else {
            values.add(at);
            values.add(id);
            values.add(version);
        }
        return values.toArray();
    }

    private Object[] event(
            long ciId,
            String type,
            String from,
            String to,
            Map<String, Object> changes,
            Map<String, Object> data,
            Timestamp at) {
        return new Object[] {
            ciId,
            type,
            actor.username(),
            actor.displayName(),
            actor.unit().orElse(null),
            at,
            from,
            to,
            json.writeValueAsString(changes),
            json.writeValueAsString(data)
        };
    }

    /** Every item holding one of the rows' identifiers: kind → value → items. */
    private Map<IdentifierKind, Map<String, Set<Long>>> holders(List<AssetRecord> rows) {
        Map<IdentifierKind, Set<String>> values = new EnumMap<>(IdentifierKind.class);
        for (AssetRecord row : rows) {
            row.details()
                    .identity()
                    .values()
                    .forEach((kind, list) ->
                            values.computeIfAbsent(kind, k -> new HashSet<>()).addAll(list));
        }
        Map<IdentifierKind, Map<String, Set<Long>>> holders = new EnumMap<>(IdentifierKind.class);
        if (values.isEmpty()) {
            return holders;
        }
        jdbc.query(
                """
                SELECT id, 'AGENT_DEVICE_ID' AS kind, agent_device_id AS value FROM configuration_item
                WHERE agent_device_id = ANY(?)
                UNION ALL
                SELECT id, 'HARDWARE_UUID', hardware_uuid::text FROM configuration_item WHERE hardware_uuid = ANY(?)
                UNION ALL
                SELECT id, 'SERIAL_NUMBER', serial_number FROM configuration_item WHERE serial_number = ANY(?)
                UNION ALL
                SELECT id, 'HOSTNAME', hostname FROM configuration_item
                WHERE hostname = ANY(?) AND status NOT IN ('RETIRED', 'DISPOSED')
                UNION ALL
                SELECT ci_id, 'MAC_ADDRESS', mac::text FROM ci_mac_address
                WHERE active AND mac = ANY(CAST(? AS macaddr[]))
                UNION ALL
                SELECT id, 'INVENTORY_NUMBER', inventory_number FROM configuration_item WHERE inventory_number = ANY(?)
                """,
                ps -> {
                    var connection = ps.getConnection();
                    ps.setArray(1, connection.createArrayOf("varchar", array(values, IdentifierKind.AGENT_DEVICE_ID)));
                    ps.setArray(
                            2,
                            connection.createArrayOf(
                                    "uuid",
                                    values.getOrDefault(IdentifierKind.HARDWARE_UUID, Set.of()).stream()
                                            .map(UUID::fromString)
                                            .toArray()));
                    ps.setArray(3, connection.createArrayOf("varchar", array(values, IdentifierKind.SERIAL_NUMBER)));
                    ps.setArray(4, connection.createArrayOf("varchar", array(values, IdentifierKind.HOSTNAME)));
                    ps.setArray(5, connection.createArrayOf("varchar", array(values, IdentifierKind.MAC_ADDRESS)));
                    ps.setArray(6, connection.createArrayOf("varchar", array(values, IdentifierKind.INVENTORY_NUMBER)));
                },
                rs -> {
                    holders.computeIfAbsent(IdentifierKind.valueOf(rs.getString("kind")), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString("value"), v -> new TreeSet<>())
                            .add(rs.getLong("id"));
                });
        return holders;
    }

    private static Object[] array(Map<IdentifierKind, Set<String>> values, IdentifierKind kind) {
        return values.getOrDefault(kind, Set.of()).toArray();
    }

    private static List<String> keys(DeviceIdentity identity) {
        List<String> keys = new ArrayList<>();
        identity.values().forEach((kind, list) -> list.forEach(value -> keys.add(kind.name() + ":" + value)));
        return keys;
    }

    static String describe(DeviceIdentity identity) {
        List<String> parts = new ArrayList<>();
        identity.values()
                .forEach((kind, list) -> parts.add(IdentityResolution.name(kind) + " " + String.join(" ", list)));
        return String.join(", ", parts);
    }

    /** Changed fields: name → {from, to}, compared as text. */
    static Map<String, Object[]> diff(CiDetails before, CiDetails after) {
        Map<String, Object> a = fields(before);
        Map<String, Object> b = fields(after);
        Map<String, Object[]> changes = new LinkedHashMap<>();
        b.forEach((field, value) -> {
            Object was = a.get(field);
            if (!Objects.equals(text(was), text(value))) {
                changes.put(field, new Object[] {text(was), text(value)});
            }
        });
        return changes;
    }

    private static Map<String, Object> fields(CiDetails d) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", d.name());
        map.put("agentDeviceId", d.identity().agentDeviceId());
        map.put("hardwareUuid", d.identity().hardwareUuid());
        map.put("serialNumber", d.identity().serialNumber());
        map.put("hostname", d.identity().hostname());
        map.put(
                "macAddresses",
                d.identity().macAddresses().isEmpty()
                        ? null
                        : String.join(", ", d.identity().macAddresses()));
        map.put("inventoryNumber", d.identity().inventoryNumber());
        map.put("manufacturer", d.manufacturer());
        map.put("model", d.model());
        map.put("building", d.building());
        map.put("room", d.room());
        map.put("ownerUnit", d.ownerUnit());
        map.put("assignedUsername", d.assignedUsername());
        map.put("assignedName", d.assignedName());
        map.put("supportingUnit", d.supportingUnit());
        map.put("purchaseDate", d.purchaseDate());
        map.put("warrantyUntil", d.warrantyUntil());
        map.put("cores", d.cores());
        map.put("attributes", d.attributes().isEmpty() ? null : new TreeMap<>(textValues(d.attributes())));
        map.put("description", d.description());
        return map;
    }

    private static Map<String, Object> textValues(Map<String, Object> attributes) {
        Map<String, Object> values = new TreeMap<>();
        attributes.forEach((k, v) -> values.put(k, text(v)));
        return values;
    }

    private static Object text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new java.math.BigDecimal(number.toString())
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return value.toString();
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
