package pl.krakow.coi.servicedesk.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What an operator wants to know about search: index, documents, outbox lag, reindexes. */
@Component
class SearchStatus {

    private final TicketIndex index;
    private final OutboxLag lag;
    private final Reindexes reindexes;
    private final IndexFailures failures;
    private final IndexBootstrap bootstrap;

    SearchStatus(
            TicketIndex index, OutboxLag lag, Reindexes reindexes, IndexFailures failures, IndexBootstrap bootstrap) {
        this.index = index;
        this.lag = lag;
        this.reindexes = reindexes;
        this.failures = failures;
        this.bootstrap = bootstrap;
    }

    Map<String, Object> describe() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("alias", index.alias());
        status.put("ready", bootstrap.ready());
        try {
            status.put("indices", index.indicesOf(index.alias()));
            status.put("documents", index.count(index.alias()));
            status.put("schemaVersion", index.schemaVersionOfAlias().orElse(null));
            status.put("expectedSchemaVersion", TicketIndexMapping.SCHEMA_VERSION);
            status.put("elasticsearch", "UP");
        } catch (IOException | RuntimeException e) {
            status.put("elasticsearch", "DOWN: " + e.getMessage());
        }
        OutboxLag.Snapshot snapshot = lag.current();
        status.put("outboxRows", snapshot.rows());
        status.put("outboxLagSeconds", snapshot.lagSeconds());
        status.put("refusedDocuments", failures.count());
        status.put("reindexes", reindexes.recent(5));
        return status;
    }
}
