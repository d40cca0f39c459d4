package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * A ticket whose search document cannot be built (here a contributor that fails on one ticket, standing for a
 * bug or bad data) is set aside in {@code search_index_failure} with the reason; the tickets changed before and
 * after it are indexed as usual, the outbox drains, and a full reindex completes.
 */
@IntegrationTest
@Import(UnbuildableDocumentIT.Poison.class)
class UnbuildableDocumentIT {

    static final String MARKER = "ZATRUTY-DOKUMENT";

    @TestConfiguration
    static class Poison {
        @Bean
        TicketDocumentContributor poisonContributor() {
            return new TicketDocumentContributor() {
                @Override
                public Map<String, SearchFieldType> fields() {
                    return Map.of();
                }

                @Override
                public void contribute(List<TicketDocument.Builder> batch) {
                    for (TicketDocument.Builder document : batch) {
                        if (document.ticket().title().contains(MARKER)) {
                            throw new IllegalStateException("cannot describe ticket "
                                    + document.ticket().id());
                        }
                    }
                }
            };
        }
    }

    @Autowired
    TicketService service;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reindexing reindexing;

    SearchFixtures fixtures;
    IndexProbe probe;

    @BeforeEach
    void setUp() {
        fixtures = new SearchFixtures(service);
        probe = new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc);
    }

    @Test
    void anUnbuildableDocumentIsSetAsideAndTheOthersAreIndexed() {
        TicketState before = fixtures.incident("Monitor miga przy starcie", "Obraz znika na sekundę co minutę.");
        TicketState poisoned = fixtures.incident("Błąd " + MARKER, "Tego dokumentu nie da się zbudować.");
        TicketState after = fixtures.incident("Skaner nie wysyła plików", "Skany nie trafiają do folderu.");

        probe.awaitSearchable(before.id(), before.version());
        probe.awaitSearchable(after.id(), after.version());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM outbox")
                                .query(Long.class)
                                .single())
                        .as("the outbox drains past the broken ticket")
                        .isZero());
        assertThat(probe.searchable(poisoned.id(), 0)).isFalse();
        assertThat(jdbc.sql("SELECT error_type, reason FROM search_index_failure WHERE ticket_id = :id")
                        .param("id", poisoned.id())
                        .query((rs, n) -> rs.getString(1) + ": " + rs.getString(2))
                        .list())
                .singleElement()
                .asString()
                .startsWith(IndexFailures.NOT_BUILT + ": ")
                .contains("cannot describe ticket " + poisoned.id());
        assertThat(jdbc.sql("SELECT count(*) FROM search_index_failure WHERE ticket_id <> :id")
                        .param("id", poisoned.id())
                        .query(Long.class)
                        .single())
                .as("nothing else set aside")
                .isZero();

        // A full reindex sets it aside too, and completes with the others.
        long execution = reindexing.start(TestUsers.admin("admin")).executionId();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !List.of("STARTING", "STARTED")
                        .contains(reindexing.status(execution).status()));
        assertThat(reindexing.status(execution).status()).isEqualTo("COMPLETED");
        probe.awaitSearchable(before.id(), before.version());
        probe.awaitSearchable(after.id(), after.version());
        assertThat(jdbc.sql("SELECT count(*) FROM search_index_failure WHERE ticket_id = :id AND error_type = :type")
                        .param("id", poisoned.id())
                        .param("type", IndexFailures.NOT_BUILT)
                        .query(Long.class)
                        .single())
                .as("once by the relay, once by the reindex")
                .isEqualTo(2);
    }
}
