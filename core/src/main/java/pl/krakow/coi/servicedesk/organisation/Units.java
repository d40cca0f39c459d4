package pl.krakow.coi.servicedesk.organisation;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The units, stored in {@code org_unit}. */
@Repository
public class Units {

    private static final RowMapper<Unit> ROW = (rs, row) -> new Unit(
            rs.getString("code"),
            rs.getString("name_pl"),
            rs.getString("name_en"),
            Unit.Kind.valueOf(rs.getString("kind")),
            rs.getString("parent_code"),
            Unit.SupportRole.valueOf(rs.getString("support_role")),
            rs.getString("ordinance_ref"),
            rs.getBoolean("active"),
            rs.getLong("version"));

    private final JdbcClient jdbc;

    Units(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Unit> findAll() {
        return jdbc.sql("SELECT * FROM org_unit ORDER BY code").query(ROW).list();
    }

    public Optional<Unit> find(String code) {
        return jdbc.sql("SELECT * FROM org_unit WHERE code = :code")
                .param("code", code)
                .query(ROW)
                .optional();
    }

    /**
     * The codes of unit {@code code} and of the units above it, nearest first, in one query; empty for an
     * unknown code. A cycle in the parents (which the API refuses) ends the chain at the first repetition.
     */
    public List<String> ancestry(String code) {
        return jdbc.sql("""
                        WITH RECURSIVE up (code, parent_code, depth, path) AS (
                            SELECT code, parent_code, 0, ARRAY[code::text] FROM org_unit WHERE code = :code
                            UNION ALL
                            SELECT u.code, u.parent_code, up.depth + 1, up.path || u.code::text
                            FROM org_unit u JOIN up ON u.code = up.parent_code
                            WHERE u.code <> ALL (up.path)
                        )
                        SELECT code FROM up ORDER BY depth
                        """).param("code", code).query(String.class).list();
    }

    /**
     * The code of unit {@code code} and of every unit that reports to it, directly or through others; empty
     * for an unknown code. A cycle in the parents ends at the first repetition.
     */
    public List<String> subtree(String code) {
        return jdbc.sql("""
                        WITH RECURSIVE down (code, path) AS (
                            SELECT code, ARRAY[code::text] FROM org_unit WHERE code = :code
                            UNION ALL
                            SELECT u.code, down.path || u.code::text
                            FROM org_unit u JOIN down ON u.parent_code = down.code
                            WHERE u.code <> ALL (down.path)
                        )
                        SELECT code FROM down
                        """).param("code", code).query(String.class).list();
    }

    /** Inserts a new unit; false if the code exists. */
    public boolean insert(Unit unit) {
        return jdbc.sql("""
                        INSERT INTO org_unit (code, name_pl, name_en, kind, parent_code, support_role, ordinance_ref, active)
                        VALUES (:code, :namePl, :nameEn, :kind, :parent, :role, :ref, :active)
                        ON CONFLICT (code) DO NOTHING
                        """)
                        .param("code", unit.code())
                        .param("namePl", unit.namePl())
                        .param("nameEn", unit.nameEn())
                        .param("kind", unit.kind().name())
                        .param("parent", unit.parentCode())
                        .param("role", unit.supportRole().name())
                        .param("ref", unit.ordinanceRef())
                        .param("active", unit.active())
                        .update()
                == 1;
    }

    /** Updates a unit if its version is still {@code expectedVersion}; returns the stored unit. */
    public Unit update(Unit unit, long expectedVersion) {
        int updated = jdbc.sql("""
                        UPDATE org_unit SET name_pl = :namePl, name_en = :nameEn, kind = :kind,
                            parent_code = :parent, support_role = :role, ordinance_ref = :ref, active = :active,
                            version = version + 1, updated_at = now()
                        WHERE code = :code AND version = :version
                        """)
                .param("code", unit.code())
                .param("namePl", unit.namePl())
                .param("nameEn", unit.nameEn())
                .param("kind", unit.kind().name())
                .param("parent", unit.parentCode())
                .param("role", unit.supportRole().name())
                .param("ref", unit.ordinanceRef())
                .param("active", unit.active())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Unit " + unit.code() + " changed meanwhile");
        }
        return find(unit.code()).orElseThrow();
    }
}
