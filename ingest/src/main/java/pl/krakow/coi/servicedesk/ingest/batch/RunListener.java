package pl.krakow.coi.servicedesk.ingest.batch;

import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Ends a run's attempt when its job execution ends: COMPLETED, FAILED (with the failure as message) or
 * STOPPED. Only the attempt that still owns the run may end it. Every import job registers it.
 */
@Component
public class RunListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunListener.class);

    private final IngestRuns runs;
    private final LocalRuns local;
    private final Clock clock;

    RunListener(IngestRuns runs, LocalRuns local, Clock clock) {
        this.runs = runs;
        this.local = local;
        this.clock = clock;
    }

    @Override
    public void afterJob(JobExecution execution) {
        Long runId = execution.getJobParameters().getLong(ImportJob.RUN);
        if (runId == null) {
            return;
        }
        try {
            int attempt = local.attempt(runId);
            BatchStatus status = execution.getStatus();
            IngestRuns.Status end = status == BatchStatus.COMPLETED
                    ? IngestRuns.Status.COMPLETED
                    : status == BatchStatus.STOPPED ? IngestRuns.Status.STOPPED : IngestRuns.Status.FAILED;
            String message = execution.getAllFailureExceptions().stream()
                    .map(RunListener::message)
                    .distinct()
                    .collect(Collectors.joining("; "));
            if (!runs.finish(runId, attempt, end, message.isEmpty() ? null : message, clock.instant())) {
                log.warn("Run {} attempt {} ended {} but another worker owns it now", runId, attempt, end);
            } else {
                log.info("Run {} (job execution {}) ended {}", runId, execution.getId(), end);
            }
        } catch (IllegalStateException e) {
            log.warn("Job execution {} of run {} ended on an instance that does not own it", execution.getId(), runId);
        } finally {
            local.ended(runId);
        }
    }

    /** The message of the innermost cause worth showing (a rejected file's own words). */
    static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileRejected || t instanceof RunFence.FencedOut) {
                return t.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure
                ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
