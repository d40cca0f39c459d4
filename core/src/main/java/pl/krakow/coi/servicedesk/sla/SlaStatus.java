package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/**
 * A ticket's service levels at one instant: the policy and priority that apply, and each target's
 * state.
 */
public record SlaStatus(
        String policy,
        Priority priority,
        Instant createdAt,
        Instant at,
        TargetStatus response,
        TargetStatus resolution) {

    public List<TargetStatus> targets() {
        return List.of(response, resolution);
    }

    public TargetStatus of(SlaTarget target) {
        return target == SlaTarget.RESPONSE ? response : resolution;
    }

    /**
     * The alerts reached by clocks that have not stopped: a warning once the warning threshold was
     * crossed, a breach once the target was. A clock that stopped (met, cancelled) raises nothing more;
     * its state still tells whether it was breached.
     */
    public List<SlaAlert> alertsReached() {
        List<SlaAlert> alerts = new ArrayList<>();
        for (TargetStatus target : targets()) {
            if (target.clock() == ClockState.STOPPED) {
                continue;
            }
            if (target.warningReached()) {
                alerts.add(new SlaAlert(target.kind(), AlertLevel.WARNING, target.warningAt()));
            }
            if (target.breached()) {
                alerts.add(new SlaAlert(target.kind(), AlertLevel.BREACH, target.dueAt()));
            }
        }
        return alerts;
    }

    /**
     * When the next alert falls due if nothing happens to the ticket: the earliest threshold ahead of a
     * running clock. Empty when no clock runs towards a threshold (paused, stopped, or breached).
     */
    public Optional<Instant> nextCheck() {
        Instant next = null;
        for (TargetStatus target : targets()) {
            if (target.clock() != ClockState.RUNNING) {
                continue;
            }
            Instant candidate =
                    !target.warningReached() ? target.warningAt() : target.breached() ? null : target.dueAt();
            if (candidate != null && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return Optional.ofNullable(next);
    }
}
