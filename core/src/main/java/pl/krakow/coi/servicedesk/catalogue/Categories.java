package pl.krakow.coi.servicedesk.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue's categories, stored in {@code service_category}. */
@Repository
public class Categories {

    private static final RowMapper<Category> ROW = (rs, row) -> new Category(
            rs.getString("code"),
            rs.getString("name_pl"),
            rs.getString("description_en"),
            rs.getString("group_pl"),
            rs.getString("unit_code"),
            rs.getString("ticket_type"),
            rs.getString("ordinance_ref"),
            Arrays.asList((String[]) rs.getArray("keywords").getArray()),
            rs.getBoolean("active"),
            rs.getLong("version"));

    private final JdbcClient jdbc;

    Categories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Category> findAll() {
        return jdbc.sql("SELECT * FROM service_category ORDER BY code")
                .query(ROW)
                .list();
    }

    public List<Category> findActive() {
        return jdbc.sql("SELECT * FROM service_category WHERE active ORDER BY code")
                .query(ROW)
                .list();
    }

    public Optional<Category> find(String code) {
        return jdbc.sql("SELECT * FROM service_category WHERE code = :code")
                .param("code", code)
                .query(ROW)
                .optional();
    }

    public boolean insert(Category category) {
        return jdbc.sql("""
                        INSERT INTO service_category (code, name_pl, description_en, group_pl, unit_code, ticket_type,
                            ordinance_ref, keywords, active)
                        VALUES (:code, :namePl, :descriptionEn, :groupPl, :unit, :type, :ref, :keywords, :active)
                        ON CONFLICT (code) DO NOTHING
                        """)
                        .param("code", category.code())
                        .param("namePl", category.namePl())
                        .param("descriptionEn", category.descriptionEn())
                        .param("groupPl", category.groupPl())
                        .param("unit", category.unitCode())
                        .param("type", category.ticketType())
                        .param("ref", category.ordinanceRef())
                        .param("keywords", category.keywords().toArray(String[]::new))
                        .param("active", category.active())
                        .update()
                == 1;
    }

    public Category update(Category category, long expectedVersion) {
        int updated = jdbc.sql("""
                        UPDATE service_category SET name_pl = :namePl, description_en = :descriptionEn,
                            group_pl = :groupPl, unit_code = :unit, ticket_type = :type, ordinance_ref = :ref,
                            keywords = :keywords, active = :active, version = version + 1, updated_at = now()
                        WHERE code = :code AND version = :version
                        """)
                .param("code", category.code())
                .param("namePl", category.namePl())
                .param("descriptionEn", category.descriptionEn())
                .param("groupPl", category.groupPl())
                .param("unit", category.unitCode())
                .param("type", category.ticketType())
                .param("ref", category.ordinanceRef())
                .param("keywords", category.keywords().toArray(String[]::new))
                .param("active", category.active())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Category " + category.code() + " changed meanwhile");
        }
        return find(category.code()).orElseThrow();
    }

    /** A monotonic marker of catalogue changes (for caches such as the routing model). */
    public String fingerprint() {
        return jdbc.sql(
                        "SELECT count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at)::text, '')"
                                + " FROM service_category")
                .query(String.class)
                .single();
    }
}
