package pl.krakow.coi.servicedesk.cmdb;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only audit trail of configuration items ({@code ci_event}; the database refuses updates). */
@Repository
class CiEvents {

    private static final TypeReference<Map<String, CiEvent.Change>> CHANGES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CiEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What to record; build with {@link #of(CiEvent.Type)}. */
    public static final class Entry {
        private final CiEvent.Type type;
        private String reason;
        private String fromStatus;
        private String toStatus;
        private Map<String, CiEvent.Change> changes = Map.of();
        private final Map<String, Object> data = new LinkedHashMap<>();

        private Entry(CiEvent.Type type) {
            this.type = type;
        }

        public Entry reason(String value) {
            reason = value;
            return this;
        }

        public Entry status(Object from, Object to) {
            fromStatus = from == null ? null : from.toString();
            toStatus = to == null ? null : to.toString();
            return this;
        }

        public Entry changes(Map<String, CiEvent.Change> value) {
            changes = value;
            return this;
        }

        public Entry data(String key, Object value) {
            data.put(key, value);
            return this;
        }
    }

    public static Entry of(CiEvent.Type type) {
        return new Entry(type);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(long ciId, Entry entry, CurrentUser actor, Instant at) {
        jdbc.sql("""
                        INSERT INTO ci_event (ci_id, type, actor, actor_name, actor_unit, occurred_at, reason,
                            from_status, to_status, changes, data)
                        VALUES (:ci, :type, :actor, :actorName, :actorUnit, :at, :reason, :from, :to,
                            CAST(:changes AS jsonb), CAST(:data AS jsonb))
                        """)
                .param("ci", ciId)
                .param("type", entry.type.name())
                .param("actor", actor.username())
                .param("actorName", actor.displayName())
                .param("actorUnit", actor.unit().orElse(null))
                .param("at", Timestamp.from(at))
                .param("reason", entry.reason)
                .param("from", entry.fromStatus)
                .param("to", entry.toStatus)
                .param("changes", json.writeValueAsString(entry.changes))
                .param("data", json.writeValueAsString(entry.data))
                .update();
    }

    /** The item's history, oldest first. */
    public List<CiEvent> history(long ciId) {
        return jdbc.sql("SELECT * FROM ci_event WHERE ci_id = :ci ORDER BY id")
                .param("ci", ciId)
                .query((rs, n) -> new CiEvent(
                        rs.getLong("id"),
                        rs.getLong("ci_id"),
                        CiEvent.Type.valueOf(rs.getString("type")),
                        rs.getString("actor"),
                        rs.getString("actor_name"),
                        rs.getString("actor_unit"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("reason"),
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        json.readValue(rs.getString("changes"), CHANGES),
                        json.readValue(rs.getString("data"), DATA)))
                .list();
    }
}
