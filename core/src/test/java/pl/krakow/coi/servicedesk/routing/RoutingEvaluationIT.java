package pl.krakow.coi.servicedesk.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suggestion quality on a held-out, labelled set of Polish ticket texts
 * ({@code routing/evaluation-set.jsonl}, written independently of the training examples), through
 * the real API. Reports top-1 and top-3 accuracy overall and per overlap of competences.
 */
@IntegrationTest
class RoutingEvaluationIT {

    @Autowired
    Api api;

    @Autowired
    JsonMapper json;

    @Test
    void suggestionsMeetTheAccuracyTarget() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/routing/evaluation-set.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(json.readTree(line));
                }
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        int top1 = 0;
        int top3 = 0;
        Map<String, int[]> byOverlap = new TreeMap<>();
        Map<String, int[]> byUnit = new TreeMap<>();
        Map<String, int[]> byStyle = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode answer = api.as(TestUsers.firstLine("jan.kowalski"))
                    .post()
                    .uri("/api/v1/routing/suggestions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "title",
                            c.get("title").asString(),
                            "description",
                            c.get("description").asString()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            List<String> ranked = new ArrayList<>();
            answer.get("suggestions").forEach(s -> ranked.add(s.get("unit").asString()));
            String expected = c.get("expected_unit").asString();
            boolean hit1 = !ranked.isEmpty() && ranked.get(0).equals(expected);
            boolean hit3 = ranked.subList(0, Math.min(3, ranked.size())).contains(expected);
            top1 += hit1 ? 1 : 0;
            top3 += hit3 ? 1 : 0;
            String overlap =
                    c.get("overlap").isNull() ? "(none)" : c.get("overlap").asString();
            count(byOverlap, overlap, hit1);
            count(byUnit, expected, hit1);
            count(byStyle, c.get("style").asString(), hit1);
            if (!hit1) {
                misses.add(c.get("id").asString() + " expected " + expected + " got " + ranked + ": "
                        + c.get("title").asString());
            }
        }
        double accuracy1 = (double) top1 / cases.size();
        double accuracy3 = (double) top3 / cases.size();
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "# Routing evaluation%n%n%d held-out tickets: top-1 %.1f %%, top-3 %.1f %%%n%n",
                cases.size(), accuracy1 * 100, accuracy3 * 100));
        table(report, "overlap", byOverlap);
        table(report, "expected unit", byUnit);
        table(report, "style", byStyle);
        report.append("## Misses (top-1)\n\n");
        misses.forEach(m -> report.append("- ").append(m).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/routing-evaluation.md"), report);
        System.out.println(report);
        assertThat(accuracy1).as("top-1 accuracy").isGreaterThanOrEqualTo(0.90);
        assertThat(accuracy3).as("top-3 accuracy").isGreaterThanOrEqualTo(0.97);
    }

    private static void count(Map<String, int[]> counts, String key, boolean hit) {
        int[] value = counts.computeIfAbsent(key, k -> new int[2]);
        value[0] += hit ? 1 : 0;
        value[1]++;
    }

    private static void table(StringBuilder report, String name, Map<String, int[]> counts) {
        report.append("| ").append(name).append(" | top-1 | n |\n|---|---|---|\n");
        counts.forEach((key, value) ->
                report.append(String.format("| %s | %.0f %% | %d |%n", key, 100.0 * value[0] / value[1], value[1])));
        report.append('\n');
    }
}
