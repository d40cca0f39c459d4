package pl.krakow.coi.servicedesk.licence;

import java.time.Duration;
import java.time.Instant;
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
 * Every night (worker role), recomputes every product's compliance position ({@link Compliance#recomputeAll}),
 * once across replicas: the run holds a ShedLock lock in the {@code shedlock} table, kept at least
 * {@link #LOCK_AT_LEAST_FOR} so that a replica whose clock fires a little later finds it taken. The lock
 * provider is this job's own (not a {@code LockProvider} bean), as reporting's is.
 */
@Component
@ConditionalOnWorkerRole
class NightlyComplianceRecomputation {

    static final String LOCK = "licence-compliance-recomputation";
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(30);
    static final Duration LOCK_AT_LEAST_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(NightlyComplianceRecomputation.class);

    private final Compliance compliance;
    private final LockingTaskExecutor locks;

    NightlyComplianceRecomputation(Compliance compliance, DataSource dataSource) {
        this.compliance = compliance;
        this.locks = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }

    @Scheduled(cron = "${servicedesk.licence.daily-recomputation:0 5 0 * * *}", zone = "Europe/Warsaw")
    void nightly() {
        if (!recomputeOnce()) {
            log.info("Compliance recomputation: another replica runs it tonight");
        }
    }

    /** Recomputes every position unless another replica holds the lock; whether this one did. */
    boolean recomputeOnce() {
        try {
            return locks.executeWithLock(
                            () -> {
                                compliance.recomputeAll();
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
