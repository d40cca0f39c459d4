package pl.krakow.coi.servicedesk.sla;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working hours of one day in local time, as minutes since midnight: opens at {@code opensMinute}
 * (inclusive), closes at {@code closesMinute} (exclusive); {@code 1440} ("24:00") is the end of the day.
 */
public record OpeningHours(int opensMinute, int closesMinute) {

    public static final int END_OF_DAY = 24 * 60;
    /** Open all day (a 24×7 calendar). */
    public static final OpeningHours ALL_DAY = new OpeningHours(0, END_OF_DAY);

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");

    public OpeningHours {
        if (opensMinute < 0 || closesMinute > END_OF_DAY || opensMinute >= closesMinute) {
            throw new SlaRuleViolation(
                    "invalid-opening-hours",
                    "Opening hours must open before they close, within 00:00–24:00; got " + format(opensMinute) + "–"
                            + format(closesMinute));
        }
    }

    /** Hours from {@code "07:30"} to {@code "15:30"}; {@code "24:00"} closes at the end of the day. */
    public static OpeningHours of(String opens, String closes) {
        return new OpeningHours(minute(opens), minute(closes));
    }

    /** The length of the day's working time in minutes. */
    public int minutes() {
        return closesMinute - opensMinute;
    }

    public String opens() {
        return format(opensMinute);
    }

    public String closes() {
        return format(closesMinute);
    }

    @Override
    public String toString() {
        return opens() + "–" + closes();
    }

    static int minute(String time) {
        Matcher matcher = time == null ? null : TIME.matcher(time.strip());
        if (matcher == null || !matcher.matches()) {
            throw new SlaRuleViolation(
                    "invalid-time", "A time must look like 07:30 (24:00 for the end of the day): " + time);
        }
        int minute = Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
        if (minute > END_OF_DAY) {
            throw new SlaRuleViolation("invalid-time", "A time must be at most 24:00: " + time);
        }
        return minute;
    }

    static String format(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
