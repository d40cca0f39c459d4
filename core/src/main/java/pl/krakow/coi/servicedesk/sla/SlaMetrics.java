package pl.krakow.coi.servicedesk.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * SLA metrics: warnings and breaches raised (by target, priority and policy; counted after commit, so
 * a rolled-back check counts nothing), checks and failed checks, the duration of a timer run, and the
 * checks due (the backlog, as seen at the end of this replica's last run).
 */
@Component
class SlaMetrics {

    private final MeterRegistry registry;
    private final Counter checks;
    private final Counter failures;
    private final Timer runs;
    private final AtomicLong due = new AtomicLong();

    SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.checks = Counter.builder("servicedesk.sla.checks")
                .description("Tickets checked by the SLA timers")
                .register(registry);
        this.failures = Counter.builder("servicedesk.sla.check.failures")
                .description("Ticket checks that failed and were postponed")
                .register(registry);
        this.runs = Timer.builder("servicedesk.sla.timer.runs")
                .description("Runs of the SLA timers")
                .register(registry);
        Gauge.builder("servicedesk.sla.checks.due", due, AtomicLong::get)
                .description("Ticket checks due but not yet done")
                .register(registry);
    }

    /** Counts an alert once the transaction that raised it commits. */
    void raisedAfterCommit(SlaAlert alert, String priority, String policy) {
        Counter counter = Counter.builder(
                        alert.level() == AlertLevel.WARNING ? "servicedesk.sla.warnings" : "servicedesk.sla.breaches")
                .description(alert.level() == AlertLevel.WARNING ? "SLA warnings raised" : "SLA breaches raised")
                .tags("target", alert.target().name(), "priority", priority, "policy", policy)
                .register(registry);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    void checked() {
        checks.increment();
    }

    void failed() {
        failures.increment();
    }

    void run(Duration duration, long dueAfter) {
        runs.record(duration);
        due.set(dueAfter);
    }
}
