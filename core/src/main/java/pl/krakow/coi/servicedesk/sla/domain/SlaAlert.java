package pl.krakow.coi.servicedesk.sla.domain;

import java.time.Instant;

/** An alert a ticket has reached: which target, which level, and the instant the threshold was crossed. */
public record SlaAlert(SlaTarget target, AlertLevel level, Instant thresholdAt) {}
