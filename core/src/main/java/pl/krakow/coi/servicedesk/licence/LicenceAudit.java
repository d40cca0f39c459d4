package pl.krakow.coi.servicedesk.licence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only audit trail of the licence register ({@code licence_audit}; the database refuses updates). */
@Repository
class LicenceAudit {

    /** One entry: who did what to which entity, when, with what details. */
    public record Entry(
            long id,
            String entityType,
            long entityId,
            String action,
            String actor,
            String actorName,
            Instant occurredAt,
            Map<String, Object> details) {}

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LicenceAudit(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            String entityType, long entityId, String action, Map<String, ?> details, CurrentUser user, Instant at) {
        jdbc.sql("""
                        INSERT INTO licence_audit (entity_type, entity_id, action, actor, actor_name, occurred_at, details)
                        VALUES (:type, :id, :action, :actor, :actorName, :at, CAST(:details AS jsonb))
                        """)
                .param("type", entityType)
                .param("id", entityId)
                .param("action", action)
                .param("actor", user.username())
                .param("actorName", user.displayName())
                .param("at", Timestamp.from(at))
                .param("details", json.writeValueAsString(details))
                .update();
    }

    public List<Entry> of(String entityType, long entityId) {
        return jdbc.sql("SELECT * FROM licence_audit WHERE entity_type = :type AND entity_id = :id ORDER BY id")
                .param("type", entityType)
                .param("id", entityId)
                .query((rs, n) -> new Entry(
                        rs.getLong("id"),
                        rs.getString("entity_type"),
                        rs.getLong("entity_id"),
                        rs.getString("action"),
                        rs.getString("actor"),
                        rs.getString("actor_name"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        json.readValue(rs.getString("details"), MAP)))
                .list();
    }
}
