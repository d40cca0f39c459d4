package pl.krakow.coi.servicedesk.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.Delivery;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.UnitSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The units' notification settings ({@code notification_unit_setting}) and their audit trail
 * ({@code notification_unit_setting_audit}, written by the database).
 */
@Repository
class UnitNotificationSettings {

    /**
     * A unit's stored settings.
     *
     * @param version optimistic-lock version (the ETag); 0 also for a unit without a row
     */
    record Stored(UnitSettings settings, boolean configured, long version) {}

    /** One change of a unit's settings, as the database recorded it. */
    record Change(
            long id,
            String unitCode,
            String action,
            String actor,
            String actorName,
            Instant occurredAt,
            List<String> changed,
            JsonNode before,
            JsonNode after) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UnitNotificationSettings(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Stored> find(String unitCode) {
        return jdbc.sql("SELECT * FROM notification_unit_setting WHERE unit_code = :unit")
                .param("unit", unitCode)
                .query((rs, row) -> new Stored(settings(rs), true, rs.getLong("version")))
                .optional();
    }

    List<Stored> findAll() {
        return jdbc.sql("SELECT * FROM notification_unit_setting ORDER BY unit_code")
                .query((rs, row) -> new Stored(settings(rs), true, rs.getLong("version")))
                .list();
    }

    /**
     * Creates or replaces a unit's settings if they are still at {@code expectedVersion} (0 for a unit without
     * any); null {@code expectedVersion} replaces whatever is stored.
     *
     * @throws OptimisticLockingFailureException when they changed meanwhile
     */
    Stored save(UnitSettings settings, Long expectedVersion) {
        int updated;
        if (expectedVersion != null
                && expectedVersion == 0
                && find(settings.unitCode()).isEmpty()) {
            try {
                updated = jdbc.sql("""
                                INSERT INTO notification_unit_setting (unit_code, delivery, mailbox, head_username)
                                VALUES (:unit, :delivery, :mailbox, :head)
                                """)
                        .param("unit", settings.unitCode())
                        .param("delivery", settings.delivery().name())
                        .param("mailbox", settings.mailbox())
                        .param("head", settings.headUsername())
                        .update();
            } catch (DuplicateKeyException e) {
                updated = 0;
            }
        } else if (expectedVersion == null) {
            updated = jdbc.sql("""
                            INSERT INTO notification_unit_setting (unit_code, delivery, mailbox, head_username)
                            VALUES (:unit, :delivery, :mailbox, :head)
                            ON CONFLICT (unit_code) DO UPDATE SET delivery = EXCLUDED.delivery,
                                mailbox = EXCLUDED.mailbox, head_username = EXCLUDED.head_username,
                                version = notification_unit_setting.version + 1, updated_at = now()
                            """)
                    .param("unit", settings.unitCode())
                    .param("delivery", settings.delivery().name())
                    .param("mailbox", settings.mailbox())
                    .param("head", settings.headUsername())
                    .update();
        } else {
            updated = jdbc.sql("""
                            UPDATE notification_unit_setting SET delivery = :delivery, mailbox = :mailbox,
                                head_username = :head, version = version + 1, updated_at = now()
                            WHERE unit_code = :unit AND version = :version
                            """)
                    .param("unit", settings.unitCode())
                    .param("delivery", settings.delivery().name())
                    .param("mailbox", settings.mailbox())
                    .param("head", settings.headUsername())
                    .param("version", expectedVersion)
                    .update();
        }
        if (updated == 0) {
            throw new OptimisticLockingFailureException(
                    "Notification settings of " + settings.unitCode() + " changed meanwhile");
        }
        return find(settings.unitCode()).orElseThrow();
    }

    /** The changes of one unit's settings, newest first. */
    List<Change> history(String unitCode, int limit) {
        return jdbc.sql("""
                        SELECT * FROM notification_unit_setting_audit WHERE unit_code = :unit
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("unit", unitCode)
                .param("limit", limit)
                .query(this::change)
                .list();
    }

    static UnitSettings settings(ResultSet rs) throws SQLException {
        return new UnitSettings(
                rs.getString("unit_code"),
                Delivery.valueOf(rs.getString("delivery")),
                rs.getString("mailbox"),
                rs.getString("head_username"));
    }

    private Change change(ResultSet rs, int row) throws SQLException {
        Array changed = rs.getArray("changed");
        return new Change(
                rs.getLong("id"),
                rs.getString("unit_code"),
                rs.getString("action"),
                rs.getString("actor"),
                rs.getString("actor_name"),
                rs.getTimestamp("occurred_at").toInstant(),
                Arrays.asList((String[]) changed.getArray()),
                tree(rs.getString("before")),
                tree(rs.getString("after")));
    }

    private JsonNode tree(String value) {
        return value == null ? null : json.readTree(value);
    }
}
