package pl.krakow.coi.servicedesk.licence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The software catalogue ({@code software_product}); a product is unique by publisher and name, in any case. */
@Repository
class SoftwareProducts {

    static final RowMapper<SoftwareProduct> ROW = (rs, n) -> new SoftwareProduct(
            rs.getLong("id"),
            rs.getString("publisher"),
            rs.getString("name"),
            rs.getBoolean("licence_required"),
            rs.getString("description"),
            rs.getLong("version"));

    private final JdbcClient jdbc;

    SoftwareProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SoftwareProduct> find(long id) {
        return jdbc.sql("SELECT * FROM software_product WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional();
    }

    public Optional<SoftwareProduct> find(String publisher, String name) {
        return jdbc.sql(
                        "SELECT * FROM software_product WHERE lower(publisher) = lower(:publisher) AND lower(name) = lower(:name)")
                .param("publisher", publisher)
                .param("name", name)
                .query(ROW)
                .optional();
    }

    /** The product named so, created (with {@code licenceRequired}) if the catalogue lacks it. */
    public SoftwareProduct findOrCreate(String publisher, String name, boolean licenceRequired, Instant now) {
        return find(publisher, name).orElseGet(() -> {
            jdbc.sql("""
                            INSERT INTO software_product (publisher, name, licence_required, created_at, updated_at)
                            VALUES (:publisher, :name, :licenceRequired, :now, :now)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("publisher", publisher)
                    .param("name", name)
                    .param("licenceRequired", licenceRequired)
                    .param("now", Timestamp.from(now))
                    .update();
            return find(publisher, name).orElseThrow();
        });
    }

    /** Inserts a product; empty when one of that publisher and name exists. */
    public Optional<SoftwareProduct> insert(
            String publisher, String name, boolean licenceRequired, String description, Instant now) {
        return jdbc.sql("""
                        INSERT INTO software_product (publisher, name, licence_required, description, created_at, updated_at)
                        VALUES (:publisher, :name, :licenceRequired, :description, :now, :now)
                        ON CONFLICT DO NOTHING
                        RETURNING *
                        """)
                .param("publisher", publisher)
                .param("name", name)
                .param("licenceRequired", licenceRequired)
                .param("description", description)
                .param("now", Timestamp.from(now))
                .query(ROW)
                .optional();
    }

    public SoftwareProduct update(SoftwareProduct product, long expectedVersion, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE software_product SET publisher = :publisher, name = :name,
                            licence_required = :licenceRequired, description = :description, version = version + 1,
                            updated_at = :now
                        WHERE id = :id AND version = :version
                        """)
                .param("id", product.id())
                .param("publisher", product.publisher())
                .param("name", product.name())
                .param("licenceRequired", product.licenceRequired())
                .param("description", product.description())
                .param("version", expectedVersion)
                .param("now", Timestamp.from(now))
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Product " + product.id() + " changed meanwhile");
        }
        return find(product.id()).orElseThrow();
    }

    /** Products by publisher and part of the name, by publisher and name. */
    public List<SoftwareProduct> search(String publisher, String text, int page, int size) {
        List<String> where = new ArrayList<>(List.of("TRUE"));
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (publisher != null && !publisher.isBlank()) {
            where.add("lower(publisher) = lower(:publisher)");
            params.addValue("publisher", publisher.strip());
        }
        if (text != null && !text.isBlank()) {
            where.add("(name ILIKE :text OR publisher ILIKE :text)");
            params.addValue(
                    "text",
                    "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return jdbc.sql("SELECT * FROM software_product WHERE " + String.join(" AND ", where)
                        + " ORDER BY lower(publisher), lower(name), id LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query(ROW)
                .list();
    }

    /** The ids of every product that has installations or licences (for a full recomputation). */
    public List<Long> inUse() {
        return jdbc.sql("""
                        SELECT product_id FROM software_installation WHERE ended_at IS NULL AND product_id IS NOT NULL
                        UNION
                        SELECT product_id FROM licence_product
                        UNION
                        SELECT product_id FROM compliance_position
                        """).query(Long.class).list();
    }
}
