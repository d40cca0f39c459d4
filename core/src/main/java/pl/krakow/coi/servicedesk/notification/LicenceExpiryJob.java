package pl.krakow.coi.servicedesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;

/**
 * Every day (worker role), tells the licence administrators of the licences that crossed an expiry threshold
 * ({@link LicenceExpiryNotices}), on one replica at a time: the run holds a ShedLock lock in the {@code shedlock}
 * table, as the licence module's nightly recomputation does. The lock spares the other replicas the work; that a
 * threshold is noticed once does not depend on it ({@code licence_expiry_notice}'s primary key).
 */
@Component
@ConditionalOnWorkerRole
class LicenceExpiryJob {

    static final String LOCK = "licence-expiry-notices";
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);
    static final Duration LOCK_AT_LEAST_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(LicenceExpiryJob.class);

    private final LicenceExpiryNotices notices;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    LicenceExpiryJob(LicenceExpiryNotices notices, DataSource dataSource, Clock clock) {
        this.notices = notices;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }

    @Scheduled(cron = "${servicedesk.notifications.licence-expiry.cron:0 30 6 * * *}", zone = "Europe/Warsaw")
    void daily() {
        if (!runOnce(LocalDate.now(clock.withZone(LicenceExpiryNotices.CITY_HALL_ZONE)))) {
            log.info("Licence expiry: another replica runs it today");
        }
    }

    /** Runs the check for {@code today} unless another replica holds the lock; whether this one did. */
    boolean runOnce(LocalDate today) {
        try {
            return locks.executeWithLock(
                            () -> {
                                Optional<LicenceExpiryNotices.Batch> ignored = notices.run(today);
                                return true;
                            },
                            new LockConfiguration(Instant.now(), LOCK, LOCK_AT_MOST_FOR, LOCK_AT_LEAST_FOR))
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
