package pl.krakow.coi.servicedesk.cmdb;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeDefinition;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.cmdb.domain.ClassKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The classes of configuration items, stored in {@code ci_class}. */
@Repository
class CiClasses {

    private static final TypeReference<List<AttributeDefinition>> SCHEMA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<CiClass> row;

    CiClasses(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new CiClass(
                rs.getString("code"),
                rs.getString("name_pl"),
                rs.getString("name_en"),
                ClassKind.valueOf(rs.getString("kind")),
                new AttributeSchema(json.readValue(rs.getString("attribute_schema"), SCHEMA)),
                rs.getString("default_supporting_unit"),
                rs.getString("lifecycle_unit"),
                rs.getBoolean("builtin"),
                rs.getBoolean("active"),
                rs.getLong("version"));
    }

    public List<CiClass> findAll() {
        return jdbc.sql("SELECT * FROM ci_class ORDER BY code").query(row).list();
    }

    public Optional<CiClass> find(String code) {
        return jdbc.sql("SELECT * FROM ci_class WHERE code = :code")
                .param("code", code)
                .query(row)
                .optional();
    }

    /** Inserts a new class; false if the code exists. */
    public boolean insert(CiClass ciClass) {
        return jdbc.sql("""
                        INSERT INTO ci_class (code, name_pl, name_en, kind, attribute_schema, default_supporting_unit,
                            lifecycle_unit, builtin, active)
                        VALUES (:code, :namePl, :nameEn, :kind, CAST(:schema AS jsonb), :supportingUnit,
                            :lifecycleUnit, false, :active)
                        ON CONFLICT (code) DO NOTHING
                        """)
                        .param("code", ciClass.code())
                        .param("namePl", ciClass.namePl())
                        .param("nameEn", ciClass.nameEn())
                        .param("kind", ciClass.kind().name())
                        .param(
                                "schema",
                                json.writeValueAsString(ciClass.schema().attributes()))
                        .param("supportingUnit", ciClass.defaultSupportingUnit())
                        .param("lifecycleUnit", ciClass.lifecycleUnit())
                        .param("active", ciClass.active())
                        .update()
                == 1;
    }

    /** Updates a class if its version is still {@code expectedVersion}; the code and builtin flag stay. */
    public CiClass update(CiClass ciClass, long expectedVersion) {
        int updated = jdbc.sql("""
                        UPDATE ci_class SET name_pl = :namePl, name_en = :nameEn, kind = :kind,
                            attribute_schema = CAST(:schema AS jsonb), default_supporting_unit = :supportingUnit,
                            lifecycle_unit = :lifecycleUnit, active = :active, version = version + 1,
                            updated_at = now()
                        WHERE code = :code AND version = :version
                        """)
                .param("code", ciClass.code())
                .param("namePl", ciClass.namePl())
                .param("nameEn", ciClass.nameEn())
                .param("kind", ciClass.kind().name())
                .param("schema", json.writeValueAsString(ciClass.schema().attributes()))
                .param("supportingUnit", ciClass.defaultSupportingUnit())
                .param("lifecycleUnit", ciClass.lifecycleUnit())
                .param("active", ciClass.active())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("Class " + ciClass.code() + " changed meanwhile");
        }
        return find(ciClass.code()).orElseThrow();
    }

    /** How many items of the class exist (in any status). */
    public long itemCount(String code) {
        return jdbc.sql("SELECT count(*) FROM configuration_item WHERE class_code = :code")
                .param("code", code)
                .query(Long.class)
                .single();
    }
}
