package pl.krakow.coi.servicedesk.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/** What changed between two versions of a calendar or a policy, in words, for the audit trail. */
final class ConfigDiff {

    private ConfigDiff() {}

    static String describe(BusinessCalendar calendar) {
        return "calendar " + calendar.code() + " \"" + calendar.name() + "\": " + calendar.zone() + ", "
                + week(calendar.weeklyHours()) + ", Polish holidays "
                + (calendar.polishHolidays() ? "closed" : "ignored")
                + (calendar.extraDays().isEmpty()
                        ? ""
                        : ", " + calendar.extraDays().size() + " extra days");
    }

    static String describe(SlaPolicy policy) {
        List<String> targets = new ArrayList<>();
        policy.targets().forEach((p, t) -> targets.add(p + " " + t.response() + " / " + t.resolution()));
        return "policy " + policy.code() + " \"" + policy.name() + "\" for " + policy.scope() + ": response in "
                + policy.responseCalendar() + ", resolution in " + policy.resolutionCalendar() + "; "
                + String.join(", ", targets);
    }

    /** The changes from {@code before} to {@code after}; empty when they are the same. */
    static List<String> between(BusinessCalendar before, BusinessCalendar after) {
        List<String> changes = new ArrayList<>();
        change(changes, "name", before.name(), after.name());
        change(changes, "zone", before.zone().getId(), after.zone().getId());
        change(
                changes,
                "Polish holidays",
                before.polishHolidays() ? "closed" : "ignored",
                after.polishHolidays() ? "closed" : "ignored");
        for (DayOfWeek day : DayOfWeek.values()) {
            change(
                    changes,
                    day.name(),
                    hours(before.weeklyHours().get(day)),
                    hours(after.weeklyHours().get(day)));
        }
        Map<LocalDate, BusinessCalendar.ExtraDay> old = new TreeMap<>();
        before.extraDays().forEach(d -> old.put(d.date(), d));
        Map<LocalDate, BusinessCalendar.ExtraDay> now = new TreeMap<>();
        after.extraDays().forEach(d -> now.put(d.date(), d));
        TreeSet<LocalDate> dates = new TreeSet<>(old.keySet());
        dates.addAll(now.keySet());
        for (LocalDate date : dates) {
            BusinessCalendar.ExtraDay was = old.get(date);
            BusinessCalendar.ExtraDay is = now.get(date);
            if (was == null) {
                changes.add("extra day " + date + " " + extraDay(is) + " added");
            } else if (is == null) {
                changes.add("extra day " + date + " " + extraDay(was) + " removed");
            } else if (!was.equals(is)) {
                changes.add("extra day " + date + ": " + extraDay(was) + " → " + extraDay(is));
            }
        }
        return changes;
    }

    static List<String> between(SlaPolicy before, SlaPolicy after) {
        List<String> changes = new ArrayList<>();
        change(changes, "name", before.name(), after.name());
        change(changes, "scope", before.scope().toString(), after.scope().toString());
        change(changes, "response calendar", before.responseCalendar(), after.responseCalendar());
        change(changes, "resolution calendar", before.resolutionCalendar(), after.resolutionCalendar());
        for (Priority priority : Priority.values()) {
            TargetDurations was = before.targets().get(priority);
            TargetDurations is = after.targets().get(priority);
            change(
                    changes,
                    priority + " response",
                    was.response().toString(),
                    is.response().toString());
            change(
                    changes,
                    priority + " resolution",
                    was.resolution().toString(),
                    is.resolution().toString());
        }
        return changes;
    }

    private static void change(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + ": " + before + " → " + after);
        }
    }

    private static String hours(OpeningHours hours) {
        return hours == null ? "closed" : hours.toString();
    }

    private static String extraDay(BusinessCalendar.ExtraDay day) {
        return (day.isOpen() ? "open " + day.hours() : "closed") + (day.note() == null ? "" : " (" + day.note() + ")");
    }

    private static String week(Map<DayOfWeek, OpeningHours> week) {
        List<String> days = new ArrayList<>();
        week.forEach((day, hours) -> days.add(day.name().substring(0, 3) + " " + hours));
        return String.join(", ", days);
    }
}
