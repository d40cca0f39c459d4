package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox relay names the server that failed: PostgreSQL's lost connection is not Elasticsearch's fault. */
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayLoggingTest {

    @Test
    void aLostDatabaseConnectionIsLoggedAsPostgresqlUnavailable(CapturedOutput output) throws Exception {
        // What Hikari throws for a connection PostgreSQL closed under the relay's transaction.
        OutboxRelay relay = relayWhoseTransactionFailsWith(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", new SQLException("Connection is closed", "08003")));
        try {
            relay.trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("outbox waits"));
            assertThat(output.getAll())
                    .contains("PostgreSQL unavailable, the outbox waits and is retried")
                    .doesNotContain("Elasticsearch unavailable");
        } finally {
            relay.destroy();
        }
    }

    @Test
    void anUnreachableNodeIsStillLoggedAsElasticsearchUnavailable(CapturedOutput output) throws Exception {
        OutboxRelay relay = relayWhoseTransactionFailsWith(
                new java.io.UncheckedIOException(new ConnectException("Connection refused")));
        try {
            relay.trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("outbox waits"));
            assertThat(output.getAll())
                    .contains("Elasticsearch unavailable, the outbox waits and is retried")
                    .doesNotContain("PostgreSQL unavailable");
        } finally {
            relay.destroy();
        }
    }

    private static OutboxRelay relayWhoseTransactionFailsWith(RuntimeException failure) throws IOException {
        TransactionTemplate transaction = mock(TransactionTemplate.class);
        when(transaction.execute(any())).thenThrow(failure);
        IndexBootstrap bootstrap = mock(IndexBootstrap.class);
        when(bootstrap.ensureReady()).thenReturn(true);
        return new OutboxRelay(
                mock(JdbcClient.class),
                transaction,
                mock(TicketDocuments.class),
                mock(TicketIndex.class),
                bootstrap,
                mock(Reindexes.class),
                mock(IndexFailures.class),
                new SearchProperties(null, null, null),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }
}
