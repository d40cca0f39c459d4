package pl.krakow.coi.servicedesk.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import co.elastic.clients.elasticsearch.tasks.GetTasksResponse;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket index in Elasticsearch: the alias {@code <prefix>-tickets} over a versioned index
 * {@code <prefix>-tickets-v<schema>-<timestamp>}; readers and the relay only ever use the alias, so a
 * reindex can build a new index and swap the alias atomically. Writes carry the ticket's version as
 * an external version ({@code external_gte}): a stale write never replaces a newer document, whatever
 * order replicas and the reindex job send them in.
 */
@Component
class TicketIndex {

    private static final Logger log = LoggerFactory.getLogger(TicketIndex.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    /**
     * How a running merge task is looked at again: after 50 ms, doubled up to a second between two looks, for
     * as long as it runs; only "still running" is retried.
     */
    static final RetryPolicy MERGE_POLL_POLICY = RetryPolicy.builder()
            .maxRetries(Long.MAX_VALUE)
            .delay(Duration.ofMillis(50))
            .multiplier(2)
            .maxDelay(Duration.ofSeconds(1))
            .includes(TaskRunning.class)
            .build();

    private static final RetryTemplate MERGE_POLLS = new RetryTemplate(MERGE_POLL_POLICY);

    private final ElasticsearchClient client;
    private final ElasticsearchProperties elasticsearch;
    private final SearchProperties properties;
    private final TicketDocuments documents;
    private final JsonMapper json;
    private final Clock clock;

    TicketIndex(
            ElasticsearchClient client,
            ElasticsearchProperties elasticsearch,
            SearchProperties properties,
            TicketDocuments documents,
            JsonMapper json,
            Clock clock) {
        this.client = client;
        this.elasticsearch = elasticsearch;
        this.properties = properties;
        this.documents = documents;
        this.json = json;
        this.clock = clock;
    }

    /** The alias that searches read and the relay writes: {@code <prefix>-tickets}. */
    String alias() {
        return elasticsearch.indexName("tickets");
    }

    /** The alias a running reindex builds its new index behind: {@code <prefix>-tickets-reindex}. */
    String reindexAlias() {
        return elasticsearch.indexName("tickets-reindex");
    }

    /** A new versioned index name, e.g. {@code servicedesk-tickets-v1-20261121103015123}. */
    String newIndexName() {
        return alias() + "-v" + TicketIndexMapping.SCHEMA_VERSION + "-" + STAMP.format(clock.instant());
    }

    /** The concrete indices behind {@code alias}, if it exists. */
    Set<String> indicesOf(String alias) throws IOException {
        if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
            return Set.of();
        }
        Map<String, IndexAliases> result =
                client.indices().getAlias(g -> g.name(alias)).result();
        return new TreeSet<>(result.keySet());
    }

    /**
     * Makes sure the alias exists: creates the first versioned index behind it, or adds fields that
     * contributors declared since, and the merge policy, to the live index. Call it with the bootstrap
     * lock held (one replica at a time). Returns the index behind the alias.
     */
    String ensureExists() throws IOException {
        Set<String> current = indicesOf(alias());
        if (!current.isEmpty()) {
            String index = current.iterator().next();
            client.indices()
                    .putMapping(p -> p.index(alias())
                            .withJson(new StringReader(json.writeValueAsString(Map.of(
                                    "properties", TicketIndexMapping.properties(documents.contributedFields()))))));
            // An index created before the merge policy was set gets it now (dynamic; no reindex needed).
            client.indices()
                    .putSettings(p -> p.index(alias())
                            .withJson(new StringReader(
                                    json.writeValueAsString(Map.of("index", TicketIndexMapping.MERGE_POLICY)))));
            int schema = schemaVersion(index);
            if (schema != TicketIndexMapping.SCHEMA_VERSION) {
                log.warn(
                        "The ticket index {} has schema version {}, this version of the service desk writes {}:"
                                + " run a reindex (POST /api/v1/search/reindex)",
                        index,
                        schema,
                        TicketIndexMapping.SCHEMA_VERSION);
            }
            return index;
        }
        if (client.indices().exists(e -> e.index(alias())).value()) {
            throw new IllegalStateException("A concrete index named " + alias() + " exists where the alias should"
                    + " be (created by a write without the alias?); delete it and restart, then reindex");
        }
        String index = newIndexName();
        create(index, alias(), false);
        log.info("Created the ticket index {} behind the alias {}", index, alias());
        return index;
    }

    /** Creates an index with the ticket mapping behind {@code alias}; {@code bulkLoad}: no refresh, no replicas. */
    void create(String index, String alias, boolean bulkLoad) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settings", Map.of("index", TicketIndexMapping.settings(properties.index(), bulkLoad)));
        body.put("mappings", TicketIndexMapping.mapping(documents.contributedFields()));
        body.put("aliases", Map.of(alias, Map.of()));
        client.indices().create(c -> c.index(index).withJson(new StringReader(json.writeValueAsString(body))));
    }

    /**
     * Merges an index built by bulk load down to {@code segments} segments per shard, and waits for it (ADR
     * 0064). The merge runs as an Elasticsearch task polled here, so a long merge outlasts no request's read
     * timeout.
     */
    void merge(String index, int segments) throws IOException, InterruptedException {
        long started = clock.millis();
        String task = client.indices()
                .forcemerge(f -> f.index(index).maxNumSegments((long) segments).waitForCompletion(false))
                .task();
        if (task != null) {
            GetTasksResponse state = awaitTask(task);
            if (state.error() != null) {
                throw new IOException(
                        "Merging " + index + " failed: " + state.error().reason());
            }
        }
        log.info("Merged {} down to {} segment(s) per shard in {} ms", index, segments, clock.millis() - started);
    }

    /**
     * Looks at a task until it has completed, with the pauses of {@link #MERGE_POLL_POLICY}. A failure to
     * look (Elasticsearch unreachable) is not retried here: it fails the reindex step, which is restartable.
     */
    private GetTasksResponse awaitTask(String task) throws IOException, InterruptedException {
        try {
            return MERGE_POLLS.execute(() -> {
                GetTasksResponse state = client.tasks().get(g -> g.taskId(task));
                if (!state.completed()) {
                    throw new TaskRunning(task);
                }
                return state;
            });
        } catch (RetryException e) {
            if (e.getLastException() instanceof IOException failure) {
                throw failure;
            }
            if (e.getLastException() instanceof RuntimeException failure) {
                throw failure;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("Interrupted while merging: " + task);
            }
            throw new IOException("Waiting for " + task + " failed", e);
        }
    }

    /** A task that has not completed yet: look again. */
    static final class TaskRunning extends Exception {
        TaskRunning(String task) {
            super(task + " is still running", null, false, false);
        }
    }

    /** Restores the live refresh interval and replicas of an index built for bulk load, and refreshes it. */
    void makeLive(String index) throws IOException {
        String settings =
                json.writeValueAsString(Map.of("index", TicketIndexMapping.liveSettings(properties.index(), false)));
        client.indices().putSettings(p -> p.index(index).withJson(new StringReader(settings)));
        client.indices().refresh(r -> r.index(index));
    }

    /**
     * Atomically points the alias at {@code index} alone; returns the indices it pointed at before.
     */
    Set<String> swapAlias(String index) throws IOException {
        Set<String> previous = new TreeSet<>(indicesOf(alias()));
        previous.remove(index);
        client.indices().updateAliases(u -> {
            for (String old : previous) {
                u.actions(a -> a.remove(r -> r.index(old).alias(alias())));
            }
            return u.actions(a -> a.add(add -> add.index(index).alias(alias())));
        });
        return previous;
    }

    void removeAlias(String index, String alias) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices()
                    .updateAliases(
                            u -> u.actions(a -> a.remove(r -> r.index(index).alias(alias))));
        }
    }

    void delete(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
    }

    long count(String indexOrAlias) throws IOException {
        return client.count(c -> c.index(indexOrAlias)).count();
    }

    Optional<Integer> schemaVersionOfAlias() throws IOException {
        Set<String> indices = indicesOf(alias());
        return indices.isEmpty()
                ? Optional.empty()
                : Optional.of(schemaVersion(indices.iterator().next()));
    }

    private int schemaVersion(String index) throws IOException {
        var mapping = client.indices().getMapping(m -> m.index(index)).result().get(index);
        if (mapping == null || mapping.mappings().meta() == null) {
            return 0;
        }
        var version = mapping.mappings().meta().get("schemaVersion");
        return version == null ? 0 : version.to(Integer.class);
    }

    /**
     * Sends documents (and deletions of tickets that no longer exist) to every target alias in one
     * bulk request. Targets must be aliases ({@code require_alias}): a write never creates an index
     * with a guessed mapping.
     *
     * @return the outcome per ticket id: the worst outcome over the targets
     */
    Map<Long, Outcome> write(Collection<TicketDocument> docs, Collection<Long> deleted, List<String> targets)
            throws IOException {
        List<BulkOperation> operations = new ArrayList<>(docs.size() * targets.size());
        for (String target : targets) {
            for (TicketDocument doc : docs) {
                operations.add(BulkOperation.of(o -> o.index(i -> i.index(target)
                        .id(Long.toString(doc.id()))
                        .version(doc.version())
                        .versionType(VersionType.ExternalGte)
                        .document(doc.fields()))));
            }
            for (Long id : deleted) {
                operations.add(
                        BulkOperation.of(o -> o.delete(d -> d.index(target).id(Long.toString(id)))));
            }
        }
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        if (operations.isEmpty()) {
            return outcomes;
        }
        BulkResponse response = client.bulk(b -> b.requireAlias(true).operations(operations));
        for (BulkResponseItem item : response.items()) {
            Outcome outcome = Outcome.of(item);
            outcomes.merge(Long.parseLong(item.id()), outcome, Outcome::worst);
        }
        return outcomes;
    }

    /** What became of one document in a bulk request. */
    record Outcome(Kind kind, String index, String errorType, String reason) {

        enum Kind {
            /** Written, or a newer version is already there. */
            DONE,
            /** Refused for good (mapping, size): record it and go on. */
            REFUSED,
            /** Elasticsearch could not take it now (overloaded, shard unavailable, alias missing): retry. */
            RETRY
        }

        static Outcome of(BulkResponseItem item) {
            int status = item.status();
            // 409: a newer version is already indexed; a delete of a missing document has no error.
            if (item.error() == null || status == 409) {
                return new Outcome(Kind.DONE, item.index(), null, null);
            }
            String type = item.error().type();
            String reason = item.error().reason() == null ? "" : item.error().reason();
            boolean transientError = status == 429
                    || status >= 500
                    || "index_not_found_exception".equals(type)
                    || "unavailable_shards_exception".equals(type)
                    || "cluster_block_exception".equals(type);
            return new Outcome(transientError ? Kind.RETRY : Kind.REFUSED, item.index(), type, reason);
        }

        static Outcome worst(Outcome a, Outcome b) {
            return a.kind().ordinal() >= b.kind().ordinal() ? a : b;
        }
    }
}
