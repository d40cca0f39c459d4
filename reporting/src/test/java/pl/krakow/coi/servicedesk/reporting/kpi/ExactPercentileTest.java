package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index's exact percentiles (ADR 0073) from what Elasticsearch answers: for generated heavy-tailed
 * minutes (log-normal, many zeros) and any HDR estimate within its error bound at either rank rule
 * (round(q·n) of HdrHistogram 2.1.9, ⌈q·n⌉ of later versions), the second search's figures give exactly
 * {@link Percentiles#continuous}, the PostgreSQL path's value.
 */
class ExactPercentileTest {

    final JsonMapper json = new JsonMapper();

    @Test
    void theWindowAroundAnHdrEstimateGivesPercentileContExactly() {
        qt().withExamples(500)
                .forAll(
                        integers().between(1, 3_000),
                        longs().all(),
                        integers().between(0, 90),
                        doubles().between(0.0, 0.999_999))
                .checkAssert((n, seed, zeroPercent, error) -> {
                    Random random = new Random(seed);
                    List<Long> sorted = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        sorted.add(
                                random.nextInt(100) < zeroPercent
                                        ? 0L
                                        : (long) Math.exp(Math.log(200) + 2.5 * random.nextGaussian()));
                    }
                    sorted.sort(null);
                    for (double q : new double[] {0.5, 0.9}) {
                        long rank = random.nextBoolean()
                                ? Math.max(1, (long) (q * n + 0.5))
                                : Math.max(1, (long) Math.ceil(q * n));
                        long value = sorted.get((int) rank - 1);
                        // HDR reports the highest value of the value's bucket: at most 1/1024 above it.
                        double estimate = value == 0 ? error / 1000 : value * (1 + error / 1024);
                        IndexKpis.ExactPercentile p =
                                new IndexKpis.ExactPercentile("resolved", "calendar", "minutes", q, n, estimate);
                        assertThat(p.read(answer(p, sorted)))
                                .as("q=%s n=%d estimate=%s", q, n, estimate)
                                .isEqualTo(Percentiles.continuous(sorted, q));
                    }
                });
    }

    /** What the second search answers for {@code p} over these values. */
    private ObjectNode answer(IndexKpis.ExactPercentile p, List<Long> values) {
        String name = "calendar" + Math.round(p.q() * 100);
        long below = 0;
        Long maxBelow = null;
        Long minAbove = null;
        TreeMap<Long, Long> window = new TreeMap<>();
        for (long v : values) {
            if (v < p.low()) {
                below++;
                maxBelow = maxBelow == null ? v : Math.max(maxBelow, v);
            } else if (v > p.high()) {
                minAbove = minAbove == null ? v : Math.min(minAbove, v);
            } else {
                window.merge(v, 1L, Long::sum);
            }
        }
        ObjectNode family = json.createObjectNode();
        ObjectNode belowNode = family.putObject(name + "Below");
        belowNode.put("doc_count", below);
        ObjectNode max = belowNode.putObject("max");
        if (maxBelow == null) {
            max.putNull("value");
        } else {
            max.put("value", (double) maxBelow);
        }
        ObjectNode above = family.putObject(name + "Above");
        ObjectNode min = above.putObject("min");
        if (minAbove == null) {
            min.putNull("value");
        } else {
            min.put("value", (double) minAbove);
        }
        ArrayNode buckets =
                family.putObject(name + "Window").putObject("values").putArray("buckets");
        window.forEach(
                (key, count) -> buckets.addObject().put("key", (double) key).put("doc_count", count));
        return family;
    }
}
