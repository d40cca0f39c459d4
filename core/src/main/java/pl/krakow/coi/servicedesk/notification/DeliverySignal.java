package pl.krakow.coi.servicedesk.notification;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes this replica's sender when a delivery was enqueued and committed here, so that it does not wait for its
 * next poll. A generation counter, so that a wake between a sender's look at the table and its wait is not lost.
 */
@Component
class DeliverySignal {

    private long generation;

    /** Tells the waiting senders that there is something to send. */
    synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The current generation: read it before looking for due deliveries, and wait with it. */
    synchronized long generation() {
        return generation;
    }

    /** Waits until a wake after {@code seen}, or {@code max}. */
    synchronized void awaitAfter(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
