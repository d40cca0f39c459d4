package pl.krakow.coi.servicedesk.reporting.export;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.reporting.ReportingProperties;

/**
 * Sends the monthly report on the first of the month (worker role), once across replicas: under a
 * ShedLock lock, and only if {@code kpi_report_delivery} has no row for the month.
 */
@Component
@ConditionalOnWorkerRole
class MonthlyReportScheduler {

    static final String LOCK = "kpi-monthly-report";

    private final MonthlyReport report;
    private final LockingTaskExecutor locks;
    private final ReportingProperties properties;

    MonthlyReportScheduler(
            MonthlyReport report,
            @Qualifier("reportingLocks") LockingTaskExecutor locks,
            ReportingProperties properties) {
        this.report = report;
        this.locks = locks;
        this.properties = properties;
    }

    @Scheduled(cron = "${servicedesk.reporting.monthly-report.cron:0 0 6 1 * *}", zone = "Europe/Warsaw")
    void monthly() {
        if (properties.monthlyReport().enabled()) {
            locks.executeWithLock(
                    (Runnable) () -> report.send(report.lastMonth(), false),
                    new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(15), Duration.ofMinutes(1)));
        }
    }
}
