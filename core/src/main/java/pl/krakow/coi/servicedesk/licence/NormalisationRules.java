package pl.krakow.coi.servicedesk.licence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import pl.krakow.coi.servicedesk.licence.domain.NormalisationRule;

/** The normalisation rules ({@code software_rule}), in the order they apply. */
@Repository
class NormalisationRules {

    /** A stored rule with its version (the ETag) and who changed it last. */
    public record Stored(NormalisationRule rule, String note, long version, Instant updatedAt, String updatedBy) {}

    private final JdbcClient jdbc;

    NormalisationRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Stored> findAll() {
        return jdbc.sql("SELECT * FROM software_rule ORDER BY position, id")
                .query(this::map)
                .list();
    }

    public Optional<Stored> find(long id) {
        return jdbc.sql("SELECT * FROM software_rule WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public long insert(NormalisationRule rule, String note, String by, Instant now) {
        return jdbc.sql("""
                        INSERT INTO software_rule (position, pattern, action, publisher, product, version_template,
                            licence_required, active, note, created_at, updated_at, updated_by)
                        VALUES (:position, :pattern, :action, :publisher, :product, :versionTemplate,
                            :licenceRequired, :active, :note, :now, :now, :by)
                        RETURNING id
                        """)
                .param("position", rule.position())
                .param("pattern", rule.pattern())
                .param("action", rule.action().name())
                .param("publisher", rule.publisher())
                .param("product", rule.product())
                .param("versionTemplate", rule.versionTemplate())
                .param("licenceRequired", rule.licenceRequired())
                .param("active", rule.active())
                .param("note", note)
                .param("now", Timestamp.from(now))
                .param("by", by)
                .query(Long.class)
                .single();
    }

    public void update(long id, NormalisationRule rule, String note, long expectedVersion, String by, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE software_rule SET position = :position, pattern = :pattern, action = :action,
                            publisher = :publisher, product = :product, version_template = :versionTemplate,
                            licence_required = :licenceRequired, active = :active, note = :note,
                            version = version + 1, updated_at = :now, updated_by = :by
                        WHERE id = :id AND version = :version
                        """)
                .param("id", id)
                .param("position", rule.position())
                .param("pattern", rule.pattern())
                .param("action", rule.action().name())
                .param("publisher", rule.publisher())
                .param("product", rule.product())
                .param("versionTemplate", rule.versionTemplate())
                .param("licenceRequired", rule.licenceRequired())
                .param("active", rule.active())
                .param("note", note)
                .param("version", expectedVersion)
                .param("now", Timestamp.from(now))
                .param("by", by)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Rule " + id + " changed meanwhile");
        }
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM software_rule WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    private Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(
                new NormalisationRule(
                        rs.getLong("id"),
                        rs.getInt("position"),
                        rs.getString("pattern"),
                        NormalisationRule.Action.valueOf(rs.getString("action")),
                        rs.getString("publisher"),
                        rs.getString("product"),
                        rs.getString("version_template"),
                        rs.getBoolean("licence_required"),
                        rs.getBoolean("active")),
                rs.getString("note"),
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
