package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The remote-hands KPIs of a period (docs/kpis.md, "Remote hands"): tasks requested, completed and
 * cancelled in it, open and overdue at its end, the share completed by their due time, and the time to
 * complete in business and calendar minutes.
 *
 * @param asOf the end of the period, or the moment of the report if the period has not ended
 * @param calendar the calendar of the business minutes (the target's)
 * @param targetMinutes the target in business minutes new tasks are given now
 * @param open tasks requested before {@code asOf} and neither completed nor cancelled before it
 * @param openOverdue of {@code open}, those due before {@code asOf}
 * @param onTime tasks completed in the period by their due time, of those completed in the period that have
 *     one
 * @param timeToComplete from the request to the completion, of the tasks completed in the period
 */
record RemoteHandsFigures(
        LocalDate from,
        LocalDate to,
        Instant asOf,
        String calendar,
        long targetMinutes,
        long requested,
        long completed,
        long cancelled,
        long open,
        long openOverdue,
        KpiReport.Rate onTime,
        KpiReport.Durations timeToComplete) {

    /** A task as the figures need it: its request, due, completion and cancellation times. */
    public record Task(Instant requestedAt, Instant dueAt, Instant completedAt, Instant cancelledAt) {}

    /**
     * The figures of {@code [start, end)} over {@code tasks} (those not touching the period may be among
     * them).
     *
     * @param businessTime the business time between two instants in the target's calendar
     */
    public static RemoteHandsFigures of(
            LocalDate from,
            LocalDate to,
            Instant start,
            Instant end,
            Instant now,
            String calendar,
            Duration target,
            List<Task> tasks,
            BiFunction<Instant, Instant, Duration> businessTime) {
        Instant asOf = now.isBefore(end) ? now : end;
        long requested = 0;
        long completed = 0;
        long cancelled = 0;
        long open = 0;
        long overdue = 0;
        long judged = 0;
        long onTime = 0;
        List<Long> business = new ArrayList<>();
        List<Long> calendarMinutes = new ArrayList<>();
        for (Task task : tasks) {
            if (within(task.requestedAt(), start, end)) {
                requested++;
            }
            if (within(task.cancelledAt(), start, end)) {
                cancelled++;
            }
            if (within(task.completedAt(), start, end)) {
                completed++;
                if (task.dueAt() != null) {
                    judged++;
                    if (!task.completedAt().isAfter(task.dueAt())) {
                        onTime++;
                    }
                }
                business.add(businessTime
                        .apply(task.requestedAt(), task.completedAt())
                        .toMinutes());
                calendarMinutes.add(
                        Duration.between(task.requestedAt(), task.completedAt()).toMinutes());
            }
            if (task.requestedAt().isBefore(asOf)
                    && !before(task.completedAt(), asOf)
                    && !before(task.cancelledAt(), asOf)) {
                open++;
                if (task.dueAt() != null && task.dueAt().isBefore(asOf)) {
                    overdue++;
                }
            }
        }
        Collections.sort(business);
        Collections.sort(calendarMinutes);
        return new RemoteHandsFigures(
                from,
                to,
                asOf,
                calendar,
                target.toMinutes(),
                requested,
                completed,
                cancelled,
                open,
                overdue,
                KpiReport.Rate.of(onTime, judged),
                new KpiReport.Durations(Percentiles.stats(business), Percentiles.stats(calendarMinutes)));
    }

    private static boolean within(Instant at, Instant start, Instant end) {
        return at != null && !at.isBefore(start) && at.isBefore(end);
    }

    private static boolean before(Instant at, Instant limit) {
        return at != null && at.isBefore(limit);
    }
}
