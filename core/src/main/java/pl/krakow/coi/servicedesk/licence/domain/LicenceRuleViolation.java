package pl.krakow.coi.servicedesk.licence.domain;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** A licence-register operation that the rules refuse, with a stable problem type. */
public class LicenceRuleViolation extends ServiceDeskException {

    public LicenceRuleViolation(Kind kind, String type, String title, String detail, Map<String, ?> properties) {
        super(kind, type, title, detail, properties);
    }

    public static LicenceRuleViolation invalid(String type, String detail) {
        return new LicenceRuleViolation(Kind.INVALID_INPUT, type, "Invalid input", detail, Map.of());
    }

    public static LicenceRuleViolation invalid(String type, String detail, Map<String, ?> properties) {
        return new LicenceRuleViolation(Kind.INVALID_INPUT, type, "Invalid input", detail, properties);
    }

    public static LicenceRuleViolation rule(String type, String detail, Map<String, ?> properties) {
        return new LicenceRuleViolation(
                Kind.RULE_VIOLATION, type, "Not allowed by the licence rules", detail, properties);
    }

    public static LicenceRuleViolation conflict(String type, String title, String detail, Map<String, ?> properties) {
        return new LicenceRuleViolation(Kind.CONFLICT, type, title, detail, properties);
    }
}
