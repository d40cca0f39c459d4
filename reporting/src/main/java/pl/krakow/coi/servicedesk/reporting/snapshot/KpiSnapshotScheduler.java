package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.reporting.ReportingProperties;

/**
 * Every night (worker role), launches the snapshots of yesterday and of any missing day of the last
 * week. Once across replicas: the launch runs under a ShedLock lock, and each day is one job instance,
 * which Spring Batch starts at most once.
 */
@Component
@ConditionalOnWorkerRole
class KpiSnapshotScheduler {

    static final String LOCK = "kpi-snapshot";
    private static final Logger log = LoggerFactory.getLogger(KpiSnapshotScheduler.class);

    private final KpiSnapshotService snapshots;
    private final LockingTaskExecutor locks;
    private final ReportingProperties properties;

    KpiSnapshotScheduler(
            KpiSnapshotService snapshots,
            @Qualifier("reportingLocks") LockingTaskExecutor locks,
            ReportingProperties properties) {
        this.snapshots = snapshots;
        this.locks = locks;
        this.properties = properties;
    }

    @Scheduled(cron = "${servicedesk.reporting.snapshot.cron:0 20 0 * * *}", zone = "Europe/Warsaw")
    void nightly() {
        if (!properties.snapshot().enabled()) {
            return;
        }
        locks.executeWithLock(
                (Runnable) () -> {
                    int started = snapshots
                            .backfill(properties.snapshot().backfillDays())
                            .size();
                    log.info("KPI snapshots: {} day(s) launched", started);
                },
                new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(10), Duration.ofSeconds(30)));
    }
}
