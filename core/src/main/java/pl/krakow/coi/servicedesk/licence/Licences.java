package pl.krakow.coi.servicedesk.licence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;

/** Licences ({@code licence}, {@code licence_product}) and their assignments ({@code licence_assignment}). */
@Repository
class Licences {

    private static final String SELECT = """
            SELECT l.*,
                   ARRAY(SELECT lp.product_id FROM licence_product lp WHERE lp.licence_id = l.id ORDER BY 1) AS products,
                   (SELECT count(*) FROM licence_assignment a WHERE a.licence_id = l.id AND a.ended_at IS NULL)
                       AS active_assignments
            FROM licence l
            """;

    private final JdbcClient jdbc;

    Licences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Licence> find(long id) {
        return jdbc.sql(SELECT + " WHERE l.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Locks the licence's row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Licence> lock(long id) {
        return jdbc.sql(SELECT + " WHERE l.id = :id FOR UPDATE OF l")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long insert(LicenceDetails d, Instant now) {
        long id = jdbc.sql("""
                        INSERT INTO licence (name, metric, quantity, valid_from, valid_until, contract_number, vendor,
                            cost, currency, notes, created_at, updated_at)
                        VALUES (:name, :metric, :quantity, :validFrom, :validUntil, :contract, :vendor, :cost,
                            :currency, :notes, :now, :now)
                        RETURNING id
                        """)
                .paramSource(params(d).addValue("now", Timestamp.from(now)))
                .query(Long.class)
                .single();
        products(id, d);
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void update(long id, LicenceDetails d, long expectedVersion, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE licence SET name = :name, metric = :metric, quantity = :quantity,
                            valid_from = :validFrom, valid_until = :validUntil, contract_number = :contract,
                            vendor = :vendor, cost = :cost, currency = :currency, notes = :notes,
                            version = version + 1, updated_at = :now
                        WHERE id = :id AND version = :version
                        """)
                .paramSource(params(d)
                        .addValue("id", id)
                        .addValue("version", expectedVersion)
                        .addValue("now", Timestamp.from(now)))
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Licence " + id + " changed meanwhile");
        }
        jdbc.sql("DELETE FROM licence_product WHERE licence_id = :id")
                .param("id", id)
                .update();
        products(id, d);
    }

    private void products(long id, LicenceDetails d) {
        jdbc.sql("INSERT INTO licence_product (licence_id, product_id) SELECT :id, unnest(CAST(:products AS bigint[]))")
                .param("id", id)
                .param("products", d.products().toArray(Long[]::new))
                .update();
    }

    /** A search; null means any. {@code expiringWithin}: valid today and ending within that many days. */
    public List<Licence> search(
            Long productId,
            LicenceMetric metric,
            String vendor,
            Integer expiringWithin,
            LocalDate today,
            int page,
            int size) {
        List<String> where = new ArrayList<>(List.of("TRUE"));
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("today", Date.valueOf(today));
        if (productId != null) {
            where.add(
                    "EXISTS (SELECT 1 FROM licence_product lp WHERE lp.licence_id = l.id AND lp.product_id = :product)");
            params.addValue("product", productId);
        }
        if (metric != null) {
            where.add("l.metric = :metric");
            params.addValue("metric", metric.name());
        }
        if (vendor != null && !vendor.isBlank()) {
            where.add("lower(l.vendor) = lower(:vendor)");
            params.addValue("vendor", vendor.strip());
        }
        if (expiringWithin != null) {
            where.add("l.valid_from <= :today AND l.valid_until BETWEEN :today AND CAST(:today AS date) + :days");
            params.addValue("days", expiringWithin);
        }
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return jdbc.sql(SELECT + " WHERE " + String.join(" AND ", where)
                        + " ORDER BY l.valid_until NULLS LAST, l.id LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query(this::map)
                .list();
    }

    /** The licences whose end date is between {@code from} and {@code until} (both inclusive), soonest first. */
    public List<Licence> endingBetween(LocalDate from, LocalDate until) {
        return jdbc.sql(SELECT + " WHERE l.valid_until BETWEEN :from AND :until ORDER BY l.valid_until, l.id")
                .param("from", Date.valueOf(from))
                .param("until", Date.valueOf(until))
                .query(this::map)
                .list();
    }

    // ---- assignments ----

    /** Assigns the licence; empty when the device or person holds it already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> assign(
            long licenceId, Long ciId, String personUsername, String personName, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO licence_assignment (licence_id, ci_id, person_username, person_name, assigned_at,
                            assigned_by)
                        VALUES (:licence, :ci, :person, :personName, :at, :by)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """)
                .param("licence", licenceId)
                .param("ci", ciId)
                .param("person", personUsername)
                .param("personName", personName)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .query(Long.class)
                .optional();
    }

    public Optional<LicenceAssignment> assignment(long id) {
        return jdbc.sql("SELECT * FROM licence_assignment WHERE id = :id")
                .param("id", id)
                .query(this::mapAssignment)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean endAssignment(long id, String by, Instant at) {
        return jdbc.sql("""
                                UPDATE licence_assignment SET ended_at = :at, ended_by = :by
                                WHERE id = :id AND ended_at IS NULL
                                """)
                        .param("id", id)
                        .param("by", by)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    public List<LicenceAssignment> assignments(long licenceId, boolean activeOnly) {
        return jdbc.sql("SELECT * FROM licence_assignment WHERE licence_id = :id"
                        + (activeOnly ? " AND ended_at IS NULL" : "") + " ORDER BY id")
                .param("id", licenceId)
                .query(this::mapAssignment)
                .list();
    }

    /** Moves a merged duplicate's active device assignments to the survivor; returns the licences involved. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Long> moveAssignments(long duplicateId, long survivorId, Instant at) {
        jdbc.sql("""
                        INSERT INTO licence_assignment (licence_id, ci_id, assigned_at, assigned_by)
                        SELECT licence_id, :survivor, assigned_at, assigned_by FROM licence_assignment
                        WHERE ci_id = :duplicate AND ended_at IS NULL
                        ON CONFLICT DO NOTHING
                        """)
                .param("survivor", survivorId)
                .param("duplicate", duplicateId)
                .update();
        return jdbc.sql("""
                        UPDATE licence_assignment SET ended_at = :at, ended_by = 'system:merge'
                        WHERE ci_id = :duplicate AND ended_at IS NULL
                        RETURNING licence_id
                        """)
                .param("duplicate", duplicateId)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .list();
    }

    /** The products the licences cover. */
    public List<Long> productsOf(List<Long> licenceIds) {
        if (licenceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT product_id FROM licence_product WHERE licence_id = ANY(:ids)")
                .param("ids", licenceIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** The products of licences assigned to the item now (its cores or status matter to them). */
    public List<Long> productsAssignedTo(long ciId) {
        return jdbc.sql("""
                        SELECT DISTINCT lp.product_id FROM licence_assignment a
                        JOIN licence_product lp ON lp.licence_id = a.licence_id
                        WHERE a.ci_id = :ci AND a.ended_at IS NULL
                        """).param("ci", ciId).query(Long.class).list();
    }

    private static MapSqlParameterSource params(LicenceDetails d) {
        return new MapSqlParameterSource()
                .addValue("name", d.name())
                .addValue("metric", d.metric().name())
                .addValue("quantity", d.quantity())
                .addValue("validFrom", Date.valueOf(d.validFrom()))
                .addValue("validUntil", d.validUntil() == null ? null : Date.valueOf(d.validUntil()))
                .addValue("contract", d.contractNumber())
                .addValue("vendor", d.vendor())
                .addValue("cost", d.cost())
                .addValue("currency", d.currency())
                .addValue("notes", d.notes());
    }

    private Licence map(ResultSet rs, int row) throws SQLException {
        Date until = rs.getDate("valid_until");
        return new Licence(
                rs.getLong("id"),
                new LicenceDetails(
                        rs.getString("name"),
                        new HashSet<>(
                                Arrays.asList((Long[]) rs.getArray("products").getArray())),
                        LicenceMetric.valueOf(rs.getString("metric")),
                        rs.getObject("quantity", Integer.class),
                        rs.getDate("valid_from").toLocalDate(),
                        until == null ? null : until.toLocalDate(),
                        rs.getString("contract_number"),
                        rs.getString("vendor"),
                        rs.getBigDecimal("cost"),
                        rs.getString("currency"),
                        rs.getString("notes")),
                rs.getInt("active_assignments"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private LicenceAssignment mapAssignment(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new LicenceAssignment(
                rs.getLong("id"),
                rs.getLong("licence_id"),
                rs.getObject("ci_id", Long.class),
                rs.getString("person_username"),
                rs.getString("person_name"),
                rs.getTimestamp("assigned_at").toInstant(),
                rs.getString("assigned_by"),
                ended == null ? null : ended.toInstant(),
                rs.getString("ended_by"));
    }
}
