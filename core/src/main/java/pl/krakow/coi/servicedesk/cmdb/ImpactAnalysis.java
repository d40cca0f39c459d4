package pl.krakow.coi.servicedesk.cmdb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.ClassKind;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * Impact analysis over the relationship graph, in PostgreSQL: one recursive query per direction.
 *
 * <p>A failure spreads from the target of a relationship to its source (what runs on, depends on, is
 * connected to, installed on or uses the failed item) and, for PART_OF, from the part to the whole.
 * Downstream follows that spread; upstream follows it backwards (the components the item needs).
 *
 * <p>The recursive query walks level by level and expands every item once (see {@link #WALK}), so the
 * work is bounded by the relationships of the items reached, never by the number of paths; cycles and the
 * depth bound end it. Retired, disposed and merged items break the chain: relationships through them
 * spread nothing. See docs/adr/0020-cmdb-identity-and-impact-analysis.md for the measurements.
 */
@Service
class ImpactAnalysis {

    private static final String SPREADS_TO = """
            SELECT r.source_id AS id FROM ci_relationship r WHERE r.target_id = f.id AND r.type <> 'PART_OF'
            UNION ALL
            SELECT r.target_id FROM ci_relationship r WHERE r.source_id = f.id AND r.type = 'PART_OF'
            """;
    private static final String NEEDS = """
            SELECT r.target_id AS id FROM ci_relationship r WHERE r.source_id = f.id AND r.type <> 'PART_OF'
            UNION ALL
            SELECT r.source_id FROM ci_relationship r WHERE r.target_id = f.id AND r.type = 'PART_OF'
            """;

    /**
     * One row per level of a breadth-first walk: the items first reached at that depth ({@code frontier})
     * and every item reached so far ({@code seen}). A level expands only its frontier and keeps what was not
     * seen before ({@code EXCEPT}, a hashed set operation): each item is expanded once, a cycle ends where
     * it meets a seen item, and the depth bound ends the walk.
     */
    private static final String WALK = """
            WITH RECURSIVE level(depth, frontier, seen) AS (
                SELECT 0, ARRAY[CAST(:start AS bigint)], ARRAY[CAST(:start AS bigint)]
              UNION ALL
                SELECT l.depth + 1, n.found, l.seen || n.found
                FROM level l
                CROSS JOIN LATERAL (
                    SELECT array_agg(x.id) AS found
                    FROM (
                        SELECT s.id
                        FROM unnest(l.frontier) AS f(id)
                        CROSS JOIN LATERAL (%s) s
                        JOIN configuration_item c ON c.id = s.id
                        WHERE c.merged_into IS NULL AND c.status NOT IN ('RETIRED', 'DISPOSED')
                        EXCEPT
                        SELECT unnest(l.seen)
                    ) x
                ) n
                WHERE l.depth < :depth AND n.found IS NOT NULL
            ),
            reached AS (SELECT unnest(frontier) AS id, depth FROM level WHERE depth > 0)
            SELECT r.id, r.depth, c.name, c.class_code, k.kind, c.status, c.supporting_unit, c.assigned_username,
                   c.assigned_name
            FROM reached r JOIN configuration_item c ON c.id = r.id JOIN ci_class k ON k.code = c.class_code
            """;

    private final JdbcClient jdbc;
    private final CmdbService cmdb;
    private final CmdbProperties properties;

    ImpactAnalysis(JdbcClient jdbc, CmdbService cmdb, CmdbProperties properties) {
        this.jdbc = jdbc;
        this.cmdb = cmdb;
        this.properties = properties;
    }

    private record Node(
            long id,
            int depth,
            String name,
            String classCode,
            ClassKind kind,
            CiStatus status,
            String supportingUnit,
            String assignedUsername,
            String assignedName) {}

    /**
     * @param depth relationship steps to follow (null: the default); at most the configured maximum
     * @param limit items listed per direction (null: the configured maximum); all are counted
     */
    public Impact analyse(long id, Integer depth, Integer limit, CurrentUser user) {
        ConfigurationItem item = cmdb.get(id, user);
        if (item.merged()) {
            throw CmdbRuleViolation.conflict(
                    "configuration-item-merged",
                    "Merged duplicate",
                    "Item " + id + " was merged into item " + item.mergedInto(),
                    Map.of("mergedInto", item.mergedInto()));
        }
        int steps = depth == null ? properties.impactDefaultDepth() : depth;
        if (steps < 1 || steps > properties.impactMaxDepth()) {
            throw CmdbRuleViolation.invalid(
                    "invalid-depth", "Depth is 1 to " + properties.impactMaxDepth(), Map.of("depth", steps));
        }
        int listed = limit == null ? properties.impactMaxItems() : limit;
        if (listed < 0 || listed > properties.impactMaxItems()) {
            throw CmdbRuleViolation.invalid(
                    "invalid-limit", "Limit is 0 to " + properties.impactMaxItems(), Map.of("limit", listed));
        }
        long started = System.nanoTime();
        List<Node> down = walk(SPREADS_TO, id, steps);
        List<Node> up = walk(NEEDS, id, steps);

        List<Node> services = down.stream()
                .filter(n -> n.kind() == ClassKind.SERVICE)
                .sorted(order())
                .toList();
        Map<String, Impact.Person> people = new TreeMap<>();
        Map<String, Integer> personItems = new HashMap<>();
        List<Node> withItem = new ArrayList<>(down);
        withItem.add(new Node(
                item.id(),
                0,
                item.name(),
                item.classCode(),
                null,
                item.status(),
                item.details().supportingUnit(),
                item.details().assignedUsername(),
                item.details().assignedName()));
        for (Node node : withItem) {
            if (node.assignedUsername() != null) {
                personItems.merge(node.assignedUsername(), 1, Integer::sum);
                people.putIfAbsent(
                        node.assignedUsername(), new Impact.Person(node.assignedUsername(), node.assignedName(), 0));
            }
        }
        List<Impact.Person> persons = people.values().stream()
                .map(p -> new Impact.Person(p.username(), p.name(), personItems.get(p.username())))
                .sorted(Comparator.comparing(Impact.Person::name, Comparator.nullsLast(String::compareTo))
                        .thenComparing(Impact.Person::username))
                .toList();

        Impact.Side downstream = side(down, listed, id, true);
        Impact.Side upstream = side(up, listed, id, false);
        List<Impact.Item> serviceItems = items(services.subList(0, Math.min(listed, services.size())), down, id, true);
        long took = (System.nanoTime() - started) / 1_000_000;
        return new Impact(
                new Impact.Item(
                        item.id(),
                        item.name(),
                        item.classCode(),
                        item.status(),
                        0,
                        null,
                        null,
                        item.details().supportingUnit(),
                        item.details().assignedUsername()),
                steps,
                downstream,
                upstream,
                serviceItems,
                persons.subList(0, Math.min(listed, persons.size())),
                persons.size(),
                took);
    }

    private List<Node> walk(String step, long start, int depth) {
        return jdbc.sql(WALK.formatted(step))
                .param("start", start)
                .param("depth", depth)
                .query((rs, n) -> new Node(
                        rs.getLong("id"),
                        rs.getInt("depth"),
                        rs.getString("name"),
                        rs.getString("class_code"),
                        ClassKind.valueOf(rs.getString("kind")),
                        CiStatus.valueOf(rs.getString("status")),
                        rs.getString("supporting_unit"),
                        rs.getString("assigned_username"),
                        rs.getString("assigned_name")))
                .list();
    }

    private Impact.Side side(List<Node> nodes, int limit, long start, boolean downstream) {
        Map<String, Integer> byClass = new TreeMap<>();
        nodes.forEach(n -> byClass.merge(n.classCode(), 1, Integer::sum));
        List<Node> sorted = nodes.stream().sorted(order()).toList();
        List<Node> listed = sorted.subList(0, Math.min(limit, sorted.size()));
        return new Impact.Side(
                nodes.size(), byClass, items(listed, nodes, start, downstream), listed.size() < nodes.size());
    }

    private static Comparator<Node> order() {
        return Comparator.comparingInt(Node::depth)
                .thenComparing(Node::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparingLong(Node::id);
    }

    /** The listed nodes with, for each, a neighbour one step closer to the start along which the walk came. */
    private List<Impact.Item> items(List<Node> listed, List<Node> all, long start, boolean downstream) {
        if (listed.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> depth = new HashMap<>();
        all.forEach(n -> depth.put(n.id(), n.depth()));
        depth.put(start, 0);
        Map<Long, Object[]> via = new LinkedHashMap<>();
        Long[] ids = listed.stream().map(Node::id).toArray(Long[]::new);
        jdbc.sql("""
                        SELECT source_id, type, target_id FROM ci_relationship
                        WHERE source_id = ANY(:ids) OR target_id = ANY(:ids)
                        ORDER BY id
                        """).param("ids", ids).query(rs -> {
            long source = rs.getLong("source_id");
            long target = rs.getLong("target_id");
            RelationshipType type = RelationshipType.valueOf(rs.getString("type"));
            // The edge spreads a failure from `from` to `to`.
            long from = type.failureSpreadsAlong() ? source : target;
            long to = type.failureSpreadsAlong() ? target : source;
            long node = downstream ? to : from;
            long neighbour = downstream ? from : to;
            Integer nodeDepth = depth.get(node);
            Integer neighbourDepth = depth.get(neighbour);
            if (nodeDepth != null && neighbourDepth != null && neighbourDepth == nodeDepth - 1) {
                via.putIfAbsent(node, new Object[] {neighbour, type});
            }
        });
        return listed.stream()
                .map(n -> {
                    Object[] step = via.get(n.id());
                    return new Impact.Item(
                            n.id(),
                            n.name(),
                            n.classCode(),
                            n.status(),
                            n.depth(),
                            step == null ? null : (Long) step[0],
                            step == null ? null : (RelationshipType) step[1],
                            n.supportingUnit(),
                            n.assignedUsername());
                })
                .toList();
    }
}
