package pl.krakow.coi.servicedesk.search;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of ticket ids into the index being built: loads the tickets, bulk-indexes them
 * through the reindex alias with their versions, records what Elasticsearch refused for good, and
 * asks for a retry of the chunk when Elasticsearch could not take it.
 */
class ReindexWriter implements ItemWriter<Long> {

    private final TicketDocuments documents;
    private final TicketIndex index;
    private final IndexFailures failures;
    private final Reindexes reindexes;
    private final Clock clock;
    private final String writeAlias;
    private final String targetIndex;
    private final long reindexId;

    ReindexWriter(
            TicketDocuments documents,
            TicketIndex index,
            IndexFailures failures,
            Reindexes reindexes,
            Clock clock,
            String writeAlias,
            String targetIndex,
            long reindexId) {
        this.documents = documents;
        this.index = index;
        this.failures = failures;
        this.reindexes = reindexes;
        this.clock = clock;
        this.writeAlias = writeAlias;
        this.targetIndex = targetIndex;
        this.reindexId = reindexId;
    }

    @Override
    public void write(Chunk<? extends Long> chunk) {
        Set<Long> ids = new LinkedHashSet<>(chunk.getItems());
        TicketDocuments.Built built = documents.loadSettingAsideUnbuilt(ids);
        built.unbuilt().forEach((ticket, failure) -> failures.recordUnbuilt(ticket, targetIndex, failure));
        List<TicketDocument> docs = built.documents();
        Map<Long, TicketIndex.Outcome> outcomes;
        try {
            outcomes = index.write(docs, List.of(), List.of(writeAlias));
        } catch (IOException | RuntimeException e) {
            throw new RetryableIndexingException("Bulk request to " + writeAlias + " failed: " + e, e);
        }
        for (TicketDocument doc : docs) {
            TicketIndex.Outcome outcome = outcomes.get(doc.id());
            if (outcome == null || outcome.kind() == TicketIndex.Outcome.Kind.RETRY) {
                throw new RetryableIndexingException("Elasticsearch could not take ticket " + doc.id() + " now: "
                        + (outcome == null ? "no answer" : outcome.errorType() + " " + outcome.reason()));
            }
        }
        for (TicketDocument doc : docs) {
            TicketIndex.Outcome outcome = outcomes.get(doc.id());
            if (outcome.kind() == TicketIndex.Outcome.Kind.REFUSED) {
                failures.record(doc.id(), outcome);
            }
        }
        reindexes.heartbeat(reindexId, clock.instant());
    }

    /** Elasticsearch could not take a chunk now (unreachable, overloaded): the chunk is retried. */
    static class RetryableIndexingException extends RuntimeException {

        RetryableIndexingException(String message) {
            super(message);
        }

        RetryableIndexingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
