package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search quality on a realistic corpus ({@link RelevanceCorpus}: about 2 000 Polish tickets across the
 * catalogue plus 110 hand-written targets) with a test set written before the search was tuned:
 * {@code search/relevance-queries.jsonl} (queries as employees and agents type them, each with the
 * target tickets it should find) and {@code search/similar-cases.jsonl} (new tickets and the resolved
 * target that answers them). Reports recall@5 and MRR overall and per kind of query, through the real
 * API, as the Director (who may see every ticket); writes {@code target/search-relevance.md}.
 */
@IntegrationTest
class SearchRelevanceIT {

    static final int BACKGROUND = 2_000;

    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");

    @Autowired
    Api api;

    @Autowired
    TicketService service;

    @Autowired
    Categories categories;

    @Autowired
    JsonMapper json;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Autowired
    JdbcClient jdbc;

    @Test
    void searchAndSimilarIncidentsMeetTheRelevanceTargets() throws Exception {
        RelevanceCorpus corpus = new RelevanceCorpus(service, categories, json);
        int background = corpus.fileBackground(BACKGROUND);
        Map<String, TicketState> targets = corpus.fileTargets();
        new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc)
                .awaitIndexEqualsDatabase(Duration.ofMinutes(3));

        Metrics search = new Metrics();
        List<String> misses = new ArrayList<>();
        List<JsonNode> queries = corpus.read("/search/relevance-queries.jsonl");
        for (JsonNode query : queries) {
            String q = resolveNumbers(query.get("q").asString(), targets);
            List<Long> expected = expectedIds(query.get("expected"), targets);
            List<Long> ranked = TicketSearchIT.ids(api.as(director)
                    .get()
                    .uri(u -> u.path("/api/v1/search/tickets")
                            .queryParam("q", q)
                            .queryParam("size", 10)
                            .build())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody());
            int rank = search.add(query.get("kind").asString(), expected, ranked);
            if (rank != 1) {
                misses.add(query.get("id").asString() + " \"" + q + "\" → " + query.get("expected") + " at rank "
                        + (rank == 0 ? ">10" : rank));
            }
        }

        Metrics similar = new Metrics();
        List<JsonNode> cases = corpus.read("/search/similar-cases.jsonl");
        for (JsonNode c : cases) {
            String text =
                    c.get("title").asString() + "\n" + c.get("description").asString();
            JsonNode answer = api.as(director)
                    .get()
                    .uri(u -> u.path("/api/v1/search/similar")
                            .queryParam("text", text)
                            .queryParam("size", 10)
                            .build())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            List<Long> ranked = new ArrayList<>();
            answer.forEach(s -> ranked.add(s.get("id").asLong()));
            int rank = similar.add("similar", expectedIds(c.get("expected"), targets), ranked);
            if (rank != 1) {
                misses.add(
                        c.get("id").asString() + " similar \"" + c.get("title").asString() + "\" → " + c.get("expected")
                                + " at rank " + (rank == 0 ? ">10" : rank));
            }
        }

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "# Search relevance%n%nCorpus: %d background tickets + %d targets. %d queries, %d similar cases.%n%n",
                background, targets.size(), queries.size(), cases.size()));
        report.append("| set | n | recall@5 | MRR (top 10) |\n|---|---|---|---|\n");
        report.append(search.row("search (all queries)"));
        search.byKind.forEach((kind, m) -> report.append(m.row("  " + kind)));
        report.append(similar.row("similar incidents"));
        report.append("\n## Not ranked first\n\n");
        misses.forEach(m -> report.append("- ").append(m).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/search-relevance.md"), report);
        System.out.println(report);

        assertThat(queries).hasSizeGreaterThanOrEqualTo(100);
        assertThat(background + targets.size()).isGreaterThanOrEqualTo(2_000);
        assertThat(search.recallAt5()).as("search recall@5").isGreaterThanOrEqualTo(0.90);
        assertThat(search.mrr()).as("search MRR").isGreaterThanOrEqualTo(0.80);
        assertThat(similar.recallAt5()).as("similar incidents recall@5").isGreaterThanOrEqualTo(0.80);
    }

    private static String resolveNumbers(String q, Map<String, TicketState> targets) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{number:(T\\d+)}").matcher(q);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, targets.get(m.group(1)).number().value());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Long> expectedIds(JsonNode expected, Map<String, TicketState> targets) {
        List<Long> ids = new ArrayList<>();
        expected.forEach(e -> ids.add(targets.get(e.asString()).id()));
        return ids;
    }

    /** recall@5 (share of the expected tickets in the top 5) and MRR (1/rank of the first expected one). */
    static final class Metrics {

        double recall;
        double reciprocal;
        int n;
        final Map<String, Metrics> byKind = new TreeMap<>();

        int add(String kind, List<Long> expected, List<Long> ranked) {
            int rank = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (expected.contains(ranked.get(i))) {
                    rank = i + 1;
                    break;
                }
            }
            long inTop5 = ranked.subList(0, Math.min(5, ranked.size())).stream()
                    .filter(expected::contains)
                    .count();
            double r = (double) inTop5 / expected.size();
            double rr = rank == 0 ? 0 : 1.0 / rank;
            recall += r;
            reciprocal += rr;
            n++;
            if (!kind.equals("similar")) {
                Metrics m = byKind.computeIfAbsent(kind, k -> new Metrics());
                m.recall += r;
                m.reciprocal += rr;
                m.n++;
            }
            return rank;
        }

        double recallAt5() {
            return recall / n;
        }

        double mrr() {
            return reciprocal / n;
        }

        String row(String name) {
            return String.format("| %s | %d | %.3f | %.3f |%n", name, n, recallAt5(), mrr());
        }
    }
}
