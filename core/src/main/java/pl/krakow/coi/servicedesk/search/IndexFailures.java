package pl.krakow.coi.servicedesk.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Documents Elasticsearch refused for good, or the application could not build ({@code search_index_failure}):
 * recorded with the reason so that one bad document never blocks the outbox or a reindex; the next change of
 * the ticket or a reindex tries again.
 */
@Repository
class IndexFailures {

    private static final Logger log = LoggerFactory.getLogger(IndexFailures.class);

    /** The error type of a document the application could not build (a bug or bad data in one ticket). */
    static final String NOT_BUILT = "document_not_built";

    private final JdbcClient jdbc;
    private final Counter refused;

    IndexFailures(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.refused = Counter.builder("servicedesk.search.documents.refused")
                .description("Ticket documents Elasticsearch refused for good (see table search_index_failure)")
                .register(registry);
    }

    void record(long ticketId, TicketIndex.Outcome outcome) {
        log.error(
                "The document of ticket {} was set aside for {}: {} {}",
                ticketId,
                outcome.index(),
                outcome.errorType(),
                outcome.reason());
        jdbc.sql("""
                        INSERT INTO search_index_failure (ticket_id, index_name, error_type, reason)
                        VALUES (:ticket, :index, :type, :reason)
                        """)
                .param("ticket", ticketId)
                .param("index", String.valueOf(outcome.index()))
                .param("type", truncate(String.valueOf(outcome.errorType()), 200))
                .param("reason", truncate(String.valueOf(outcome.reason()), 2000))
                .update();
        refused.increment();
    }

    /** A document the application could not build; recorded with the innermost cause. */
    void recordUnbuilt(long ticketId, String index, RuntimeException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        record(ticketId, new TicketIndex.Outcome(TicketIndex.Outcome.Kind.REFUSED, index, NOT_BUILT, cause.toString()));
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM search_index_failure")
                .query(Long.class)
                .single();
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
