package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The runs this instance executes, with the attempt it claimed each as (for heartbeats and fencing). */
@Component
public class LocalRuns {

    private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();

    void started(long runId, int attempt) {
        attempts.put(runId, attempt);
    }

    void ended(long runId) {
        attempts.remove(runId);
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
