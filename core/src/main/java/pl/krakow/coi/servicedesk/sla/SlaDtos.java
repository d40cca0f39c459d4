package pl.krakow.coi.servicedesk.sla;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/**
 * Requests and responses of the SLA API. Durations are ISO-8601 ({@code PT30M}, {@code PT4H}; negative
 * remaining time when overdue), times of day {@code HH:mm} ({@code 24:00} closes at midnight), instants
 * UTC ISO-8601.
 */
final class SlaDtos {

    private SlaDtos() {}

    // ---- a ticket's service levels

    record TicketSlaView(
            long ticketId,
            String number,
            String policy,
            String policyName,
            String policyScope,
            long configRevision,
            Priority priority,
            Instant computedAt,
            List<TargetView> targets) {

        static TicketSlaView of(TicketSla sla, boolean explain) {
            List<TargetView> targets = new ArrayList<>();
            for (TargetStatus target : sla.status().targets()) {
                targets.add(TargetView.of(target, sla.alerts(), explain));
            }
            return new TicketSlaView(
                    sla.ticketId(),
                    sla.number(),
                    sla.policy().code(),
                    sla.policy().name(),
                    sla.policy().scope().toString(),
                    sla.configRevision(),
                    sla.status().priority(),
                    sla.status().at(),
                    targets);
        }
    }

    /**
     * @param duration the target, in business time of {@code calendar}
     * @param segments the explanation; only with {@code explain=true}
     */
    record TargetView(
            SlaTarget target,
            String duration,
            String calendar,
            TargetState state,
            ClockState clock,
            String elapsed,
            String remaining,
            long percentUsed,
            Instant warningAt,
            Instant dueAt,
            Instant stoppedAt,
            List<AlertView> alerts,
            List<SegmentView> segments) {

        static TargetView of(TargetStatus status, List<RaisedAlert> raised, boolean explain) {
            return new TargetView(
                    status.kind(),
                    status.target().toString(),
                    status.calendar(),
                    status.state(),
                    status.clock(),
                    status.elapsed().toString(),
                    status.remaining().toString(),
                    status.percentUsed(),
                    status.warningAt(),
                    status.dueAt(),
                    status.stoppedAt(),
                    raised.stream()
                            .filter(a -> a.target() == status.kind())
                            .map(a -> new AlertView(a.level(), a.thresholdAt(), a.raisedAt()))
                            .toList(),
                    explain ? status.segments().stream().map(SegmentView::of).toList() : null);
        }
    }

    record AlertView(AlertLevel level, Instant thresholdAt, Instant raisedAt) {}

    /** @param counted business time the segment counted towards the target */
    record SegmentView(Instant from, Instant to, Segment.Kind kind, String detail, String duration, String counted) {

        static SegmentView of(Segment segment) {
            return new SegmentView(
                    segment.from(),
                    segment.to(),
                    segment.kind(),
                    segment.detail(),
                    segment.duration().toString(),
                    segment.counted().toString());
        }
    }

    // ---- calendars

    record HoursView(String opens, String closes) {

        static HoursView of(OpeningHours hours) {
            return hours == null ? null : new HoursView(hours.opens(), hours.closes());
        }

        OpeningHours toHours() {
            return OpeningHours.of(opens, closes);
        }
    }

    /** @param open false: closed that day; true: open from {@code opens} to {@code closes} */
    record ExtraDayView(
            @NotNull LocalDate date,
            boolean open,
            String opens,
            String closes,
            @Size(max = 200) String note) {

        static ExtraDayView of(BusinessCalendar.ExtraDay day) {
            return new ExtraDayView(
                    day.date(),
                    day.isOpen(),
                    day.isOpen() ? day.hours().opens() : null,
                    day.isOpen() ? day.hours().closes() : null,
                    day.note());
        }

        BusinessCalendar.ExtraDay toDay() {
            return open
                    ? BusinessCalendar.ExtraDay.open(date, OpeningHours.of(opens, closes), note)
                    : BusinessCalendar.ExtraDay.closed(date, note);
        }
    }

    /**
     * @param zone IANA time zone; Europe/Warsaw when absent
     * @param hours working hours per weekday ({@code MONDAY} … {@code SUNDAY}); a weekday absent is closed
     * @param polishHolidays whether Polish public holidays are closed (default true)
     */
    record CalendarRequest(
            @NotBlank @Size(max = 40) String code,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 60) String zone,
            Boolean polishHolidays,
            @NotNull Map<DayOfWeek, @Valid HoursView> hours,
            @Size(max = 2000) List<@Valid ExtraDayView> extraDays) {

        BusinessCalendar toCalendar() {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone == null || zone.isBlank() ? "Europe/Warsaw" : zone.strip());
            } catch (DateTimeException e) {
                throw ServiceDeskException.invalid("invalid-zone", "Unknown time zone " + zone);
            }
            Map<DayOfWeek, OpeningHours> week = new EnumMap<>(DayOfWeek.class);
            hours.forEach((day, h) -> {
                if (h == null) {
                    return;
                }
                week.put(day, h.toHours());
            });
            return new BusinessCalendar(
                    code,
                    name,
                    zoneId,
                    week,
                    polishHolidays == null || polishHolidays,
                    extraDays == null
                            ? List.of()
                            : extraDays.stream().map(ExtraDayView::toDay).toList());
        }
    }

    record CalendarView(
            String code,
            String name,
            String zone,
            boolean polishHolidays,
            Map<DayOfWeek, HoursView> hours,
            List<ExtraDayView> extraDays,
            Long revision,
            String changedBy,
            Instant changedAt) {

        static CalendarView of(BusinessCalendar calendar, Long revision, String changedBy, Instant changedAt) {
            Map<DayOfWeek, HoursView> hours = new EnumMap<>(DayOfWeek.class);
            calendar.weeklyHours().forEach((day, h) -> hours.put(day, HoursView.of(h)));
            return new CalendarView(
                    calendar.code(),
                    calendar.name(),
                    calendar.zone().getId(),
                    calendar.polishHolidays(),
                    hours,
                    calendar.extraDays().stream().map(ExtraDayView::of).toList(),
                    revision,
                    changedBy,
                    changedAt);
        }

        static CalendarView of(Versioned<BusinessCalendar> versioned) {
            return of(versioned.value(), versioned.revision(), versioned.changedBy(), versioned.changedAt());
        }
    }

    /** @param closure why the day is closed: NOT_A_WORKING_DAY, HOLIDAY, EXTRA_CLOSED_DAY (NONE when open) */
    record DayView(
            LocalDate date,
            DayOfWeek dayOfWeek,
            boolean open,
            String opens,
            String closes,
            BusinessCalendar.Closure closure,
            String detail) {

        static DayView of(BusinessCalendar.Day day) {
            return new DayView(
                    day.date(),
                    day.date().getDayOfWeek(),
                    day.isOpen(),
                    day.isOpen() ? day.hours().opens() : null,
                    day.isOpen() ? day.hours().closes() : null,
                    day.closure(),
                    day.detail());
        }
    }

    record HolidayView(LocalDate date, DayOfWeek dayOfWeek, String name) {}

    // ---- policies

    /** @param response, resolution ISO-8601 durations of business time, whole minutes */
    record TargetsView(@NotBlank String response, @NotBlank String resolution) {

        static TargetsView of(TargetDurations targets) {
            return new TargetsView(
                    targets.response().toString(), targets.resolution().toString());
        }

        TargetDurations toTargets() {
            return TargetDurations.of(duration(response), duration(resolution));
        }

        private static Duration duration(String text) {
            try {
                return Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw ServiceDeskException.invalid(
                        "invalid-duration", "A target is an ISO-8601 duration such as PT30M or PT4H; got " + text);
            }
        }
    }

    /**
     * @param categoryCode scope: tickets of this service category (null: any)
     * @param customerUnit scope: tickets filed by this customer unit or a unit below it (null: any)
     * @param targets response and resolution targets of P1, P2, P3 and P4
     */
    record PolicyRequest(
            @NotBlank @Size(max = 40) String code,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 40) String categoryCode,
            @Size(max = 20) String customerUnit,
            @NotBlank @Size(max = 40) String responseCalendar,
            @NotBlank @Size(max = 40) String resolutionCalendar,
            @NotNull Map<Priority, @Valid @NotNull TargetsView> targets) {

        SlaPolicy toPolicy() {
            Map<Priority, TargetDurations> durations = new EnumMap<>(Priority.class);
            targets.forEach((priority, t) -> durations.put(priority, t.toTargets()));
            return new SlaPolicy(
                    code,
                    name,
                    new SlaPolicy.Scope(categoryCode, customerUnit),
                    responseCalendar,
                    resolutionCalendar,
                    durations);
        }
    }

    record PolicyView(
            String code,
            String name,
            String categoryCode,
            String customerUnit,
            String scope,
            String responseCalendar,
            String resolutionCalendar,
            Map<Priority, TargetsView> targets,
            Long revision,
            String changedBy,
            Instant changedAt) {

        static PolicyView of(SlaPolicy policy, Long revision, String changedBy, Instant changedAt) {
            Map<Priority, TargetsView> targets = new LinkedHashMap<>();
            policy.targets().forEach((p, t) -> targets.put(p, TargetsView.of(t)));
            return new PolicyView(
                    policy.code(),
                    policy.name(),
                    policy.scope().categoryCode(),
                    policy.scope().customerUnit(),
                    policy.scope().toString(),
                    policy.responseCalendar(),
                    policy.resolutionCalendar(),
                    targets,
                    revision,
                    changedBy,
                    changedAt);
        }

        static PolicyView of(Versioned<SlaPolicy> versioned) {
            return of(versioned.value(), versioned.revision(), versioned.changedBy(), versioned.changedAt());
        }
    }

    // ---- revisions and recomputations

    record ConfigurationView(long revision, List<CalendarView> calendars, List<PolicyView> policies) {

        static ConfigurationView of(SlaRuleSet rules) {
            return new ConfigurationView(
                    rules.revision(),
                    rules.calendars().values().stream()
                            .sorted(java.util.Comparator.comparing(BusinessCalendar::code))
                            .map(c -> CalendarView.of(c, null, null, null))
                            .toList(),
                    rules.policies().stream()
                            .sorted(java.util.Comparator.comparing(SlaPolicy::code))
                            .map(p -> PolicyView.of(p, null, null, null))
                            .toList());
        }
    }

    record RecomputationRequest(
            @NotBlank @Size(min = 10, max = 2000) String reason, boolean dryRun) {}
}
