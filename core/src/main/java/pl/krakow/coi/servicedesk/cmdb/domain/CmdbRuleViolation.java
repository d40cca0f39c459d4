package pl.krakow.coi.servicedesk.cmdb.domain;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** A CMDB operation that the rules refuse, with a stable problem type. */
public class CmdbRuleViolation extends ServiceDeskException {

    public CmdbRuleViolation(Kind kind, String type, String title, String detail, Map<String, ?> properties) {
        super(kind, type, title, detail, properties);
    }

    public static CmdbRuleViolation invalid(String type, String detail) {
        return new CmdbRuleViolation(Kind.INVALID_INPUT, type, "Invalid input", detail, Map.of());
    }

    public static CmdbRuleViolation invalid(String type, String detail, Map<String, ?> properties) {
        return new CmdbRuleViolation(Kind.INVALID_INPUT, type, "Invalid input", detail, properties);
    }

    public static CmdbRuleViolation conflict(String type, String title, String detail, Map<String, ?> properties) {
        return new CmdbRuleViolation(Kind.CONFLICT, type, title, detail, properties);
    }

    public static CmdbRuleViolation rule(String type, String detail, Map<String, ?> properties) {
        return new CmdbRuleViolation(Kind.RULE_VIOLATION, type, "Not allowed by the CMDB rules", detail, properties);
    }

    public static CmdbRuleViolation forbidden(String type, String detail) {
        return new CmdbRuleViolation(Kind.FORBIDDEN, type, "Not allowed", detail, Map.of());
    }
}
