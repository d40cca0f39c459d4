package pl.krakow.coi.servicedesk.sla;

/** Where a ticket stands against one target. */
public enum TargetState {
    /** The clock runs and the target is not yet reached. */
    RUNNING,
    /** The clock is paused (waiting for the requester) and the target is not reached. */
    PAUSED,
    /** Stopped within the target. */
    MET,
    /** The target was reached while the clock ran: overdue, whether the clock still runs or not. */
    BREACHED,
    /** The ticket was cancelled before the target was reached: stopped without a breach. */
    CANCELLED
}
