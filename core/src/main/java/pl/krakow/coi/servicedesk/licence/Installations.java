package pl.krakow.coi.servicedesk.licence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;

/** Installations ({@code software_installation}); their product follows the raw name's normalisation. */
@Repository
class Installations {

    private static final String SELECT = """
            SELECT i.*, rn.name AS raw_name, p.publisher, p.name AS product_name
            FROM software_installation i
            LEFT JOIN software_raw_name rn ON rn.id = i.raw_name_id
            LEFT JOIN software_product p ON p.id = i.product_id
            """;

    private final JdbcClient jdbc;

    Installations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An active reported installation, as a report reconciles it. */
    record Active(long id, long rawNameId, Long productId, String reportedVersion) {}

    /** The active installations of an item from one reporting source, locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Active> activeReported(long ciId, InstallationSource source) {
        return jdbc.sql("""
                        SELECT id, raw_name_id, product_id, reported_version FROM software_installation
                        WHERE ci_id = :ci AND source = :source AND ended_at IS NULL AND raw_name_id IS NOT NULL
                        FOR UPDATE
                        """)
                .param("ci", ciId)
                .param("source", source.name())
                .query((rs, n) -> new Active(
                        rs.getLong("id"),
                        rs.getLong("raw_name_id"),
                        rs.getObject("product_id", Long.class),
                        rs.getString("reported_version")))
                .list();
    }

    /** Records installations of reported names (product and version from their normalisation). */
    @Transactional(propagation = Propagation.MANDATORY)
    void insertReported(
            long ciId,
            InstallationSource source,
            List<Long> rawNameIds,
            List<String> reportedVersions,
            Instant at,
            String by) {
        if (rawNameIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO software_installation (ci_id, raw_name_id, product_id, product_version,
                            reported_version, source, first_seen, last_seen, created_by)
                        SELECT :ci, rn.id, rn.product_id, coalesce(rn.product_version, r.version), r.version, :source,
                               :at, :at, :by
                        FROM unnest(CAST(:names AS bigint[]), CAST(:versions AS varchar[])) AS r(name_id, version)
                        JOIN software_raw_name rn ON rn.id = r.name_id
                        ON CONFLICT DO NOTHING
                        """)
                .param("ci", ciId)
                .param("source", source.name())
                .param("names", rawNameIds.toArray(Long[]::new))
                .param("versions", reportedVersions.toArray(String[]::new))
                .param("at", Timestamp.from(at))
                .param("by", by)
                .update();
    }

    /** Marks installations as seen again, with the version reported now. */
    @Transactional(propagation = Propagation.MANDATORY)
    void seen(List<Long> ids, List<String> reportedVersions, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE software_installation i
                        SET last_seen = greatest(i.last_seen, :at), reported_version = r.version,
                            product_version = coalesce(rn.product_version, r.version)
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS varchar[])) AS r(id, version),
                             software_raw_name rn
                        WHERE i.id = r.id AND rn.id = i.raw_name_id
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .param("versions", reportedVersions.toArray(String[]::new))
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Ends installations (they stay in the history). */
    @Transactional(propagation = Propagation.MANDATORY)
    void end(Collection<Long> ids, Instant at, String reason) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE software_installation SET ended_at = greatest(:at, first_seen), end_reason = :reason
                        WHERE id = ANY(:ids) AND ended_at IS NULL
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .update();
    }

    /** Records a manual installation; empty when the item has the product recorded by hand already. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> insertManual(long ciId, long productId, String version, Instant at, String by) {
        return jdbc.sql("""
                        INSERT INTO software_installation (ci_id, product_id, product_version, reported_version, source,
                            first_seen, last_seen, created_by)
                        VALUES (:ci, :product, :version, :version, 'MANUAL', :at, :at, :by)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """)
                .param("ci", ciId)
                .param("product", productId)
                .param("version", version)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .query(Long.class)
                .optional();
    }

    /** Re-derives product and version of the installations of these raw names from their normalisation. */
    @Transactional(propagation = Propagation.MANDATORY)
    int renormalise(Collection<Long> rawNameIds) {
        if (rawNameIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE software_installation i
                        SET product_id = rn.product_id, product_version = coalesce(rn.product_version, i.reported_version)
                        FROM software_raw_name rn
                        WHERE i.raw_name_id = rn.id AND rn.id = ANY(:ids)
                        """).param("ids", rawNameIds.toArray(Long[]::new)).update();
    }

    /**
     * Moves a merged duplicate's active installations to the survivor: the duplicate's end (ITEM_MERGED),
     * the survivor gets those it lacks, with their first-seen time.
     *
     * @return the products involved
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> moveToSurvivor(long duplicateId, long survivorId, Instant at) {
        jdbc.sql("""
                        INSERT INTO software_installation (ci_id, raw_name_id, product_id, product_version,
                            reported_version, source, first_seen, last_seen, created_by)
                        SELECT :survivor, raw_name_id, product_id, product_version, reported_version, source, first_seen,
                               last_seen, created_by
                        FROM software_installation
                        WHERE ci_id = :duplicate AND ended_at IS NULL
                        ON CONFLICT DO NOTHING
                        """)
                .param("survivor", survivorId)
                .param("duplicate", duplicateId)
                .update();
        return jdbc
                .sql("""
                        UPDATE software_installation SET ended_at = greatest(:at, first_seen), end_reason = 'ITEM_MERGED'
                        WHERE ci_id = :duplicate AND ended_at IS NULL
                        RETURNING product_id
                        """)
                .param("duplicate", duplicateId)
                .param("at", Timestamp.from(at))
                .query((rs, n) -> rs.getObject(1, Long.class))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
    }

    /** The products with active installations on an item. */
    public List<Long> activeProducts(long ciId) {
        return jdbc.sql("""
                        SELECT DISTINCT product_id FROM software_installation
                        WHERE ci_id = :ci AND ended_at IS NULL AND product_id IS NOT NULL
                        """).param("ci", ciId).query(Long.class).list();
    }

    public Optional<Installation> find(long id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** A search; null means any. */
    public List<Installation> search(Long ciId, Long productId, Boolean active, int page, int size) {
        List<String> where = new ArrayList<>(List.of("TRUE"));
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (ciId != null) {
            where.add("i.ci_id = :ci");
            params.addValue("ci", ciId);
        }
        if (productId != null) {
            where.add("i.product_id = :product");
            params.addValue("product", productId);
        }
        if (Boolean.TRUE.equals(active)) {
            where.add("i.ended_at IS NULL");
        } else if (Boolean.FALSE.equals(active)) {
            where.add("i.ended_at IS NOT NULL");
        }
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return jdbc.sql(SELECT + " WHERE " + String.join(" AND ", where)
                        + " ORDER BY i.ended_at DESC NULLS FIRST, p.publisher, p.name, rn.name, i.id"
                        + " LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query(this::map)
                .list();
    }

    private Installation map(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Installation(
                rs.getLong("id"),
                rs.getLong("ci_id"),
                rs.getString("raw_name"),
                rs.getObject("product_id", Long.class),
                rs.getString("publisher"),
                rs.getString("product_name"),
                rs.getString("product_version"),
                rs.getString("reported_version"),
                InstallationSource.valueOf(rs.getString("source")),
                rs.getTimestamp("first_seen").toInstant(),
                rs.getTimestamp("last_seen").toInstant(),
                ended == null ? null : ended.toInstant(),
                rs.getString("end_reason"));
    }
}
