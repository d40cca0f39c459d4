package pl.krakow.coi.servicedesk.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock (UTC), ticking in microseconds: what PostgreSQL's {@code timestamptz} keeps, so a
 * time the application answers with as it writes (a new ticket's {@code createdAt}, its SLA due times) reads
 * back the same later. Tests replace it to fix time.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
