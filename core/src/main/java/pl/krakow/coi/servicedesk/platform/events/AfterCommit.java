package pl.krakow.coi.servicedesk.platform.events;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs in-process work (a wake-up, a counter) once the current transaction has committed, or at once outside one.
 *
 * <p>Use it from a plain {@code @EventListener} instead of {@code @TransactionalEventListener}: Spring Modulith
 * wraps every transactional event listener to record its publication's progress in a transaction of its own,
 * opened while the request's transaction still holds its connection. Under load that is two connections per
 * request, and a full pool waits on itself until its connection timeout (ADR 0079).
 */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs {@code work} after the current transaction commits (never if it rolls back), or now without one. */
    public static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
