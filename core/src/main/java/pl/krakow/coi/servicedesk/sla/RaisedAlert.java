package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;

/**
 * An alert the SLA timers raised for a ticket: when its threshold was crossed, when it was raised and
 * by which worker (replica).
 */
record RaisedAlert(SlaTarget target, AlertLevel level, Instant thresholdAt, Instant raisedAt, String raisedBy) {}
