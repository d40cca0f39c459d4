package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;
import pl.krakow.coi.servicedesk.sla.domain.AlertLevel;
import pl.krakow.coi.servicedesk.sla.domain.SlaTarget;

/**
 * An alert the SLA timers raised for a ticket: when its threshold was crossed, when it was raised and
 * by which worker (replica).
 */
public record RaisedAlert(SlaTarget target, AlertLevel level, Instant thresholdAt, Instant raisedAt, String raisedBy) {}
