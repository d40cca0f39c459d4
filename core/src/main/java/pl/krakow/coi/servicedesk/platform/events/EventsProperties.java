package pl.krakow.coi.servicedesk.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the domain events between capabilities ({@code servicedesk.events}).
 *
 * @param delivery the threads that deliver events after commit
 * @param resubmission the resubmission of incomplete publications
 * @param cleanup the removal of completed publications
 * @param metrics the refresh of the publication gauges
 */
@ConfigurationProperties("servicedesk.events")
public record EventsProperties(Delivery delivery, Resubmission resubmission, Cleanup cleanup, Metrics metrics) {

    public EventsProperties {
        delivery = delivery == null ? new Delivery(null) : delivery;
        resubmission = resubmission == null ? new Resubmission(null, null) : resubmission;
        cleanup = cleanup == null ? new Cleanup(null, null) : cleanup;
        metrics = metrics == null ? new Metrics(null) : metrics;
    }

    /** @param threads how many listeners run at once in this replica */
    public record Delivery(Integer threads) {
        public Delivery {
            threads = threads == null || threads < 1 ? 4 : threads;
        }
    }

    /**
     * @param interval how often a worker looks for incomplete publications
     * @param staleness how old an incomplete publication, and its last resubmission, must be before it is
     *     resubmitted: longer than any listener takes, so that nothing is resubmitted while it is delivered
     */
    public record Resubmission(Duration interval, Duration staleness) {
        public Resubmission {
            interval = interval == null ? Duration.ofMinutes(1) : interval;
            staleness = staleness == null ? Duration.ofMinutes(5) : staleness;
        }
    }

    /**
     * @param interval how often a worker deletes completed publications
     * @param retention how long a completed publication is kept
     */
    public record Cleanup(Duration interval, Duration retention) {
        public Cleanup {
            interval = interval == null ? Duration.ofHours(1) : interval;
            retention = retention == null ? Duration.ofDays(7) : retention;
        }
    }

    /** @param refresh how often a replica reads the pending publications for its gauges */
    public record Metrics(Duration refresh) {
        public Metrics {
            refresh = refresh == null ? Duration.ofSeconds(30) : refresh;
        }
    }
}
