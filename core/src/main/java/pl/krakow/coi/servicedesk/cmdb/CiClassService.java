package pl.krakow.coi.servicedesk.cmdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Classes of items as data: the CMDB admin adds a class with its attribute schema, or changes one. A schema
 * change that would make existing items invalid is refused, naming some of them.
 */
@Service
public class CiClassService {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final CiClasses classes;
    private final CmdbAccess access;
    private final Organisation organisation;
    private final Units units;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    CiClassService(
            CiClasses classes,
            CmdbAccess access,
            Organisation organisation,
            Units units,
            JdbcClient jdbc,
            JsonMapper json) {
        this.classes = classes;
        this.access = access;
        this.organisation = organisation;
        this.units = units;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every class, for a system process that checks reported devices against them (imports, agents). */
    public List<CiClass> all() {
        return classes.findAll();
    }

    /** The class {@code code}, for a system process that checks a reported device against it. */
    public java.util.Optional<CiClass> find(String code) {
        return classes.find(code);
    }

    public List<CiClass> list(CurrentUser user) {
        access.requireRead(user);
        return classes.findAll();
    }

    public CiClass get(String code, CurrentUser user) {
        access.requireRead(user);
        return classes.find(code).orElseThrow(() -> ServiceDeskException.notFound("Class", code));
    }

    @Transactional
    public CiClass create(CiClass ciClass, CurrentUser user) {
        access.requireAdmin(user, "define classes of items");
        check(ciClass);
        if (!classes.insert(ciClass)) {
            throw CmdbRuleViolation.conflict(
                    "ci-class-exists", "Class exists", "Class " + ciClass.code() + " exists", Map.of());
        }
        return classes.find(ciClass.code()).orElseThrow();
    }

    @Transactional
    public CiClass update(CiClass ciClass, long expectedVersion, CurrentUser user) {
        access.requireAdmin(user, "change classes of items");
        CiClass current =
                classes.find(ciClass.code()).orElseThrow(() -> ServiceDeskException.notFound("Class", ciClass.code()));
        check(ciClass);
        if (current.builtin() && ciClass.kind() != current.kind()) {
            throw CmdbRuleViolation.rule(
                    "builtin-class-kind",
                    "The kind of built-in class " + current.code() + " stays " + current.kind(),
                    Map.of("class", current.code()));
        }
        refuseInvalidatingSchema(ciClass);
        return classes.update(ciClass, expectedVersion);
    }

    private void check(CiClass ciClass) {
        if (ciClass.code() == null || !CODE.matcher(ciClass.code()).matches()) {
            throw CmdbRuleViolation.invalid(
                    "invalid-class-code", "A class code is UPPER_CASE letters, digits and _, e.g. KIOSK");
        }
        if (ciClass.namePl() == null
                || ciClass.namePl().isBlank()
                || ciClass.namePl().length() > 200) {
            throw CmdbRuleViolation.invalid("validation-failed", "namePl is required (at most 200 characters)");
        }
        if (ciClass.nameEn() == null
                || ciClass.nameEn().isBlank()
                || ciClass.nameEn().length() > 200) {
            throw CmdbRuleViolation.invalid("validation-failed", "nameEn is required (at most 200 characters)");
        }
        if (ciClass.kind() == null) {
            throw CmdbRuleViolation.invalid("validation-failed", "kind is required: HARDWARE, SOFTWARE or SERVICE");
        }
        if (ciClass.defaultSupportingUnit() != null) {
            organisation.requireEscalationTarget(ciClass.defaultSupportingUnit());
        }
        if (ciClass.lifecycleUnit() != null
                && units.find(ciClass.lifecycleUnit()).isEmpty()) {
            throw CmdbRuleViolation.invalid("unknown-unit", "There is no unit " + ciClass.lifecycleUnit());
        }
    }

    private void refuseInvalidatingSchema(CiClass ciClass) {
        AttributeSchema schema = ciClass.schema();
        List<Long> invalid = new ArrayList<>();
        long[] count = {0};
        jdbc.sql("SELECT id, attributes FROM configuration_item WHERE class_code = :code AND merged_into IS NULL")
                .param("code", ciClass.code())
                .query(rs -> {
                    if (!schema.violations(json.readValue(rs.getString("attributes"), MAP))
                            .isEmpty()) {
                        count[0]++;
                        if (invalid.size() < 10) {
                            invalid.add(rs.getLong("id"));
                        }
                    }
                });
        if (count[0] > 0) {
            throw CmdbRuleViolation.conflict(
                    "schema-change-invalidates-items",
                    "Schema change invalidates items",
                    count[0] + " items of class " + ciClass.code() + " would not satisfy the new schema (e.g. items "
                            + invalid + "); correct them first",
                    Map.of("items", invalid, "count", count[0]));
        }
    }
}
