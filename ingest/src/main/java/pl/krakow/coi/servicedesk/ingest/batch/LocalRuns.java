package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The runs this instance executes, with the attempt it claimed each as (for heartbeats and fencing). */
@Component
public class LocalRuns {

    private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> skipped = new ConcurrentHashMap<>();

    void started(long runId, int attempt) {
        attempts.put(runId, attempt);
    }

    void ended(long runId) {
        attempts.remove(runId);
        skipped.remove(runId);
    }

    /** The rows the run's current attempt skipped on this instance, counted by all its parts. */
    public AtomicLong skipped(long runId) {
        return skipped.computeIfAbsent(runId, id -> new AtomicLong());
    }

    /** The attempt this instance executes the run as; fails when it does not execute it. */
    public int attempt(long runId) {
        Integer attempt = attempts.get(runId);
        if (attempt == null) {
            throw new IllegalStateException("Run " + runId + " is not executed by this instance");
        }
        return attempt;
    }

    Map<Long, Integer> snapshot() {
        return Map.copyOf(attempts);
    }

    int count() {
        return attempts.size();
    }
}
