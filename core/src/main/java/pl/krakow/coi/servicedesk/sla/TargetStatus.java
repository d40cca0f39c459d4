package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ticket against one target at one instant.
 *
 * @param target the duration allowed, in business time of {@code calendar}
 * @param elapsed business time counted so far (until the clock stopped, or until now)
 * @param remaining {@code target - elapsed}; negative when overdue
 * @param warningAt when the warning threshold was or will be crossed; null while paused before it
 * @param dueAt when the target was or will be reached: for a running clock the projected instant, for
 *     a breached one the instant of the breach, for a stopped one the deadline that applied; null
 *     while paused (it depends on when the clock resumes)
 * @param warningReached whether the warning threshold was crossed while the clock ran
 * @param stoppedAt when the clock stopped for good (response, resolution or cancellation), or null
 * @param segments the explanation (empty unless asked for)
 */
public record TargetStatus(
        SlaTarget kind,
        Duration target,
        String calendar,
        TargetState state,
        ClockState clock,
        Duration elapsed,
        Duration remaining,
        Instant warningAt,
        Instant dueAt,
        boolean warningReached,
        Instant stoppedAt,
        List<Segment> segments) {

    public TargetStatus {
        segments = List.copyOf(segments);
    }

    public boolean breached() {
        return state == TargetState.BREACHED;
    }

    /** Elapsed business time as a whole percentage of the target (above 100 when overdue). */
    public long percentUsed() {
        return elapsed.toMillis() * 100 / target.toMillis();
    }
}
