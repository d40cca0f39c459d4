package pl.krakow.coi.servicedesk.cmdb;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentityResolution;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upserts a chunk of devices an asset register lists into the CMDB in bulk (ADR 0051, ADR 0080): one query
 * finds every item holding any of the chunk's identifiers, the CMDB's own rules ({@link IdentityResolution})
 * decide per row whether it is a new device, a known one or a conflict, and the inserts, updates, MAC addresses
 * and audit entries go to PostgreSQL as set-based statements (ADR 0058). The audit diff of an update is
 * {@link CiChanges#diff}, the one {@link CmdbService} records; each changed item is published as a
 * {@link ConfigurationItemChanged}, as a single update publishes it. The database's unique indexes still guard
 * every identifier.
 *
 * <p>Rows of one chunk that name the same device are applied one after the other (a later row updates what an
 * earlier one created). A row whose identifiers point at different items, at a retired item, or contradict the
 * item found, is refused ({@link AssetRefused}) and nothing of the chunk stays written. An existing item keeps its
 * class and status; the row's given fields replace the item's values, the others leave them.
 *
 * <p>New items and their MAC addresses are plain inserts (ADR 0066): the chunk's lookup has found every item
 * holding their identifiers, so a unique index refuses one only when another source registered the device after
 * the lookup. The chunk runs in a savepoint (a transaction of its own when the caller has none), so such a refusal
 * ({@link org.springframework.dao.DuplicateKeyException}) or a lost race on an item
 * ({@link OptimisticLockingFailureException}) undoes the chunk's writes, and the caller may try the chunk again.
 */
@Service
public class CiBulkUpsert {

    private final JdbcTemplate jdbc;
    private final ConfigurationItems items;
    private final CiClasses classes;
    private final CmdbAccess access;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    CiBulkUpsert(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ConfigurationItems items,
            CiClasses classes,
            CmdbAccess access,
            JsonMapper json,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.jdbc = jdbc;
        this.items = items;
        this.classes = classes;
        this.access = access;
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * What a chunk did.
     *
     * @param unchanged known devices whose given fields held no news
     */
    public record Result(int created, int updated, int unchanged) {}

    /**
     * Creates or updates the item of each device, all or nothing.
     *
     * @param source where the rows come from ({@code import:assets.csv}), for the audit trail
     * @param audit further facts recorded in each audit entry (the import run)
     * @param user who imports: a CMDB admin, an integration, or an agent of each class's lifecycle unit
     * @throws AssetRefused a row the CMDB's rules refuse; nothing of the chunk was written
     */
    public Result upsertAll(List<DiscoveredAsset> assets, String source, Map<String, Object> audit, CurrentUser user) {
        if (!user.hasAny(Role.CMDB_ADMIN, Role.INTEGRATION)) {
            Set<String> codes = new HashSet<>();
            for (DiscoveredAsset asset : assets) {
                if (codes.add(asset.details().classCode())) {
                    access.requireMaintain(
                            user,
                            classes.find(asset.details().classCode())
                                    .orElseThrow(() -> new AssetRefused(
                                            asset.line(),
                                            "class",
                                            asset.details().classCode(),
                                            "There is no class "
                                                    + asset.details().classCode())));
                }
            }
        }
        Chunk chunk = new Chunk(source, Map.copyOf(audit), user);
        savepoint.executeWithoutResult(status -> chunk.writeAll(assets));
        return new Result(chunk.created, chunk.updated, assets.size() - chunk.created - chunk.updated);
    }

    /** Describes a device's identifiers for a refusal: "serial number CZC1X, hostname kp01-1". */
    public static String describe(DeviceIdentity identity) {
        List<String> parts = new ArrayList<>();
        identity.values()
                .forEach((kind, list) -> parts.add(IdentityResolution.name(kind) + " " + String.join(" ", list)));
        return String.join(", ", parts);
    }

    private record Update(DiscoveredAsset row, ConfigurationItem current, IdentifierKind matchedBy) {}

    /** The item columns of the set-based insert and update, in the order {@code Chunk.columns} gives them. */
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

    /** One call: its source, facts and actor, and what it did. */
    private final class Chunk {

        private final String source;
        private final Map<String, Object> audit;
        private final String auditJson;
        private final CurrentUser actor;
        private Long itemSequence;
        private int created;
        private int updated;

        Chunk(String source, Map<String, Object> audit, CurrentUser actor) {
            this.source = source;
            this.audit = audit;
            this.auditJson = json.writeValueAsString(audit);
            this.actor = actor;
        }

        private void writeAll(List<DiscoveredAsset> assets) {
            List<DiscoveredAsset> pending = new ArrayList<>(assets);
            // Each row's identifiers by kind, listed once for every pass and lookup that needs them.
            Map<DiscoveredAsset, Map<IdentifierKind, List<String>>> identifiers = new IdentityHashMap<>();
            for (DiscoveredAsset row : pending) {
                identifiers.put(row, row.details().identity().values());
            }
            while (!pending.isEmpty()) {
                // A pass takes rows that share no identifier with an earlier row of the pass.
                Set<String> seen = new HashSet<>();
                List<DiscoveredAsset> pass = new ArrayList<>();
                List<DiscoveredAsset> later = new ArrayList<>();
                for (DiscoveredAsset row : pending) {
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
        private List<DiscoveredAsset> writePass(
                List<DiscoveredAsset> rows, Map<DiscoveredAsset, Map<IdentifierKind, List<String>>> identifiers) {
            Map<IdentifierKind, Map<String, Set<Long>>> holders = holders(rows, identifiers);
            Set<Long> ids = new HashSet<>();
            holders.values().forEach(byValue -> byValue.values().forEach(ids::addAll));
            Map<Long, ConfigurationItem> current = new HashMap<>();
            Map<Long, IdentityResolution.Candidate> candidates = new HashMap<>();
            for (ConfigurationItem item : items.findAll(ids)) {
                current.put(item.id(), item);
                candidates.put(
                        item.id(),
                        new IdentityResolution.Candidate(
                                item.id(), item.details().identity(), item.status()));
            }
            List<DiscoveredAsset> creates = new ArrayList<>();
            List<Update> updates = new ArrayList<>();
            List<DiscoveredAsset> deferred = new ArrayList<>();
            Set<Long> targeted = new HashSet<>();
            for (DiscoveredAsset row : rows) {
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
                    throw new AssetRefused(row.line(), "identity", describe(identity), conflict.detail());
                } else if (outcome instanceof IdentityResolution.Match match) {
                    if (!targeted.add(match.id())) {
                        deferred.add(row);
                        continue;
                    }
                    ConfigurationItem item = current.get(match.id());
                    if (!item.classCode().equals(row.details().classCode())) {
                        throw new AssetRefused(
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

        private void insert(List<DiscoveredAsset> rows, Instant now) {
            if (rows.isEmpty()) {
                return;
            }
            created += rows.size();
            if (itemSequence == null) {
                // Looked up once per chunk, by its object id: by name, PostgreSQL would look it up for every row
                // (ADR 0066).
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
                DiscoveredAsset row = rows.get(i);
                CiDetails d = row.details();
                long id = ids.get(i);
                items.add(columns(d, row.status().name(), id));
                for (String mac : d.identity().macAddresses()) {
                    macs.add(id, mac);
                }
            }
            Timestamp at = Timestamp.from(now);
            // The items and their audit entries (CREATED, with the class, name, source and the caller's facts) in
            // one statement: the entries are built from the inserted rows, not sent again. No ON CONFLICT: it checks
            // the six unique indexes before each row (ADR 0066), and a conflict here is a race that the caller's
            // retry resolves (see the class comment).
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
                           jsonb_build_object('class', item.class_code, 'name', item.name, 'source', CAST(? AS text))
                           || CAST(? AS jsonb)
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
                ps.setString(next + 5, auditJson);
            });
            if (!macs.isEmpty()) {
                jdbc.update("""
                        INSERT INTO ci_mac_address (ci_id, mac, active)
                        SELECT r.ci_id, CAST(r.mac AS macaddr), true FROM unnest(?::bigint[], ?::varchar[]) AS r(ci_id, mac)
                        """, ps -> macs.bind(ps, 1));
            }
        }

        /** Records an updated item's new MAC addresses; one an active item holds already rejects its row. */
        private void addMacs(ColumnArrays macs, Map<Long, DiscoveredAsset> rows) {
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
                        throw new AssetRefused(
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
            Map<Long, DiscoveredAsset> byId = new HashMap<>();
            List<Update> changed = new ArrayList<>();
            List<Map<String, CiEvent.Change>> changes = new ArrayList<>();
            for (Update update : updates) {
                CiDetails before = update.current().details();
                CiDetails after = merge(before, update.row());
                if (after.purchaseDate() != null
                        && after.warrantyUntil() != null
                        && after.warrantyUntil().isBefore(after.purchaseDate())) {
                    throw new AssetRefused(
                            update.row().line(),
                            "warrantyUntil",
                            String.valueOf(after.warrantyUntil()),
                            "The warranty would end before the purchase (" + after.purchaseDate() + ")");
                }
                Map<String, CiEvent.Change> diff = CiChanges.diff(before, after);
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
            updated += changed.size();
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
                data.putAll(audit);
                events.add(
                        update.current().id(),
                        "DISCOVERED",
                        null,
                        null,
                        json.writeValueAsString(changes.get(i)),
                        json.writeValueAsString(data));
                publisher.publishEvent(new ConfigurationItemChanged(
                        update.current().id(),
                        update.current().status(),
                        changes.get(i).keySet()));
            }
        }

        /** The stored details with the row's filled columns; identifiers filled in, MAC addresses united. */
        static CiDetails merge(CiDetails stored, DiscoveredAsset row) {
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
                List<DiscoveredAsset> rows, Map<DiscoveredAsset, Map<IdentifierKind, List<String>>> identifiers) {
            Map<IdentifierKind, Set<String>> values = new EnumMap<>(IdentifierKind.class);
            for (DiscoveredAsset row : rows) {
                identifiers
                        .get(row)
                        .forEach((kind, list) -> values.computeIfAbsent(kind, k -> new HashSet<>())
                                .addAll(list));
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
                        ps.setArray(
                                1, connection.createArrayOf("varchar", array(values, IdentifierKind.AGENT_DEVICE_ID)));
                        ps.setArray(
                                2,
                                connection.createArrayOf(
                                        "uuid",
                                        values.getOrDefault(IdentifierKind.HARDWARE_UUID, Set.of()).stream()
                                                .map(UUID::fromString)
                                                .toArray()));
                        ps.setArray(
                                3, connection.createArrayOf("varchar", array(values, IdentifierKind.SERIAL_NUMBER)));
                        ps.setArray(4, connection.createArrayOf("varchar", array(values, IdentifierKind.HOSTNAME)));
                        ps.setArray(5, connection.createArrayOf("varchar", array(values, IdentifierKind.MAC_ADDRESS)));
                        ps.setArray(
                                6, connection.createArrayOf("varchar", array(values, IdentifierKind.INVENTORY_NUMBER)));
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
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
