package pl.krakow.coi.servicedesk.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock (UTC), in whole microseconds: what PostgreSQL's {@code timestamptz} keeps, so a time
 * the application answers with as it writes (a new ticket's {@code createdAt}, its SLA due times) reads back the
 * same later. Tests replace it to fix time.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /**
     * A clock truncated to microseconds. Not {@code Clock.tick(clock, 1 µs)}: on Java 17 its {@code millis()}
     * divides by the tick in whole milliseconds, zero for a tick under one (fixed in later JDKs).
     */
    static final class MicrosecondClock extends Clock {

        private final Clock clock;

        MicrosecondClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Instant instant() {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return clock.millis();
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return zone.equals(getZone()) ? this : new MicrosecondClock(clock.withZone(zone));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MicrosecondClock that && clock.equals(that.clock);
        }

        @Override
        public int hashCode() {
            return clock.hashCode() ^ 1_000;
        }

        @Override
        public String toString() {
            return "MicrosecondClock[" + clock + "]";
        }
    }
}
