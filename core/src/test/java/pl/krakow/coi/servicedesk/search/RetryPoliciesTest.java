package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

/** The retry policies of search (ADR 0081): what they retry and how long they wait. */
class RetryPoliciesTest {

    @Test
    void theRelayRetriesEveryFailureDoublingItsPauseUpToTheMaximumAndNeverGivesUp() {
        RetryPolicy policy = OutboxRelay.retryPolicy(new SearchProperties(null, null, null).relay());
        assertThat(policy.shouldRetry(new UncheckedIOException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(policy.shouldRetry(new CannotCreateTransactionException("PostgreSQL down")))
                .isTrue();
        assertThat(pauses(policy, 8)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L);
        BackOffExecution pauses = policy.getBackOff().start();
        for (int i = 0; i < 10_000; i++) {
            assertThat(pauses.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
        }
    }

    @Test
    void theRelaysPausesFollowItsProperties() {
        var relay = new SearchProperties.Relay(null, null, null, Duration.ofMillis(200), Duration.ofMillis(1600));
        assertThat(pauses(OutboxRelay.retryPolicy(relay), 6)).containsExactly(200L, 400L, 800L, 1600L, 1600L, 1600L);
        var inverted = new SearchProperties.Relay(null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(pauses(OutboxRelay.retryPolicy(inverted), 2))
                .as("a maximum below the minimum (misconfigured): the minimum")
                .containsExactly(2000L, 2000L);
    }

    @Test
    void aMergeIsLookedAtAgainOnlyWhileItRuns() {
        RetryPolicy policy = TicketIndex.MERGE_POLL_POLICY;
        assertThat(policy.shouldRetry(new TicketIndex.TaskRunning("node:1"))).isTrue();
        assertThat(policy.shouldRetry(new IOException("Connection refused"))).isFalse();
        assertThat(pauses(policy, 7)).containsExactly(50L, 100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    private static List<Long> pauses(RetryPolicy policy, int n) {
        BackOffExecution execution = policy.getBackOff().start();
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pauses.add(execution.nextBackOff());
        }
        return pauses;
    }
}
