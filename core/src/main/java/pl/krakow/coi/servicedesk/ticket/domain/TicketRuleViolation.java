package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** A ticket operation that the lifecycle rules refuse. */
class TicketRuleViolation extends ServiceDeskException {

    TicketRuleViolation(Kind kind, String type, String title, String detail, Map<String, ?> properties) {
        super(kind, type, title, detail, properties);
    }

    static TicketRuleViolation rule(String type, String detail) {
        return new TicketRuleViolation(Kind.RULE_VIOLATION, type, "Not allowed by the ticket rules", detail, Map.of());
    }

    static TicketRuleViolation rule(String type, String detail, Map<String, ?> properties) {
        return new TicketRuleViolation(
                Kind.RULE_VIOLATION, type, "Not allowed by the ticket rules", detail, properties);
    }

    static TicketRuleViolation invalidInput(String type, String detail) {
        return new TicketRuleViolation(Kind.INVALID_INPUT, type, "Invalid input", detail, Map.of());
    }

    static TicketRuleViolation wrongStatus(String action, TicketStatus status) {
        return new TicketRuleViolation(
                Kind.CONFLICT,
                "invalid-status-transition",
                "Not possible in this status",
                "Cannot " + action + " a ticket that is " + status,
                Map.of("status", status.name()));
    }
}
