package pl.krakow.coi.servicedesk.ingest.batch;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.ingest.IngestProperties;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;

/**
 * The queue consumer of a worker instance (ADR 0050). Three duties, each safe with several replicas:
 *
 * <ol>
 *   <li>Poll: claims queued runs ({@code FOR UPDATE SKIP LOCKED}) up to {@code worker.concurrency} at a
 *       time and starts their job, or restarts its last execution from the last committed chunk.
 *   <li>Heartbeat: confirms every {@code worker.heartbeat-interval} that its runs are alive (each committed
 *       chunk does too).
 *   <li>Reap: a run whose heartbeat is older than {@code worker.stale-after} lost its worker; its job
 *       execution is marked failed and the run queued again, for any worker to restart.
 * </ol>
 */
@Component
@ConditionalOnWorkerRole
class IngestWorker {

    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);

    private final IngestRuns runs;
    private final LocalRuns local;
    private final ImportJobs jobs;
    private final JobOperator operator;
    private final JobRepository repository;
    private final TransactionTemplate transaction;
    private final IngestProperties.Worker properties;
    private final Clock clock;
    private final String id;

    IngestWorker(
            IngestRuns runs,
            LocalRuns local,
            ImportJobs jobs,
            JobOperator operator,
            JobRepository repository,
            TransactionTemplate transaction,
            IngestProperties properties,
            Clock clock) {
        this.runs = runs;
        this.local = local;
        this.jobs = jobs;
        this.operator = operator;
        this.repository = repository;
        this.transaction = transaction;
        this.properties = properties.worker();
        this.clock = clock;
        this.id = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This worker's name, as recorded on the runs it claims. */
    String id() {
        return id;
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.ingest.worker.poll-interval:1s}",
            initialDelayString = "${servicedesk.ingest.worker.poll-interval:1s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        while (local.count() < properties.concurrency()) {
            Optional<IngestRuns.Run> claimed = runs.claim(id, clock.instant());
            if (claimed.isEmpty()) {
                return;
            }
            launch(claimed.get());
        }
    }

    private void launch(IngestRuns.Run run) {
        local.started(run.id(), run.attempt());
        try {
            JobExecution execution;
            if (run.restart() && run.jobExecutionId() != null) {
                JobExecution last = repository.getJobExecution(run.jobExecutionId());
                log.info("Restarting run {} (attempt {}) from job execution {}", run.id(), run.attempt(), last.getId());
                execution = operator.restart(last);
            } else {
                log.info("Starting run {} of {} (attempt {})", run.id(), run.job(), run.attempt());
                execution = operator.start(
                        jobs.require(run.job()).job(),
                        new JobParametersBuilder()
                                .addLong(ImportJob.RUN, run.id())
                                .toJobParameters());
            }
            runs.attach(run.id(), run.attempt(), execution.getJobInstanceId(), execution.getId());
            // A stop asked for at any point from now on reaches the job through the run's row (RunFence).
        } catch (Exception e) {
            log.warn("Run {} could not be launched: {}", run.id(), e.toString());
            local.ended(run.id());
            runs.finish(
                    run.id(),
                    run.attempt(),
                    IngestRuns.Status.FAILED,
                    "Cannot launch: " + e.getMessage(),
                    clock.instant());
        }
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.ingest.worker.heartbeat-interval:5s}",
            initialDelayString = "${servicedesk.ingest.worker.heartbeat-interval:5s}")
    void heartbeat() {
        if (local.count() > 0) {
            runs.heartbeat(local.snapshot(), clock.instant());
        }
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.ingest.worker.heartbeat-interval:5s}",
            initialDelayString = "${servicedesk.ingest.worker.heartbeat-interval:5s}")
    void reap() {
        if (!properties.enabled()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            for (IngestRuns.Run stale : runs.lockStale(properties.staleAfter(), clock.instant())) {
                boolean stopRequested = stale.status() == IngestRuns.Status.STOPPING;
                String message = "Worker " + stale.worker() + " stopped sending heartbeats (last " + stale.heartbeatAt()
                        + "); " + (stopRequested ? "stopped" : "restarting from the last committed chunk");
                log.warn("Run {}: {}", stale.id(), message);
                if (stale.jobExecutionId() != null) {
                    JobExecution execution = repository.getJobExecution(stale.jobExecutionId());
                    if (execution != null && execution.getStatus().isRunning()) {
                        operator.recover(execution);
                    }
                }
                runs.takeOver(stale.id(), stopRequested, message, clock.instant());
            }
        });
    }
}
