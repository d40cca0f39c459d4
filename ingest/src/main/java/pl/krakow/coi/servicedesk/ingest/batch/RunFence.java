package pl.krakow.coi.servicedesk.ingest.batch;

import java.time.Clock;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * Fencing of chunks: each chunk, before it commits, confirms in its own transaction that this instance's
 * attempt still owns the run (and refreshes the heartbeat). A worker that was taken for dead (its run
 * restarted elsewhere) and wakes up again cannot commit anything: its chunk rolls back.
 *
 * <p>The fence also carries a stop, and is the only way a run is stopped: a run marked STOPPING ends its step
 * after the chunk commits (the step execution is marked terminate-only, so Spring Batch ends it STOPPED,
 * restartable from that chunk). {@code JobOperator.stop} is not used for runs: it and the job's own start update
 * the job execution's row under optimistic locking, and whichever loses either drops the stop (the run ends
 * COMPLETED) or fails the run (FAILED); both happened in CI.
 */
@Component
public class RunFence {

    private final IngestRuns runs;
    private final LocalRuns local;
    private final Clock clock;

    RunFence(IngestRuns runs, LocalRuns local, Clock clock) {
        this.runs = runs;
        this.local = local;
        this.clock = clock;
    }

    /** Call within the chunk's transaction, after its writes, on the step's thread. */
    public void check(long runId) {
        int attempt = local.attempt(runId);
        IngestRuns.Status status = runs.fence(runId, attempt, clock.instant())
                .orElseThrow(() -> new FencedOut("Run " + runId + " attempt " + attempt
                        + " was taken over by another worker (this worker was taken for dead); the chunk is rolled"
                        + " back"));
        if (status == IngestRuns.Status.STOPPING) {
            StepContext step = StepSynchronizationManager.getContext();
            if (step != null) {
                step.getStepExecution().setTerminateOnly();
            }
        }
    }

    /** This worker no longer owns the run. */
    public static class FencedOut extends RuntimeException {
        FencedOut(String message) {
            super(message);
        }
    }
}
