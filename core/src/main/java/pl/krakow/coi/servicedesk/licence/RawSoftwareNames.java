package pl.krakow.coi.servicedesk.licence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every distinct cleaned name ever reported and what it normalises to ({@code software_raw_name}). */
@Repository
class RawSoftwareNames {

    /** A reported name and its current normalisation. */
    public record RawName(long id, String name, Status status, Long productId, String productVersion, Long ruleId) {}

    /** Whether a rule recognised the name. */
    public enum Status {
        MATCHED,
        UNMATCHED,
        IGNORED
    }

    /** An unmatched name for review, with how many items report it now. */
    public record Unmatched(long id, String name, long items, Instant firstSeen, Instant lastSeen) {}

    private static final RowMapper<RawName> ROW = (rs, n) -> new RawName(
            rs.getLong("id"),
            rs.getString("name"),
            Status.valueOf(rs.getString("status")),
            rs.getObject("product_id", Long.class),
            rs.getString("product_version"),
            rs.getObject("rule_id", Long.class));

    private final JdbcClient jdbc;

    RawSoftwareNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored names among {@code names}, by name. */
    public Map<String, RawName> find(Collection<String> names) {
        Map<String, RawName> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT * FROM software_raw_name WHERE name = ANY(:names)")
                .param("names", names.toArray(String[]::new))
                .query(ROW)
                .list()
                .forEach(raw -> found.put(raw.name(), raw));
        return found;
    }

    public List<RawName> findAll() {
        return jdbc.sql("SELECT * FROM software_raw_name ORDER BY id")
                .query(ROW)
                .list();
    }

    /** Stores a new name with its normalisation; nothing when a concurrent report stored it first. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void insert(String name, Status status, Long productId, String version, Long ruleId, Instant now) {
        jdbc.sql("""
                        INSERT INTO software_raw_name (name, status, product_id, product_version, rule_id, first_seen,
                            normalised_at)
                        VALUES (:name, :status, :product, :version, :rule, :now, :now)
                        ON CONFLICT (name) DO NOTHING
                        """)
                .param("name", name)
                .param("status", status.name())
                .param("product", productId)
                .param("version", version)
                .param("rule", ruleId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** A name not stored yet, with its normalisation. */
    public record NewName(String name, Status status, Long productId, String version, Long ruleId) {}

    /**
     * Stores new names with their normalisation in one statement (a first inventory brings hundreds); those a
     * concurrent report stored first are left as they are.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertAll(List<NewName> names, Instant now) {
        if (names.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO software_raw_name (name, status, product_id, product_version, rule_id, first_seen,
                            normalised_at)
                        SELECT r.name, r.status, r.product_id, r.version, r.rule_id, :now, :now
                        FROM unnest(CAST(:names AS varchar[]), CAST(:statuses AS varchar[]), CAST(:products AS bigint[]),
                            CAST(:versions AS varchar[]), CAST(:rules AS bigint[]))
                            AS r(name, status, product_id, version, rule_id)
                        ORDER BY r.name
                        ON CONFLICT (name) DO NOTHING
                        """)
                .param("names", names.stream().map(NewName::name).toArray(String[]::new))
                .param("statuses", names.stream().map(n -> n.status().name()).toArray(String[]::new))
                .param("products", names.stream().map(NewName::productId).toArray(Long[]::new))
                .param("versions", names.stream().map(NewName::version).toArray(String[]::new))
                .param("rules", names.stream().map(NewName::ruleId).toArray(Long[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void updateNormalisation(long id, Status status, Long productId, String version, Long ruleId, Instant now) {
        jdbc.sql("""
                        UPDATE software_raw_name SET status = :status, product_id = :product, product_version = :version,
                            rule_id = :rule, normalised_at = :now
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status.name())
                .param("product", productId)
                .param("version", version)
                .param("rule", ruleId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Unmatched names, the most widely installed first. */
    public List<Unmatched> unmatched(int page, int size) {
        return jdbc.sql("""
                        SELECT rn.id, rn.name, rn.first_seen,
                               count(DISTINCT i.ci_id) FILTER (WHERE i.ended_at IS NULL) AS items,
                               max(i.last_seen) AS last_seen
                        FROM software_raw_name rn
                        LEFT JOIN software_installation i ON i.raw_name_id = rn.id
                        WHERE rn.status = 'UNMATCHED'
                        GROUP BY rn.id
                        ORDER BY items DESC, rn.name
                        LIMIT :limit OFFSET :offset
                        """)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Unmatched(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("items"),
                        rs.getTimestamp("first_seen").toInstant(),
                        rs.getTimestamp("last_seen") == null
                                ? null
                                : rs.getTimestamp("last_seen").toInstant()))
                .list();
    }

    public long unmatchedCount() {
        return jdbc.sql("SELECT count(*) FROM software_raw_name WHERE status = 'UNMATCHED'")
                .query(Long.class)
                .single();
    }
}
