package pl.krakow.coi.servicedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockConfigurationTest {

    final Instant nanos = Instant.parse("2026-11-22T08:00:00.123456789Z");
    final Clock clock = new ClockConfiguration.MicrosecondClock(Clock.fixed(nanos, ZoneOffset.UTC));

    @Test
    void tellsTimeInWholeMicrosecondsAsTimestamptzKeepsIt() {
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T08:00:00.123456Z"));
        assertThat(clock.millis())
                .as("millis() works (Clock.tick by 1 µs divides by zero here on Java 17)")
                .isEqualTo(nanos.toEpochMilli());
    }

    @Test
    void inAnotherZoneItStillTruncates() {
        Clock warsaw = clock.withZone(ZoneId.of("Europe/Warsaw"));
        assertThat(warsaw.getZone()).isEqualTo(ZoneId.of("Europe/Warsaw"));
        assertThat(warsaw.instant()).isEqualTo(Instant.parse("2026-11-22T08:00:00.123456Z"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void theApplicationsClockIsTheSystemsInUtc() {
        Clock application = new ClockConfiguration().clock();
        Instant before = Instant.now().minusMillis(1);
        Instant now = application.instant();
        assertThat(now).isAfter(before).isBefore(Instant.now().plusMillis(1));
        assertThat(now.getNano() % 1_000).isZero();
        assertThat(application.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(application.millis()).isBetween(before.toEpochMilli(), System.currentTimeMillis());
    }
}
