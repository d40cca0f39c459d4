package pl.krakow.coi.servicedesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.JsonNode;

/**
 * Impact analysis on a generated CMDB of 50 000 items and ~85 000 relationships with the fan-out of a city
 * hall: 4 core routers, 60 distribution and 1 200 access switches, 500 access points, 60 virtualisation
 * hosts with 900 VMs on 8 storage arrays, 150 applications (some using each other, in cycles) on VMs and
 * databases, 12 business services, 17 000 desktops with monitors, scanners and card readers, 6 000 laptops,
 * 4 026 desk phones, printers and mobile phones, each used by a person. The result of each analysis is
 * checked against a breadth-first search in Java over the same relationships; the time is the median of
 * several runs, written to {@code target/impact-analysis-50k.txt}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactAnalysisAtScaleIT {

    static final int RUNS = 9;

    /** kind (name prefix), class, count, attributes JSON, whether each item has a person assigned. */
    record Kind(String prefix, String classCode, int count, String attributes, boolean assigned) {}

    static final int LAPTOP_PEOPLE_OFFSET = 17_000;

    static final List<Kind> KINDS = List.of(
            new Kind("SVC", "BUSINESS_SERVICE", 12, "{}", false),
            new Kind("APP", "APPLICATION", 150, "{}", false),
            new Kind("DB", "DATABASE", 60, "{\"engine\": \"POSTGRESQL\"}", false),
            new Kind("ESX", "SERVER", 60, "{\"virtualisationHost\": true}", false),
            new Kind("SRV", "SERVER", 20, "{}", false),
            new Kind("VM", "VIRTUAL_MACHINE", 900, "{}", false),
            new Kind("SAN", "STORAGE", 8, "{\"storageType\": \"SAN\"}", false),
            new Kind("CORE", "NETWORK_DEVICE", 4, "{\"deviceType\": \"ROUTER\"}", false),
            new Kind("DIST", "NETWORK_DEVICE", 60, "{\"deviceType\": \"SWITCH\"}", false),
            new Kind("ACC", "NETWORK_DEVICE", 1200, "{\"deviceType\": \"SWITCH\"}", false),
            new Kind("AP", "NETWORK_DEVICE", 500, "{\"deviceType\": \"ACCESS_POINT\"}", false),
            new Kind("UPS", "UPS", 100, "{}", false),
            new Kind("WS", "WORKSTATION", 17000, "{}", true),
            new Kind("NB", "LAPTOP", 6000, "{}", true),
            new Kind("MON", "MONITOR", 12000, "{}", false),
            new Kind("PRN", "PRINTER", 2500, "{\"multifunction\": true}", false),
            new Kind("SCN", "SCANNER", 1400, "{}", false),
            new Kind("CR", "CARD_READER", 3000, "{}", false),
            new Kind("TEL", "DESK_PHONE", 4026, "{}", true),
            new Kind("MOB", "MOBILE_PHONE", 1000, "{}", true));

    /** source kind, type, target kind, target number as an SQL expression of the source's number s.n. */
    record Edge(String source, String type, String target, String targetNumber) {}

    static final List<Edge> EDGES = List.of(
            new Edge("VM", "RUNS_ON", "ESX", "(s.n % 60) + 1"),
            new Edge("ESX", "DEPENDS_ON", "SAN", "(s.n % 8) + 1"),
            new Edge("ESX", "DEPENDS_ON", "SAN", "((s.n + 3) % 8) + 1"),
            new Edge("SRV", "DEPENDS_ON", "SAN", "(s.n % 8) + 1"),
            new Edge("ESX", "CONNECTED_TO", "DIST", "(s.n % 60) + 1"),
            new Edge("SRV", "CONNECTED_TO", "DIST", "((s.n * 7) % 60) + 1"),
            new Edge("ESX", "DEPENDS_ON", "UPS", "(s.n % 10) + 1"),
            new Edge("SRV", "DEPENDS_ON", "UPS", "(s.n % 10) + 1"),
            new Edge("SAN", "CONNECTED_TO", "DIST", "(s.n % 4) + 1"),
            new Edge("DB", "INSTALLED_ON", "VM", "((s.n * 13) % 900) + 1"),
            new Edge("APP", "RUNS_ON", "VM", "((s.n * 7) % 900) + 1"),
            new Edge("APP", "RUNS_ON", "VM", "((s.n * 7 + 450) % 900) + 1"),
            new Edge("APP", "DEPENDS_ON", "DB", "(s.n % 60) + 1"),
            new Edge("APP", "USES", "APP", "((s.n * 3) % 150) + 1"),
            new Edge("DIST", "CONNECTED_TO", "CORE", "(s.n % 4) + 1"),
            new Edge("DIST", "CONNECTED_TO", "CORE", "((s.n + 1) % 4) + 1"),
            new Edge("ACC", "CONNECTED_TO", "DIST", "(s.n % 60) + 1"),
            new Edge("ACC", "DEPENDS_ON", "UPS", "(s.n % 100) + 1"),
            new Edge("AP", "CONNECTED_TO", "ACC", "((s.n * 3) % 1200) + 1"),
            new Edge("WS", "CONNECTED_TO", "ACC", "(s.n % 1200) + 1"),
            new Edge("WS", "USES", "APP", "(s.n % 150) + 1"),
            new Edge("WS", "USES", "APP", "((s.n * 7) % 150) + 1"),
            new Edge("NB", "USES", "APP", "((s.n * 5) % 150) + 1"),
            new Edge("NB", "USES", "APP", "((s.n * 11) % 150) + 1"),
            new Edge("NB", "CONNECTED_TO", "AP", "(s.n % 500) + 1"),
            new Edge("MON", "PART_OF", "WS", "(s.n % 17000) + 1"),
            new Edge("PRN", "CONNECTED_TO", "ACC", "((s.n * 5) % 1200) + 1"),
            new Edge("SCN", "CONNECTED_TO", "WS", "((s.n * 11) % 17000) + 1"),
            new Edge("CR", "CONNECTED_TO", "WS", "((s.n * 5) % 17000) + 1"),
            new Edge("TEL", "CONNECTED_TO", "ACC", "((s.n * 7) % 1200) + 1"),
            new Edge("TEL", "USES", "APP", "1"),
            new Edge("MOB", "USES", "APP", "(s.n % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11) % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11 + 13) % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11 + 26) % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11 + 39) % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11 + 52) % 150) + 1"),
            new Edge("SVC", "USES", "APP", "((s.n * 11 + 65) % 150) + 1"));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImpactAnalysis impact;

    @Autowired
    Api api;

    long items;
    long relationships;
    /** cause → items its failure spreads to. */
    final Map<Long, List<Long>> spreadsTo = new HashMap<>();

    final Map<Long, List<Long>> needs = new HashMap<>();
    final Map<Long, String> classOf = new HashMap<>();
    final Map<Long, String> personOf = new HashMap<>();
    final StringBuilder report = new StringBuilder();

    @BeforeAll
    void generateTheGraph() {
        long started = System.nanoTime();
        jdbc.sql("CREATE TABLE perf_item (kind varchar(10), n int, id bigint, PRIMARY KEY (kind, n))")
                .update();
        for (Kind kind : KINDS) {
            jdbc.sql("""
                            INSERT INTO configuration_item (class_code, name, status, assigned_username, assigned_name,
                                attributes, created_at, updated_at)
                            SELECT :class, :prefix || '-' || lpad(g::text, 6, '0'), 'IN_USE',
                                   CASE WHEN :assigned THEN 'user' || (g + :offset) END,
                                   CASE WHEN :assigned THEN 'Użytkownik ' || (g + :offset) END,
                                   CAST(:attributes AS jsonb), now(), now()
                            FROM generate_series(1, :count) g
                            """)
                    .param("class", kind.classCode())
                    .param("prefix", kind.prefix())
                    .param("assigned", kind.assigned())
                    .param("attributes", kind.attributes())
                    .param("count", kind.count())
                    .param("offset", kind.prefix().equals("NB") ? LAPTOP_PEOPLE_OFFSET : 0)
                    .update();
            jdbc.sql("""
                            INSERT INTO perf_item (kind, n, id)
                            SELECT :prefix, substring(name FROM '(\\d+)$')::int, id FROM configuration_item
                            WHERE name LIKE :like
                            """)
                    .param("prefix", kind.prefix())
                    .param("like", kind.prefix() + "-%")
                    .update();
        }
        for (Edge edge : EDGES) {
            jdbc.sql("""
                            INSERT INTO ci_relationship (source_id, type, target_id, created_at, created_by)
                            SELECT s.id, :type, t.id, now(), 'generator'
                            FROM perf_item s JOIN perf_item t ON t.kind = :target AND t.n = %s
                            WHERE s.kind = :source AND s.id <> t.id
                            ON CONFLICT DO NOTHING
                            """.formatted(edge.targetNumber()))
                    .param("type", edge.type())
                    .param("source", edge.source())
                    .param("target", edge.target())
                    .update();
        }
        jdbc.sql("ANALYZE configuration_item").update();
        jdbc.sql("ANALYZE ci_relationship").update();
        items = jdbc.sql("SELECT count(*) FROM configuration_item")
                .query(Long.class)
                .single();
        relationships = jdbc.sql("SELECT count(*) FROM ci_relationship")
                .query(Long.class)
                .single();
        jdbc.sql("SELECT source_id, type, target_id FROM ci_relationship").query(rs -> {
            long source = rs.getLong(1);
            long target = rs.getLong(3);
            boolean along = rs.getString(2).equals("PART_OF");
            long cause = along ? source : target;
            long affected = along ? target : source;
            spreadsTo.computeIfAbsent(cause, k -> new ArrayList<>()).add(affected);
            needs.computeIfAbsent(affected, k -> new ArrayList<>()).add(cause);
        });
        jdbc.sql("SELECT id, class_code, assigned_username FROM configuration_item")
                .query(rs -> {
                    classOf.put(rs.getLong(1), rs.getString(2));
                    if (rs.getString(3) != null) {
                        personOf.put(rs.getLong(1), rs.getString(3));
                    }
                });
        report.append(String.format(
                Locale.ROOT,
                "Generated %d items and %d relationships in %d ms%n",
                items,
                relationships,
                (System.nanoTime() - started) / 1_000_000));
    }

    @Test
    @TimingSensitive
    void impactOnFiftyThousandItemsIsExactAndFast() throws IOException {
        assertThat(items).isEqualTo(50_000);
        assertThat(relationships).isGreaterThan(80_000);
        report.append(String.format(
                Locale.ROOT,
                "%-44s %5s %9s %9s %8s %9s %9s %9s%n",
                "analysed item",
                "depth",
                "affected",
                "upstream",
                "people",
                "median ms",
                "min ms",
                "max ms"));
        long worstMedian = 0;
        for (String name : List.of(
                "CORE-000001", "SAN-000001", "ESX-000001", "APP-000001", "DB-000001", "WS-000001", "MON-000001")) {
            for (int depth : name.startsWith("CORE") ? new int[] {5, 10} : new int[] {5}) {
                worstMedian = Math.max(worstMedian, measure(name, depth));
            }
        }
        long core = idOf("CORE-000001");
        int expected = walk(core, 10, spreadsTo).size();
        List<Long> sqlTimes = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long started = System.nanoTime();
            long reached = jdbc.sql("SELECT count(*) FROM (" + walkSql() + ") walk")
                    .param("start", core)
                    .param("depth", 10)
                    .query(Long.class)
                    .single();
            assertThat(reached).isEqualTo(expected);
            if (run > 0) {
                sqlTimes.add((System.nanoTime() - started) / 1_000_000);
            }
        }
        Collections.sort(sqlTimes);
        report.append(String.format(
                Locale.ROOT,
                "%-44s %5d %9d %9s %8s %9d %9d %9d%n",
                "CORE-000001, the recursive query alone",
                10,
                expected,
                "",
                "",
                sqlTimes.get(sqlTimes.size() / 2),
                sqlTimes.get(0),
                sqlTimes.get(sqlTimes.size() - 1)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "impact-analysis-50k.txt"), report.toString());
        System.out.println(report);
        assertThat(worstMedian).as("median time of the heaviest analysis, ms").isLessThan(3_000);
    }

    static String walkSql() {
        try {
            var field = ImpactAnalysis.class.getDeclaredField("WALK");
            field.setAccessible(true);
            var step = ImpactAnalysis.class.getDeclaredField("SPREADS_TO");
            step.setAccessible(true);
            return ((String) field.get(null)).formatted((String) step.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theApiAnswersAHeavyAnalysisWithABoundedList() {
        long core = idOf("CORE-000002");
        JsonNode body = new JsonCalls(api)
                .get(CMDB_ADMIN, "/api/v1/cis/{id}/impact?limit=50", core)
                .expect(200)
                .body();
        assertThat(body.get("downstream").get("items")).hasSize(50);
        assertThat(body.get("downstream").get("truncated").asBoolean()).isTrue();
        assertThat(body.get("downstream").get("total").asInt())
                .isEqualTo(walk(core, 5, spreadsTo).size());
        assertThat(body.get("people")).hasSize(50);
        assertThat(body.get("peopleTotal").asInt()).isEqualTo(23_000);
        assertThat(body.get("businessServices").size()).isEqualTo(12);
    }

    private long measure(String name, int depth) {
        long id = idOf(name);
        Map<Long, Integer> expectedDown = walk(id, depth, spreadsTo);
        Map<Long, Integer> expectedUp = walk(id, depth, needs);
        Impact result = impact.analyse(id, depth, 500, CMDB_ADMIN);
        assertThat(result.downstream().total()).as(name + " downstream").isEqualTo(expectedDown.size());
        assertThat(result.upstream().total()).as(name + " upstream").isEqualTo(expectedUp.size());
        for (Impact.Item item : result.downstream().items()) {
            assertThat(item.depth()).as("depth of " + item.name()).isEqualTo(expectedDown.get(item.id()));
            assertThat(item.via()).as("via of " + item.name()).isNotNull();
            assertThat(item.depth() == 1 ? Integer.valueOf(0) : expectedDown.get(item.via()))
                    .isEqualTo(item.depth() - 1);
        }
        for (Impact.Item item : result.upstream().items()) {
            assertThat(item.depth()).isEqualTo(expectedUp.get(item.id()));
        }
        Set<String> people = new HashSet<>();
        expectedDown.keySet().forEach(i -> {
            if (personOf.containsKey(i)) {
                people.add(personOf.get(i));
            }
        });
        if (personOf.containsKey(id)) {
            people.add(personOf.get(id));
        }
        assertThat(result.peopleTotal()).as(name + " people").isEqualTo(people.size());
        long services = expectedDown.keySet().stream()
                .filter(i -> classOf.get(i).equals("BUSINESS_SERVICE"))
                .count();
        assertThat(result.businessServices()).hasSize((int) services);

        List<Long> times = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long started = System.nanoTime();
            impact.analyse(id, depth, 500, CMDB_ADMIN);
            long took = (System.nanoTime() - started) / 1_000_000;
            if (run > 0) {
                times.add(took);
            }
        }
        Collections.sort(times);
        long median = times.get(times.size() / 2);
        report.append(String.format(
                Locale.ROOT,
                "%-44s %5d %9d %9d %8d %9d %9d %9d%n",
                name + " (" + classOf.get(id) + ")",
                depth,
                result.downstream().total(),
                result.upstream().total(),
                result.peopleTotal(),
                median,
                times.get(0),
                times.get(times.size() - 1)));
        return median;
    }

    /** Breadth-first search with a depth bound: item → depth, without the start. */
    private static Map<Long, Integer> walk(long start, int depth, Map<Long, List<Long>> edges) {
        Map<Long, Integer> seen = new HashMap<>();
        seen.put(start, 0);
        Deque<Long> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            long current = queue.poll();
            int d = seen.get(current);
            if (d == depth) {
                continue;
            }
            for (long next : edges.getOrDefault(current, List.of())) {
                if (!seen.containsKey(next)) {
                    seen.put(next, d + 1);
                    queue.add(next);
                }
            }
        }
        seen.remove(start);
        return seen;
    }

    private long idOf(String name) {
        return jdbc.sql("SELECT id FROM configuration_item WHERE name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }
}
