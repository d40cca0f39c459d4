package pl.krakow.coi.servicedesk.sla;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** A calendar or policy definition that the SLA rules refuse (bad input, never a 500). */
class SlaRuleViolation extends ServiceDeskException {

    public SlaRuleViolation(String type, String detail) {
        super(Kind.INVALID_INPUT, type, "Invalid SLA definition", detail, Map.of());
    }
}
