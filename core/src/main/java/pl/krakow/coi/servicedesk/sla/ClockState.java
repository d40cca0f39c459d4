package pl.krakow.coi.servicedesk.sla;

/** Whether a target's clock counts time now. */
public enum ClockState {
    /** Counting business time (nothing accrues outside working hours, but the clock is not paused). */
    RUNNING,
    /** Paused while the ticket waits for the requester. */
    PAUSED,
    /** Stopped for good: the target was met (response, resolution) or the ticket was cancelled. */
    STOPPED
}
