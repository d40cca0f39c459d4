package pl.krakow.coi.servicedesk.ingest.batch;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Fencing of chunks: each chunk, before it commits, confirms in its own transaction that this instance's
 * attempt still owns the run (and refreshes the heartbeat). A worker that was taken for dead (its run
 * restarted elsewhere) and wakes up again cannot commit anything: its chunk rolls back.
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

    /** Call within the chunk's transaction, after its writes. */
    public void check(long runId) {
        int attempt = local.attempt(runId);
        if (!runs.fence(runId, attempt, clock.instant())) {
            throw new FencedOut("Run " + runId + " attempt " + attempt
                    + " was taken over by another worker (this worker was taken for dead); the chunk is rolled back");
        }
    }

    /** This worker no longer owns the run. */
    public static class FencedOut extends RuntimeException {
        FencedOut(String message) {
            super(message);
        }
    }
}
