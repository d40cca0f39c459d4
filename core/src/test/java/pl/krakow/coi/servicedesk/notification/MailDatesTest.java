package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Due times as a mail says them: Warsaw time, the recipient's language, Polish cases right. */
class MailDatesTest {

    static final List<String> PL_GENITIVE_DAYS =
            List.of("poniedziałku", "wtorku", "środy", "czwartku", "piątku", "soboty", "niedzieli");
    static final List<String> PL_GENITIVE_MONTHS = List.of(
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia");
    static final Pattern PL_DUE = Pattern.compile("do (\\p{L}+), (\\d{1,2}) (\\p{L}+) (\\d{4}), (\\d{2}):(\\d{2})");

    @Test
    void the_examples_of_the_issue() {
        Instant due = Instant.parse("2026-12-08T11:00:00Z");

        assertThat(new MailDates(Locale.forLanguageTag("pl")).dueBy(due)).isEqualTo("do wtorku, 8 grudnia 2026, 12:00");
        assertThat(new MailDates(Locale.ENGLISH).dueBy(due)).isEqualTo("by Tuesday, 8 December 2026, 12:00");
        assertThat(new MailDates(Locale.forLanguageTag("pl")).dateTime(due)).isEqualTo("wtorek, 8 grudnia 2026, 12:00");
        // Summer time: UTC+2.
        assertThat(new MailDates(Locale.forLanguageTag("pl")).dueBy(Instant.parse("2026-06-30T22:30:00Z")))
                .isEqualTo("do środy, 1 lipca 2026, 00:30");
    }

    @Test
    void any_polish_due_time_is_the_warsaw_day_and_time_in_the_genitive() {
        MailDates polish = new MailDates(Locale.forLanguageTag("pl"));
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
        qt().forAll(longs().between(from, to)).checkAssert(seconds -> {
            Instant instant = Instant.ofEpochSecond(seconds);
            ZonedDateTime warsaw = instant.atZone(MailDates.ZONE);
            Matcher said = PL_DUE.matcher(polish.dueBy(instant));

            assertThat(said.matches()).as(polish.dueBy(instant)).isTrue();
            assertThat(said.group(1))
                    .isEqualTo(PL_GENITIVE_DAYS.get(warsaw.getDayOfWeek().getValue() - 1));
            assertThat(Integer.parseInt(said.group(2))).isEqualTo(warsaw.getDayOfMonth());
            assertThat(said.group(3)).isEqualTo(PL_GENITIVE_MONTHS.get(warsaw.getMonthValue() - 1));
            assertThat(Integer.parseInt(said.group(4))).isEqualTo(warsaw.getYear());
            assertThat(Integer.parseInt(said.group(5))).isEqualTo(warsaw.getHour());
            assertThat(Integer.parseInt(said.group(6))).isEqualTo(warsaw.getMinute());
        });
    }
}
