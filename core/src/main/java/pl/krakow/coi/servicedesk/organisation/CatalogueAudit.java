package pl.krakow.coi.servicedesk.organisation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of the service catalogue and the units ({@code catalogue_audit}). The database writes
 * it: a trigger on {@code service_category} and {@code org_unit} records every change with the row
 * before and after, so nothing changes the catalogue untraced; this class tells the database who is
 * changing it and reads the trail. The trail is append-only (the database refuses UPDATE, DELETE and
 * TRUNCATE).
 */
@Repository
public class CatalogueAudit {

    /** What an entry is about. */
    public enum EntityType {
        CATEGORY,
        UNIT
    }

    /**
     * One change.
     *
     * @param changed the fields whose value changed (all of them for a creation)
     * @param before the stored row before the change (null for a creation)
     * @param after the stored row after the change (null for a deletion)
     */
    public record Change(
            long id,
            EntityType entityType,
            String code,
            String action,
            String actor,
            String actorName,
            Instant occurredAt,
            List<String> changed,
            JsonNode before,
            JsonNode after) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogueAudit(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Names {@code user} as the author of the catalogue changes of the current transaction (the
     * settings end with it, so a pooled connection does not carry them on).
     *
     * @throws IllegalStateException outside a transaction, where the name would be lost before the change
     */
    public void actAs(CurrentUser user) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Catalogue changes are attributed within a transaction");
        }
        jdbc.sql("SELECT set_config('servicedesk.actor', :actor, true), set_config('servicedesk.actor_name', :name,"
                        + " true)")
                .param("actor", user.username())
                .param("name", user.displayName())
                .query()
                .singleRow();
    }

    /** The changes of one category or unit, newest first. */
    public List<Change> of(EntityType type, String code, int limit) {
        return jdbc.sql("""
                        SELECT * FROM catalogue_audit WHERE entity_type = :type AND entity_code = :code
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("type", type.name())
                .param("code", code)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** The latest changes, newest first, of one kind of entity or of both. */
    public List<Change> latest(EntityType type, int limit) {
        return jdbc.sql("""
                        SELECT * FROM catalogue_audit WHERE CAST(:type AS varchar) IS NULL OR entity_type = :type
                        ORDER BY id DESC LIMIT :limit
                        """)
                .param("type", type == null ? null : type.name())
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    private Change map(ResultSet rs, int row) throws SQLException {
        Array changed = rs.getArray("changed");
        return new Change(
                rs.getLong("id"),
                EntityType.valueOf(rs.getString("entity_type")),
                rs.getString("entity_code"),
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
