package pl.krakow.coi.servicedesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * When the clock of a service level runs: working hours per weekday in a time zone, Polish public
 * holidays (optional) and extra closed or open days. Business time is the time inside working hours.
 *
 * <p>What a day is follows one order: an extra day of the calendar (closed, or open with its own
 * hours) wins over a public holiday, which wins over the weekly hours.
 */
public final class BusinessCalendar {

    /** How far ahead a calendar is searched for working time before it is considered never open. */
    static final int MAX_DAYS = 366 * 20;

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");

    private final String code;
    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, OpeningHours> weeklyHours;
    private final boolean polishHolidays;
    private final SortedMap<LocalDate, ExtraDay> extraDays;

    /**
     * @param weeklyHours the hours of each working weekday; a weekday absent is closed
     * @param polishHolidays whether Polish public holidays are closed
     * @param extraDays days that differ from the rule: closed (e.g. a day off for a holiday falling on
     *     Saturday) or open with their own hours
     */
    public BusinessCalendar(
            String code,
            String name,
            ZoneId zone,
            Map<DayOfWeek, OpeningHours> weeklyHours,
            boolean polishHolidays,
            List<ExtraDay> extraDays) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new SlaRuleViolation(
                    "invalid-code", "A calendar code has 2 to 40 capital letters, digits or dashes: " + code);
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new SlaRuleViolation("invalid-name", "A calendar needs a name of at most 200 characters");
        }
        this.code = code;
        this.name = name.strip();
        this.zone = Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
        hours.putAll(weeklyHours);
        if (hours.isEmpty()) {
            throw new SlaRuleViolation("calendar-never-open", "A calendar must be open on at least one weekday");
        }
        this.weeklyHours = Collections.unmodifiableMap(hours);
        this.polishHolidays = polishHolidays;
        SortedMap<LocalDate, ExtraDay> days = new TreeMap<>();
        for (ExtraDay day : extraDays) {
            if (days.put(day.date(), day) != null) {
                throw new SlaRuleViolation("duplicate-extra-day", "The day " + day.date() + " is listed twice");
            }
        }
        this.extraDays = Collections.unmodifiableSortedMap(days);
    }

    /** Monday to Friday, {@code opens}–{@code closes}, with Polish public holidays closed. */
    public static BusinessCalendar officeHours(String code, String name, ZoneId zone, OpeningHours hours) {
        Map<DayOfWeek, OpeningHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, hours);
            }
        }
        return new BusinessCalendar(code, name, zone, week, true, List.of());
    }

    /** Every day, all day: no business-hours pauses and no holidays. */
    public static BusinessCalendar allDayEveryDay(String code, String name, ZoneId zone) {
        Map<DayOfWeek, OpeningHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, OpeningHours.ALL_DAY);
        }
        return new BusinessCalendar(code, name, zone, week, false, List.of());
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, OpeningHours> weeklyHours() {
        return weeklyHours;
    }

    public boolean polishHolidays() {
        return polishHolidays;
    }

    public List<ExtraDay> extraDays() {
        return List.copyOf(extraDays.values());
    }

    /** What {@code date} is in this calendar: its working hours, or why it is closed. */
    public Day day(LocalDate date) {
        ExtraDay extra = extraDays.get(date);
        if (extra != null) {
            return extra.hours() == null
                    ? new Day(date, null, Closure.EXTRA_CLOSED_DAY, extra.note())
                    : new Day(date, extra.hours(), Closure.NONE, extra.note());
        }
        if (polishHolidays) {
            Optional<String> holiday = PolishHolidays.nameOf(date);
            if (holiday.isPresent()) {
                return new Day(date, null, Closure.HOLIDAY, holiday.get());
            }
        }
        OpeningHours hours = weeklyHours.get(date.getDayOfWeek());
        return hours == null
                ? new Day(date, null, Closure.NOT_A_WORKING_DAY, null)
                : new Day(date, hours, Closure.NONE, null);
    }

    /** Whether {@code at} is inside working hours. */
    public boolean isOpenAt(Instant at) {
        return businessTime(at, at.plusNanos(1)).compareTo(Duration.ZERO) > 0;
    }

    /** The working time between two instants ({@code Duration.ZERO} if {@code to} is not after {@code from}). */
    public Duration businessTime(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            Day day = day(date);
            if (day.isOpen()) {
                Instant start = max(from, at(date, day.hours().opensMinute()));
                Instant end = min(to, at(date, day.hours().closesMinute()));
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The earliest instant at which {@code amount} of working time has passed since {@code from}. A
     * zero amount gives {@code from} itself; an amount ending exactly at closing time gives the closing
     * time, not the next opening.
     */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Negative business time: " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        Duration left = amount;
        LocalDate date = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            Day day = day(date);
            if (!day.isOpen()) {
                continue;
            }
            Instant start = max(from, at(date, day.hours().opensMinute()));
            Instant end = at(date, day.hours().closesMinute());
            if (!end.isAfter(start)) {
                continue;
            }
            Duration available = Duration.between(start, end);
            if (left.compareTo(available) <= 0) {
                return start.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException(
                "Calendar " + code + " has no working time within " + MAX_DAYS + " days of " + from);
    }

    /**
     * The interval {@code [from, to)} cut into consecutive pieces of working time, time outside working
     * hours, holidays and extra closed days; neighbouring pieces of the same kind are merged.
     */
    public List<Piece> pieces(Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        if (!to.isAfter(from)) {
            return pieces;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            Day day = day(date);
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            switch (day.closure()) {
                case HOLIDAY -> add(pieces, dayStart, dayEnd, from, to, PieceKind.HOLIDAY, day.detail());
                case EXTRA_CLOSED_DAY -> add(pieces, dayStart, dayEnd, from, to, PieceKind.CLOSED_DAY, day.detail());
                case NOT_A_WORKING_DAY ->
                    add(pieces, dayStart, dayEnd, from, to, PieceKind.OUTSIDE_BUSINESS_HOURS, null);
                case NONE -> {
                    Instant opens = at(date, day.hours().opensMinute());
                    Instant closes = at(date, day.hours().closesMinute());
                    add(pieces, dayStart, opens, from, to, PieceKind.OUTSIDE_BUSINESS_HOURS, null);
                    add(pieces, opens, closes, from, to, PieceKind.WORKING_TIME, null);
                    add(pieces, closes, dayEnd, from, to, PieceKind.OUTSIDE_BUSINESS_HOURS, null);
                }
            }
        }
        return pieces;
    }

    /** The days from {@code from} to {@code to} inclusive. */
    public List<Day> days(LocalDate from, LocalDate to) {
        List<Day> days = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            days.add(day(date));
        }
        return days;
    }

    private static void add(
            List<Piece> pieces, Instant start, Instant end, Instant from, Instant to, PieceKind kind, String detail) {
        Instant s = max(start, from);
        Instant e = min(end, to);
        if (!e.isAfter(s)) {
            return;
        }
        if (!pieces.isEmpty()) {
            Piece previous = pieces.get(pieces.size() - 1);
            if (previous.kind() == kind
                    && Objects.equals(previous.detail(), detail)
                    && previous.to().equals(s)) {
                pieces.set(pieces.size() - 1, new Piece(previous.from(), e, kind, detail));
                return;
            }
        }
        pieces.add(new Piece(s, e, kind, detail));
    }

    private Instant at(LocalDate date, int minute) {
        if (minute == OpeningHours.END_OF_DAY) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone)
                .toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessCalendar c
                && c.code.equals(code)
                && c.name.equals(name)
                && c.zone.equals(zone)
                && c.weeklyHours.equals(weeklyHours)
                && c.polishHolidays == polishHolidays
                && c.extraDays.equals(extraDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, name, zone, weeklyHours, polishHolidays, extraDays);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + code + ", " + zone + ", " + weeklyHours + ", holidays=" + polishHolidays
                + ", extraDays=" + extraDays.values() + "]";
    }

    /**
     * A day that differs from the calendar's rule.
     *
     * @param hours the day's working hours; null when the day is closed
     * @param note why (shown in explanations), e.g. "day off for 15 August falling on Saturday"
     */
    public record ExtraDay(LocalDate date, OpeningHours hours, String note) {

        public ExtraDay {
            Objects.requireNonNull(date, "date");
            if (note != null && note.length() > 200) {
                throw new SlaRuleViolation("invalid-note", "A note has at most 200 characters");
            }
        }

        public static ExtraDay closed(LocalDate date, String note) {
            return new ExtraDay(date, null, note);
        }

        public static ExtraDay open(LocalDate date, OpeningHours hours, String note) {
            return new ExtraDay(date, Objects.requireNonNull(hours, "hours"), note);
        }

        public boolean isOpen() {
            return hours != null;
        }
    }

    /** Why a day has no working time. */
    public enum Closure {
        /** Open (it has working hours). */
        NONE,
        /** A weekday without working hours (a weekend). */
        NOT_A_WORKING_DAY,
        /** A Polish public holiday. */
        HOLIDAY,
        /** Closed by the calendar's own list of days. */
        EXTRA_CLOSED_DAY
    }

    /**
     * One date of the calendar.
     *
     * @param hours working hours; null when closed
     * @param detail the holiday's name or the extra day's note
     */
    public record Day(LocalDate date, OpeningHours hours, Closure closure, String detail) {

        public boolean isOpen() {
            return hours != null;
        }
    }

    /** What a piece of time is in the calendar. */
    public enum PieceKind {
        WORKING_TIME,
        OUTSIDE_BUSINESS_HOURS,
        HOLIDAY,
        CLOSED_DAY
    }

    /** A stretch of time of one kind, {@code [from, to)}. */
    public record Piece(Instant from, Instant to, PieceKind kind, String detail) {

        public Duration duration() {
            return Duration.between(from, to);
        }
    }
}
