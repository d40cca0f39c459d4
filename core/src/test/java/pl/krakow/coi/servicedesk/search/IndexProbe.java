package pl.krakow.coi.servicedesk.search;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Looks into the ticket index from tests: waits for documents, compares the index with the database. */
final class IndexProbe {

    private final ElasticsearchClient client;
    private final String alias;
    private final JdbcClient jdbc;

    IndexProbe(ElasticsearchClient client, String alias, JdbcClient jdbc) {
        this.client = client;
        this.alias = alias;
        this.jdbc = jdbc;
    }

    /** Waits until the ticket is searchable at {@code version} or later. */
    void awaitSearchable(long id, long version) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> searchable(id, version));
    }

    boolean searchable(long id, long version) {
        try {
            return client.count(c -> c.index(alias)
                                    .query(q -> q.bool(b -> b.filter(f ->
                                                    f.term(t -> t.field("id").value(id)))
                                            .filter(f -> f.range(r -> r.number(
                                                    n -> n.field("version").gte((double) version)))))))
                            .count()
                    > 0;
        } catch (IOException e) {
            return false;
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            // The index is created in the background at start-up; on a loaded machine a test may come first.
            if ("index_not_found_exception".equals(e.error().type())) {
                return false;
            }
            throw e;
        }
    }

    /** Waits until the outbox is empty and the index holds every ticket at its current version. */
    void awaitIndexEqualsDatabase(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (outboxRows() > 0) {
                return false;
            }
            refresh();
            return indexedVersions().equals(databaseVersions());
        });
    }

    long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    Map<Long, Long> databaseVersions() {
        Map<Long, Long> versions = new TreeMap<>();
        jdbc.sql("SELECT id, version FROM ticket")
                .query((rs, n) -> versions.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return versions;
    }

    /**
     * Every document of {@code indexOrAlias}: id → version, walked with {@code search_after}. The
     * document's {@code version} field and its Elasticsearch (external) version must agree.
     */
    Map<Long, Long> indexedVersions(String indexOrAlias) {
        Map<Long, Long> versions = new TreeMap<>();
        List<FieldValue> after = null;
        try {
            // An index being built by a reindex has refresh turned off.
            client.indices().refresh(r -> r.index(indexOrAlias));
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Map<String, Object>> page = client.search(
                        s -> {
                            s.index(indexOrAlias)
                                    .size(2000)
                                    .version(true)
                                    .source(src -> src.filter(f -> f.includes("id", "version")))
                                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                            if (from != null) {
                                s.searchAfter(from);
                            }
                            return s;
                        },
                        TicketSearch.SOURCE);
                if (page.hits().hits().isEmpty()) {
                    return versions;
                }
                for (Hit<Map<String, Object>> hit : page.hits().hits()) {
                    long version = ((Number) hit.source().get("version")).longValue();
                    if (hit.version() != null && hit.version() != version) {
                        throw new AssertionError("Document " + hit.id() + " has version field " + version
                                + " but Elasticsearch version " + hit.version());
                    }
                    versions.put(((Number) hit.source().get("id")).longValue(), version);
                }
                after = page.hits().hits().get(page.hits().hits().size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<Long, Long> indexedVersions() {
        return indexedVersions(alias);
    }

    void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
