package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;

/** An alert a ticket has reached: which target, which level, and the instant the threshold was crossed. */
record SlaAlert(SlaTarget target, AlertLevel level, Instant thresholdAt) {}
