package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;

/**
 * Computes a ticket's service levels from its immutable events, a policy, the policy's calendars and
 * an instant: the same arguments always give the same answer, so the state can be recomputed at any
 * time, and events after {@code now} are ignored (the answer "as of" that instant).
 *
 * <p>The rules, as documented in docs/sla.md:
 *
 * <ul>
 *   <li>Both clocks start when the ticket is created and count business time of their calendar.
 *   <li>The response clock stops at the first response ({@link FirstResponseRule}).
 *   <li>The resolution clock runs while the ticket is open, pauses while it waits for the requester,
 *       stops when it is resolved; a reopen resumes it, and the elapsed time accumulates.
 *   <li>Cancelling stops both clocks without a breach.
 *   <li>The targets are those of the ticket's current priority, applied to all the business time
 *       elapsed since creation: raising the priority can make a ticket overdue at once, lowering it
 *       gives it more time.
 *   <li>A running clock is breached from the instant its elapsed time reaches the target; a clock
 *       stopped at or before that instant met its target.
 * </ul>
 */
final class SlaClocks {

    private SlaClocks() {}

    /**
     * @param events the ticket's events in their recorded order, starting with CREATED
     * @param explain whether to list each target's segments
     */
    public static SlaStatus compute(
            List<TicketEvent> events,
            SlaPolicy policy,
            BusinessCalendar responseCalendar,
            BusinessCalendar resolutionCalendar,
            Instant now,
            boolean explain) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        List<Moment> moments = moments(events, now);
        if (moments.isEmpty() || moments.get(0).event().type() != TicketEventType.CREATED) {
            throw new IllegalArgumentException("A ticket's history starts with CREATED at or before " + now);
        }
        Instant created = moments.get(0).at();
        Priority priority = null;
        List<StatusChange> statuses = new ArrayList<>();
        Instant firstResponse = null;
        for (Moment moment : moments) {
            TicketEvent.Change priorityChange = moment.event().changes().get("priority");
            if (priorityChange != null && priorityChange.to() != null) {
                priority = Priority.valueOf(priorityChange.to());
            }
            TicketEvent.Change statusChange = moment.event().changes().get("status");
            if (statusChange != null && statusChange.to() != null) {
                statuses.add(new StatusChange(moment.at(), TicketStatus.valueOf(statusChange.to())));
            }
            if (firstResponse == null && FirstResponseRule.isResponse(moment.event())) {
                firstResponse = moment.at();
            }
        }
        if (priority == null) {
            throw new IllegalArgumentException("The ticket's history records no priority");
        }
        Clock response = clock(created, statuses, firstResponse);
        Clock resolution = clock(created, statuses, null);
        return new SlaStatus(
                policy.code(),
                priority,
                created,
                now,
                target(SlaTarget.RESPONSE, policy, priority, responseCalendar, response, now, explain),
                target(SlaTarget.RESOLUTION, policy, priority, resolutionCalendar, resolution, now, explain));
    }

    private static TargetStatus target(
            SlaTarget kind,
            SlaPolicy policy,
            Priority priority,
            BusinessCalendar calendar,
            Clock clock,
            Instant now,
            boolean explain) {
        if (!calendar.code().equals(policy.calendar(kind))) {
            throw new IllegalArgumentException("Policy " + policy.code() + " counts its " + kind + " target in "
                    + policy.calendar(kind) + ", not in " + calendar.code());
        }
        Duration target = policy.target(kind, priority);
        Duration warning = target.multipliedBy(SlaPolicy.WARNING_PERCENT).dividedBy(100);
        Duration elapsed = Duration.ZERO;
        for (Phase phase : clock.phases()) {
            if (phase.kind() == PhaseKind.RUNNING) {
                elapsed = elapsed.plus(calendar.businessTime(phase.from(), phase.end(now)));
            }
        }
        Instant warningAt = reach(warning, clock, calendar);
        Instant breachAt = reach(target, clock, calendar);
        boolean warningReached = warningAt != null && !warningAt.isAfter(now);
        boolean breached = breachAt != null && !breachAt.isAfter(now);
        Duration remaining = target.minus(elapsed);
        Instant dueAt = breachAt;
        if (dueAt == null && clock.stop() != null) {
            // The deadline that applied when the clock stopped.
            dueAt = calendar.plusBusinessTime(clock.stoppedAt(), remaining);
        }
        ClockState clockState = clock.stop() != null
                ? ClockState.STOPPED
                : clock.openPhase().kind() == PhaseKind.RUNNING ? ClockState.RUNNING : ClockState.PAUSED;
        TargetState state;
        if (breached) {
            state = TargetState.BREACHED;
        } else if (clock.stop() == Stop.CANCELLED) {
            state = TargetState.CANCELLED;
        } else if (clock.stop() == Stop.MET) {
            state = TargetState.MET;
        } else {
            state = clockState == ClockState.RUNNING ? TargetState.RUNNING : TargetState.PAUSED;
        }
        return new TargetStatus(
                kind,
                target,
                calendar.code(),
                state,
                clockState,
                elapsed,
                remaining,
                warningAt,
                dueAt,
                warningReached,
                clock.stoppedAt(),
                explain ? segments(clock, calendar, now) : List.of());
    }

    /**
     * The earliest instant at which the clock's running time reaches {@code amount}: within a past
     * running phase (strictly before its end), or projected from the running phase open now. Null when
     * the clock does not run and never reached it.
     */
    private static Instant reach(Duration amount, Clock clock, BusinessCalendar calendar) {
        Duration counted = Duration.ZERO;
        for (Phase phase : clock.phases()) {
            if (phase.kind() != PhaseKind.RUNNING) {
                continue;
            }
            Instant candidate = calendar.plusBusinessTime(phase.from(), amount.minus(counted));
            if (phase.to() == null || candidate.isBefore(phase.to())) {
                return candidate;
            }
            counted = counted.plus(calendar.businessTime(phase.from(), phase.to()));
        }
        return null;
    }

    private static List<Segment> segments(Clock clock, BusinessCalendar calendar, Instant now) {
        List<Segment> segments = new ArrayList<>();
        for (Phase phase : clock.phases()) {
            Instant end = phase.end(now);
            switch (phase.kind()) {
                case PAUSED ->
                    add(
                            segments,
                            new Segment(
                                    phase.from(), end, Segment.Kind.PAUSED_WAITING_FOR_REQUESTER, null, Duration.ZERO));
                case RESOLVED ->
                    add(segments, new Segment(phase.from(), end, Segment.Kind.RESOLVED, null, Duration.ZERO));
                case RUNNING -> {
                    for (BusinessCalendar.Piece piece : calendar.pieces(phase.from(), end)) {
                        Segment.Kind kind = switch (piece.kind()) {
                            case WORKING_TIME -> Segment.Kind.RUNNING;
                            case OUTSIDE_BUSINESS_HOURS -> Segment.Kind.OUTSIDE_BUSINESS_HOURS;
                            case HOLIDAY -> Segment.Kind.HOLIDAY;
                            case CLOSED_DAY -> Segment.Kind.CLOSED_DAY;
                        };
                        add(
                                segments,
                                new Segment(
                                        piece.from(),
                                        piece.to(),
                                        kind,
                                        piece.detail(),
                                        kind == Segment.Kind.RUNNING ? piece.duration() : Duration.ZERO));
                    }
                }
            }
        }
        return segments;
    }

    private static void add(List<Segment> segments, Segment segment) {
        if (!segment.to().isAfter(segment.from())) {
            return;
        }
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.kind() == segment.kind()
                    && Objects.equals(last.detail(), segment.detail())
                    && last.to().equals(segment.from())) {
                segments.set(
                        segments.size() - 1,
                        new Segment(
                                last.from(),
                                segment.to(),
                                last.kind(),
                                last.detail(),
                                last.counted().plus(segment.counted())));
                return;
            }
        }
        segments.add(segment);
    }

    /**
     * The phases of a clock from creation: running while the ticket is open, paused while it waits for
     * the requester, resolved between a resolution and a reopen. It stops for good at {@code stopAt}
     * (the first response, for the response clock), at the last resolution if the ticket is resolved
     * or closed, or at cancellation.
     */
    private static Clock clock(Instant created, List<StatusChange> statuses, Instant stopAt) {
        List<Phase> phases = new ArrayList<>();
        Instant phaseStart = created;
        PhaseKind current = PhaseKind.RUNNING;
        for (StatusChange change : statuses) {
            if (stopAt != null && !change.at().isBefore(stopAt)) {
                break;
            }
            if (change.status() == TicketStatus.CANCELLED) {
                phases.add(new Phase(phaseStart, change.at(), current));
                return new Clock(phases, Stop.CANCELLED, change.at());
            }
            PhaseKind next = kindOf(change.status());
            if (next != current) {
                phases.add(new Phase(phaseStart, change.at(), current));
                phaseStart = change.at();
                current = next;
            }
        }
        if (stopAt != null) {
            phases.add(new Phase(phaseStart, stopAt, current));
            return new Clock(phases, Stop.MET, stopAt);
        }
        if (current == PhaseKind.RESOLVED) {
            return new Clock(phases, Stop.MET, phaseStart);
        }
        phases.add(new Phase(phaseStart, null, current));
        return new Clock(phases, null, null);
    }

    private static PhaseKind kindOf(TicketStatus status) {
        return switch (status) {
            case NEW, ASSIGNED, IN_PROGRESS -> PhaseKind.RUNNING;
            case WAITING_FOR_REQUESTER -> PhaseKind.PAUSED;
            case RESOLVED, CLOSED -> PhaseKind.RESOLVED;
            case CANCELLED -> throw new IllegalStateException("Cancellation ends the clock");
        };
    }

    /** The events up to {@code now}, with times made non-decreasing (imports may disorder them). */
    private static List<Moment> moments(List<TicketEvent> events, Instant now) {
        List<Moment> moments = new ArrayList<>();
        Instant last = null;
        for (TicketEvent event : events) {
            Instant at = last != null && event.occurredAt().isBefore(last) ? last : event.occurredAt();
            if (at.isAfter(now)) {
                break;
            }
            moments.add(new Moment(at, event));
            last = at;
        }
        return moments;
    }

    private record Moment(Instant at, TicketEvent event) {}

    private record StatusChange(Instant at, TicketStatus status) {}

    private enum PhaseKind {
        RUNNING,
        PAUSED,
        RESOLVED
    }

    private enum Stop {
        MET,
        CANCELLED
    }

    /** {@code [from, to)}; {@code to} is null for the phase the clock is in now. */
    private record Phase(Instant from, Instant to, PhaseKind kind) {

        Instant end(Instant now) {
            return to == null ? now : to;
        }
    }

    private record Clock(List<Phase> phases, Stop stop, Instant stoppedAt) {

        Phase openPhase() {
            return phases.get(phases.size() - 1);
        }
    }
}
