package pl.krakow.coi.servicedesk.notification;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Dates as a mail says them to its recipient: in the city's time zone (Europe/Warsaw), in the recipient's language,
 * e.g. {@code do wtorku, 8 grudnia 2026, 12:00} or {@code by Tuesday, 8 December 2026, 12:00}. Templates reach it
 * as {@code dates}.
 */
final class MailDates {

    static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");

    private static final DateTimeFormatter PL_DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("pl"));
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final boolean polish;

    MailDates(Locale locale) {
        this.polish = !Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** The deadline with its preposition: {@code do wtorku, 8 grudnia 2026, 12:00} / {@code by Tuesday, 8 December 2026, 12:00}. */
    public String dueBy(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime at = instant.atZone(ZONE);
        return polish
                ? "do " + genitive(at.getDayOfWeek()) + ", " + PL_DATE.format(at) + ", " + TIME.format(at)
                : "by " + dateTime(instant);
    }

    /** The day of week, date and time: {@code wtorek, 8 grudnia 2026, 12:00} / {@code Tuesday, 8 December 2026, 12:00}. */
    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime at = instant.atZone(ZONE);
        Locale locale = polish ? Locale.forLanguageTag("pl") : Locale.ENGLISH;
        return at.getDayOfWeek().getDisplayName(TextStyle.FULL, locale) + ", " + date(instant) + ", " + TIME.format(at);
    }

    /** The date alone: {@code 8 grudnia 2026} / {@code 8 December 2026}. */
    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return (polish ? PL_DATE : EN_DATE).format(instant.atZone(ZONE));
    }

    // "do" takes the genitive, which the JDK's Polish day names (nominative) do not give.
    private static String genitive(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> "poniedziałku";
            case TUESDAY -> "wtorku";
            case WEDNESDAY -> "środy";
            case THURSDAY -> "czwartku";
            case FRIDAY -> "piątku";
            case SATURDAY -> "soboty";
            case SUNDAY -> "niedzieli";
        };
    }
}
