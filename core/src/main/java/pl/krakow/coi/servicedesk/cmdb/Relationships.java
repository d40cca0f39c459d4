package pl.krakow.coi.servicedesk.cmdb;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;

/** The typed, directed relationships between items ({@code ci_relationship}). */
@Repository
class Relationships {

    private static final RowMapper<Relationship> ROW = (rs, n) -> new Relationship(
            rs.getLong("id"),
            rs.getLong("source_id"),
            RelationshipType.valueOf(rs.getString("type")),
            rs.getLong("target_id"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getString("created_by"));

    private final JdbcClient jdbc;

    Relationships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A relationship seen from one of its items. */
    public record Related(
            long relationshipId,
            RelationshipType type,
            Direction direction,
            long itemId,
            String itemName,
            String itemClass,
            CiStatus itemStatus) {}

    /** OUTGOING: this item is the source ("this runs on that"); INCOMING: it is the target. */
    public enum Direction {
        OUTGOING,
        INCOMING
    }

    /** Inserts the relationship; empty if it exists. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Relationship> insert(
            long sourceId, RelationshipType type, long targetId, String createdBy, Instant at) {
        return jdbc.sql("""
                        INSERT INTO ci_relationship (source_id, type, target_id, created_at, created_by)
                        VALUES (:source, :type, :target, :at, :by)
                        ON CONFLICT (source_id, type, target_id) DO NOTHING
                        RETURNING *
                        """)
                .param("source", sourceId)
                .param("type", type.name())
                .param("target", targetId)
                .param("at", Timestamp.from(at))
                .param("by", createdBy)
                .query(ROW)
                .optional();
    }

    public Optional<Relationship> find(long id) {
        return jdbc.sql("SELECT * FROM ci_relationship WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Optional<Relationship> find(long sourceId, RelationshipType type, long targetId) {
        return jdbc.sql("SELECT * FROM ci_relationship WHERE source_id = :s AND type = :t AND target_id = :g")
                .param("s", sourceId)
                .param("t", type.name())
                .param("g", targetId)
                .query(ROW)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM ci_relationship WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The item's relationships in both directions, with the item at the other end; outgoing first. */
    public List<Related> of(long itemId, int page, int size) {
        return jdbc.sql("""
                        SELECT r.id, r.type, 'OUTGOING' AS direction, c.id AS item, c.name, c.class_code, c.status
                        FROM ci_relationship r JOIN configuration_item c ON c.id = r.target_id
                        WHERE r.source_id = :id
                        UNION ALL
                        SELECT r.id, r.type, 'INCOMING', c.id, c.name, c.class_code, c.status
                        FROM ci_relationship r JOIN configuration_item c ON c.id = r.source_id
                        WHERE r.target_id = :id
                        ORDER BY 3 DESC, 2, 5, 1
                        LIMIT :limit OFFSET :offset
                        """)
                .param("id", itemId)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Related(
                        rs.getLong("id"),
                        RelationshipType.valueOf(rs.getString("type")),
                        Direction.valueOf(rs.getString("direction")),
                        rs.getLong("item"),
                        rs.getString("name"),
                        rs.getString("class_code"),
                        CiStatus.valueOf(rs.getString("status"))))
                .list();
    }

    /**
     * Moves a duplicate's relationships to the survivor; those the survivor already has, and those that would
     * relate the survivor to itself, are dropped.
     *
     * @return how many relationships were moved
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int moveAll(long fromId, long toId, String by, Instant at) {
        int moved = jdbc.sql("""
                        INSERT INTO ci_relationship (source_id, type, target_id, created_at, created_by)
                        SELECT CASE WHEN source_id = :from THEN :to ELSE source_id END, type,
                               CASE WHEN target_id = :from THEN :to ELSE target_id END, :at, :by
                        FROM ci_relationship
                        WHERE (source_id = :from OR target_id = :from)
                          AND NOT (source_id IN (:from, :to) AND target_id IN (:from, :to))
                        ON CONFLICT (source_id, type, target_id) DO NOTHING
                        """)
                .param("from", fromId)
                .param("to", toId)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .update();
        jdbc.sql("DELETE FROM ci_relationship WHERE source_id = :from OR target_id = :from")
                .param("from", fromId)
                .update();
        return moved;
    }
}
