package pl.krakow.coi.servicedesk.ingest.assets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
 *
 * <p>New items and their MAC addresses are plain inserts (ADR 0066): the chunk's lookup has found every item
 * holding their identifiers, so a unique index refuses one only when another source registered the device
 * after the lookup. Each attempt at a chunk runs in a savepoint, so such a refusal (or a lost race on an item)
 * undoes the attempt's writes and the step's retry resolves the chunk again, now finding that device.
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
    private final TransactionTemplate attempt;
    private Long itemSequence;

    AssetWriter(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
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
        this.attempt = new TransactionTemplate(transactions);
        this.attempt.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private record Update(AssetRecord row, ConfigurationItem current, IdentifierKind matchedBy) {}

    @Override
    public void write(Chunk<? extends AssetRecord> chunk) {
        try {
            attempt.executeWithoutResult(savepoint -> writeAll(chunk));
        } catch (DuplicateKeyException e) {
            if (chunk.size() == 1) {
                // A single row (the chunk's scan): no retry follows, so the row is skipped with its reason.
                AssetRecord row = chunk.getItems().get(0);
                throw new RowRejected(
                        row.line(),
                        "identity",
                        describe(row.details().identity()),
                        "Another source registered this device meanwhile");
            }
            throw e;
        }
        fence.check(runId);
    }

    private void writeAll(Chunk<? extends AssetRecord> chunk) {
        List<AssetRecord> pending = new ArrayList<>(chunk.getItems());
        // Each row's identifiers by kind, listed once for every pass and lookup that needs them.
        Map<AssetRecord, Map<IdentifierKind, List<String>>> identifiers = new IdentityHashMap<>();
        for (AssetRecord row : pending) {
            identifiers.put(row, row.details().identity().values());
        }
        while (!pending.isEmpty()) {
            // A pass takes rows that share no identifier with an earlier row of the pass.
            Set<String> seen = new HashSet<>();
            List<AssetRecord> pass = new ArrayList<>();
            List<AssetRecord> later = new ArrayList<>();
            for (AssetRecord row : pending) {
                List<String> keys = keys(identifiers.get(row));
                if (keys.stream().anyMatch(seen::contains)) {
                    later.add(row);
                } else {
                    seen.addAll(keys);
                    pass.add(row);
                }
            }
            later.addAll(0, writePass(pass, identifiers));
            pending = later;
        }
    }

    /** Writes the rows of one pass; returns the rows deferred to the next pass. */
    private List<AssetRecord> writePass(
            List<AssetRecord> rows, Map<AssetRecord, Map<IdentifierKind, List<String>>> identifiers) {
        Map<IdentifierKind, Map<String, Set<Long>>> holders = holders(rows, identifiers);
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
            identifiers.get(row).forEach((kind, values) -> {
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
        ColumnArrays events = new ColumnArrays("int8", "varchar", "varchar", "varchar", "text", "text");
        insert(creates, now);
        update(updates, now, events);
        if (!events.isEmpty()) {
            Timestamp at = Timestamp.from(now);
            jdbc.update("""
                    INSERT INTO ci_event (ci_id, type, actor, actor_name, actor_unit, occurred_at, from_status, to_status,
                        changes, data)
                    SELECT r.ci_id, r.type, ?, ?, ?, ?, r.from_status, r.to_status, CAST(r.changes AS jsonb),
                           CAST(r.data AS jsonb)
                    FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[])
                        AS r(ci_id, type, from_status, to_status, changes, data)
                    """, ps -> {
                ps.setString(1, actor.username());
                ps.setString(2, actor.displayName());
                ps.setString(3, actor.unit().orElse(null));
                ps.setTimestamp(4, at);
                events.bind(ps, 5);
            });
        }
        return deferred;
    }

    /** The item columns of the set-based insert and update, in the order {@link #columns} gives them. */
    private static final String ITEM_TYPES = "varchar varchar varchar varchar varchar varchar varchar uuid varchar"
            + " varchar varchar varchar varchar varchar varchar varchar varchar varchar int4 text text";

    private static final String ITEM_COLUMNS = """
            ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
            ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
            ?::varchar[], ?::varchar[], ?::date[], ?::date[], ?::int[], ?::text[], ?::text[]""";

    private static final String ITEM_NAMES = """
            class_code, name, status, inventory_number, serial_number, hostname, agent_device_id, hardware_uuid,
            manufacturer, model, building, room, owner_unit, assigned_username, assigned_name, supporting_unit,
            purchase_date, warranty_until, cores, attributes, description""";

    private static ColumnArrays itemArrays(String... extra) {
        List<String> types = new ArrayList<>(List.of(extra));
        types.addAll(List.of(ITEM_TYPES.split(" ")));
        return new ColumnArrays(types.toArray(String[]::new));
    }

    private void insert(List<AssetRecord> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        if (itemSequence == null) {
            // Looked up once, by its object id: looking it up by name costs PostgreSQL time on every row (ADR
            // 0066; the figures are in BENCHMARKS.md).
            itemSequence = jdbc.queryForObject(
                    "SELECT CAST(CAST(pg_get_serial_sequence('configuration_item', 'id') AS regclass) AS oid)",
                    Long.class);
        }
        List<Long> ids = jdbc.queryForList(
                "SELECT nextval(CAST(CAST(? AS oid) AS regclass)) FROM generate_series(1, ?)",
                Long.class,
                itemSequence,
                rows.size());
        ColumnArrays items = itemArrays("int8");
        ColumnArrays macs = new ColumnArrays("int8", "varchar");
        for (int i = 0; i < rows.size(); i++) {
            AssetRecord row = rows.get(i);
            CiDetails d = row.details();
            long id = ids.get(i);
            items.add(columns(d, row.status().name(), id));
            for (String mac : d.identity().macAddresses()) {
                macs.add(id, mac);
            }
        }
        Timestamp at = Timestamp.from(now);
        // The items and their audit entries (CREATED, with the class, name, source and run) in one statement: the
        // entries are built from the inserted rows, not sent again. No ON CONFLICT: its check of the six unique
        // indexes before each row costs PostgreSQL time on every row (BENCHMARKS.md), and a conflict here is a
        // race that the retry resolves (see the class comment).
        jdbc.update("""
                WITH item AS (
                    INSERT INTO configuration_item (id, %s, created_at, updated_at)
                    OVERRIDING SYSTEM VALUE
                    SELECT r.id, r.class_code, r.name, r.status, r.inventory_number, r.serial_number, r.hostname,
                           r.agent_device_id, r.hardware_uuid, r.manufacturer, r.model, r.building, r.room,
                           r.owner_unit, r.assigned_username, r.assigned_name, r.supporting_unit, r.purchase_date,
                           r.warranty_until, r.cores, CAST(r.attributes AS jsonb), r.description, ?, ?
                    FROM unnest(?::bigint[], %s) AS r(id, %s)
                    RETURNING id, class_code, name, status
                )
                INSERT INTO ci_event (ci_id, type, actor, actor_name, actor_unit, occurred_at, to_status, data)
                SELECT item.id, 'CREATED', ?, ?, ?, ?, item.status,
                       jsonb_build_object('class', item.class_code, 'name', item.name, 'source', CAST(? AS text),
                                          'run', CAST(? AS bigint))
                FROM item ORDER BY item.id
                """.formatted(ITEM_NAMES, ITEM_COLUMNS, ITEM_NAMES), ps -> {
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            int next = items.bind(ps, 3);
            ps.setString(next, actor.username());
            ps.setString(next + 1, actor.displayName());
            ps.setString(next + 2, actor.unit().orElse(null));
            ps.setTimestamp(next + 3, at);
            ps.setString(next + 4, source);
            ps.setLong(next + 5, runId);
        });
        if (!macs.isEmpty()) {
            jdbc.update("""
                    INSERT INTO ci_mac_address (ci_id, mac, active)
                    SELECT r.ci_id, CAST(r.mac AS macaddr), true FROM unnest(?::bigint[], ?::varchar[]) AS r(ci_id, mac)
                    """, ps -> macs.bind(ps, 1));
        }
    }

    /** Records an updated item's new MAC addresses; one an active item holds already rejects its row. */
    private void addMacs(ColumnArrays macs, Map<Long, AssetRecord> rows) {
        if (macs.isEmpty()) {
            return;
        }
        Set<String> added = new HashSet<>(jdbc.query("""
                INSERT INTO ci_mac_address (ci_id, mac, active)
                SELECT r.ci_id, CAST(r.mac AS macaddr), true FROM unnest(?::bigint[], ?::varchar[]) AS r(ci_id, mac)
                ON CONFLICT DO NOTHING
                RETURNING ci_id || ' ' || mac::text
                """, ps -> macs.bind(ps, 1), (rs, n) -> rs.getString(1)));
        if (added.size() < macs.size()) {
            for (int i = 0; i < macs.size(); i++) {
                long id = (Long) macs.column(0).get(i);
                String mac = (String) macs.column(1).get(i);
                if (!added.contains(id + " " + mac)) {
                    throw new RowRejected(
                            rows.get(id).line(),
                            "macAddresses",
                            mac,
                            "MAC address " + mac + " belongs to another item");
                }
            }
        }
    }

    private void update(List<Update> updates, Instant now, ColumnArrays events) {
        ColumnArrays items = itemArrays("int8", "int8");
        ColumnArrays macs = new ColumnArrays("int8", "varchar");
        Map<Long, AssetRecord> byId = new HashMap<>();
        List<Update> changed = new ArrayList<>();
        List<Map<String, Object[]>> changes = new ArrayList<>();
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
            long id = update.current().id();
            changed.add(update);
            changes.add(diff);
            byId.put(id, update.row());
            items.add(columns(after, null, id, update.current().version()));
            for (String mac : after.identity().macAddresses()) {
                if (!before.identity().macAddresses().contains(mac)) {
                    macs.add(id, mac);
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        Set<Long> updated = new HashSet<>(jdbc.query(
                """
                UPDATE configuration_item c SET class_code = r.class_code, name = r.name,
                    status = coalesce(r.status, c.status), inventory_number = r.inventory_number,
                    serial_number = r.serial_number, hostname = r.hostname, agent_device_id = r.agent_device_id,
                    hardware_uuid = r.hardware_uuid, manufacturer = r.manufacturer, model = r.model,
                    building = r.building, room = r.room, owner_unit = r.owner_unit,
                    assigned_username = r.assigned_username, assigned_name = r.assigned_name,
                    supporting_unit = r.supporting_unit, purchase_date = r.purchase_date,
                    warranty_until = r.warranty_until, cores = r.cores, attributes = CAST(r.attributes AS jsonb),
                    description = r.description, updated_at = ?, version = c.version + 1
                FROM unnest(?::bigint[], ?::bigint[], %s) AS r(id, version, %s)
                WHERE c.id = r.id AND c.version = r.version
                RETURNING c.id
                """.formatted(ITEM_COLUMNS, ITEM_NAMES),
                ps -> {
                    ps.setTimestamp(1, at);
                    items.bind(ps, 2);
                },
                (rs, n) -> rs.getLong(1)));
        for (Update update : changed) {
            if (!updated.contains(update.current().id())) {
                throw new OptimisticLockingFailureException(
                        "Configuration item " + update.current().id() + " changed meanwhile");
            }
        }
        addMacs(macs, byId);
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
            events.add(
                    update.current().id(),
                    "DISCOVERED",
                    null,
                    null,
                    json.writeValueAsString(diff),
                    json.writeValueAsString(data));
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

    /** The leading values, then the item's columns as {@link #ITEM_NAMES} lists them. */
    private Object[] columns(CiDetails d, String status, Object... leading) {
        DeviceIdentity identity = d.identity();
        Object[] item = {
            d.classCode(),
            d.name(),
            status,
            identity.inventoryNumber(),
            identity.serialNumber(),
            identity.hostname(),
            identity.agentDeviceId(),
            identity.hardwareUuid(),
            d.manufacturer(),
            d.model(),
            d.building(),
            d.room(),
            d.ownerUnit(),
            d.assignedUsername(),
            d.assignedName(),
            d.supportingUnit(),
            d.purchaseDate() == null ? null : d.purchaseDate().toString(),
            d.warrantyUntil() == null ? null : d.warrantyUntil().toString(),
            d.cores(),
            d.attributes().isEmpty() ? "{}" : json.writeValueAsString(d.attributes()),
            d.description()
        };
        Object[] values = new Object[leading.length + item.length];
        System.arraycopy(leading, 0, values, 0, leading.length);
        System.arraycopy(item, 0, values, leading.length, item.length);
        return values;
    }

    /** Every item holding one of the rows' identifiers: kind → value → items. */
    private Map<IdentifierKind, Map<String, Set<Long>>> holders(
            List<AssetRecord> rows, Map<AssetRecord, Map<IdentifierKind, List<String>>> identifiers) {
        Map<IdentifierKind, Set<String>> values = new EnumMap<>(IdentifierKind.class);
        for (AssetRecord row : rows) {
            identifiers
                    .get(row)
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

    private static List<String> keys(Map<IdentifierKind, List<String>> identifiers) {
        List<String> keys = new ArrayList<>();
        identifiers.forEach((kind, list) -> list.forEach(value -> keys.add(kind.name() + ":" + value)));
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
