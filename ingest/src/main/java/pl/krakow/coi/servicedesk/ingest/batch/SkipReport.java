package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * The skip policy of every import step, and its listener: a {@link RowRejected} row is skipped and
 * recorded in the run's skip report (in the chunk's transaction); anything else fails the step (restart
 * it once the cause is fixed). More than {@code maxSkips} rejected rows fail the step too: a file that is
 * mostly wrong is refused rather than skimmed. The parts of a partitioned step share one count.
 */
public class SkipReport implements SkipPolicy, SkipListener<Object, Object> {

    private final long runId;
    private final long maxSkips;
    private final IngestSkips skips;
    private final AtomicLong skipped;

    public SkipReport(long runId, long maxSkips, IngestSkips skips) {
        this(runId, maxSkips, skips, new AtomicLong());
    }

    /**
     * @param skipped the rows the run skipped so far, shared by the parts of a partitioned step
     */
    public SkipReport(long runId, long maxSkips, IngestSkips skips, AtomicLong skipped) {
        this.runId = runId;
        this.maxSkips = maxSkips;
        this.skips = skips;
        this.skipped = skipped;
    }

    @Override
    public boolean shouldSkip(Throwable failure, long skipCount) throws SkipLimitExceededException {
        if (RowRejected.in(failure) == null) {
            return false;
        }
        if (Math.max(skipCount, skipped.get()) >= maxSkips) {
            throw new SkipLimitExceededException(maxSkips, failure);
        }
        return true;
    }

    @Override
    public void onSkipInRead(Throwable failure) {
        record(failure);
    }

    @Override
    public void onSkipInProcess(Object item, Throwable failure) {
        record(failure);
    }

    @Override
    public void onSkipInWrite(Object item, Throwable failure) {
        RowRejected rejected = RowRejected.in(failure);
        if (rejected != null) {
            skipped.incrementAndGet();
            skips.recordApart(runId, rejected);
        }
    }

    private void record(Throwable failure) {
        RowRejected rejected = RowRejected.in(failure);
        if (rejected != null) {
            skipped.incrementAndGet();
            skips.record(runId, rejected);
        }
    }
}
