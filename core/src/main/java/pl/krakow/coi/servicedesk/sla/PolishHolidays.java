package pl.krakow.coi.servicedesk.sla;

import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public holidays in Poland (days free from work under the Act of 18 January 1951 as amended), for any
 * Gregorian year: the fixed ones, the moveable ones derived from Easter, Epiphany from 2011 (restored
 * by the amendment of 24 September 2010) and Christmas Eve from 2025 (amendment of 6 December 2024).
 */
final class PolishHolidays {

    /** The first year Christmas Eve is a public holiday. */
    public static final int CHRISTMAS_EVE_SINCE = 2025;
    /** The first year Epiphany is a public holiday again. */
    public static final int EPIPHANY_SINCE = 2011;

    private static final Map<Integer, SortedMap<LocalDate, String>> CACHE = new ConcurrentHashMap<>();

    private PolishHolidays() {}

    /** The holidays of {@code year}, by date, with their Polish names. */
    public static SortedMap<LocalDate, String> of(int year) {
        if (year < 1583) {
            throw new IllegalArgumentException("Only Gregorian years (1583 on) are supported: " + year);
        }
        return CACHE.computeIfAbsent(year, PolishHolidays::compute);
    }

    /** The holiday on {@code date}, if it is one. */
    public static Optional<String> nameOf(LocalDate date) {
        return Optional.ofNullable(of(date.getYear()).get(date));
    }

    /**
     * Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (Meeus/Jones/Butcher),
     * exact for every Gregorian year.
     */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static SortedMap<LocalDate, String> compute(int year) {
        SortedMap<LocalDate, String> days = new TreeMap<>();
        LocalDate easter = easterSunday(year);
        days.put(LocalDate.of(year, Month.JANUARY, 1), "Nowy Rok");
        if (year >= EPIPHANY_SINCE) {
            days.put(LocalDate.of(year, Month.JANUARY, 6), "Święto Trzech Króli");
        }
        days.put(easter, "Wielkanoc");
        days.put(easter.plusDays(1), "Poniedziałek Wielkanocny");
        days.put(LocalDate.of(year, Month.MAY, 1), "Święto Pracy");
        days.put(LocalDate.of(year, Month.MAY, 3), "Święto Narodowe Trzeciego Maja");
        days.put(easter.plusDays(49), "Zielone Świątki");
        days.put(easter.plusDays(60), "Boże Ciało");
        days.put(LocalDate.of(year, Month.AUGUST, 15), "Wniebowzięcie Najświętszej Maryi Panny");
        days.put(LocalDate.of(year, Month.NOVEMBER, 1), "Wszystkich Świętych");
        days.put(LocalDate.of(year, Month.NOVEMBER, 11), "Narodowe Święto Niepodległości");
        if (year >= CHRISTMAS_EVE_SINCE) {
            days.put(LocalDate.of(year, Month.DECEMBER, 24), "Wigilia Bożego Narodzenia");
        }
        days.put(LocalDate.of(year, Month.DECEMBER, 25), "Boże Narodzenie (pierwszy dzień)");
        days.put(LocalDate.of(year, Month.DECEMBER, 26), "Boże Narodzenie (drugi dzień)");
        return Collections.unmodifiableSortedMap(days);
    }
}
