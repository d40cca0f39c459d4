package pl.krakow.coi.servicedesk.licence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.licence.domain.CompliancePosition;
import pl.krakow.coi.servicedesk.licence.domain.ComplianceStatus;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.licence.domain.ProductUsage;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the compliance position of every product current. Whatever changes installations, licences, their
 * assignments, a product or an item's service status marks the products it touches ({@link #changed}) in its
 * own transaction; right after that commits, the marked products are recomputed, each under a lock on its
 * product row so that concurrent recomputations end with the latest data. Marks left by a failure are
 * picked up by a periodic sweep; a daily recomputation moves licences into "expired" and "expiring".
 */
@Service
public class Compliance implements DisposableBean {

    /** Business dates (validity, expiry) are City Hall dates. */
    public static final ZoneId CITY_HALL_ZONE = ZoneId.of("Europe/Warsaw");

    private static final Logger log = LoggerFactory.getLogger(Compliance.class);
    private static final TypeReference<List<CompliancePosition.Line>> LINES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final SoftwareProducts products;
    private final LicenceProperties properties;
    private final LicenceAccess access;
    private final ComplianceMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    /** After {@link #COALESCING_DELAY}, one drain for every coalesced transaction committed meanwhile. */
    private final ScheduledExecutorService coalescer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "compliance-coalescer");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** How long a coalesced drain waits for further marks ({@link #coalesceAfterCommit}). */
    static final long COALESCING_DELAY_MILLIS = 1000;

    Compliance(
            JdbcClient jdbc,
            SoftwareProducts products,
            LicenceProperties properties,
            LicenceAccess access,
            ComplianceMetrics metrics,
            JsonMapper json,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.products = products;
        this.properties = properties;
        this.access = access;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A product with its position. */
    public record ProductPosition(SoftwareProduct product, CompliancePosition position, Instant computedAt) {}

    /**
     * Marks products whose position the caller's change affects. Within a transaction they are recomputed
     * right after it commits (once per transaction); without one, at once.
     */
    public void changed(Collection<Long> productIds) {
        Long[] ids = productIds.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
        if (ids.length == 0) {
            return;
        }
        jdbc.sql("INSERT INTO compliance_dirty (product_id) SELECT unnest(CAST(:ids AS bigint[]))")
                .param("ids", ids)
                .update();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            drainQuietly();
            return;
        }
        drainAfterCommit();
    }

    /**
     * For bursts of reports (agent inventories): the products the caller's transaction marks are not
     * recomputed by the committing thread right after its commit, but by one background drain
     * {@link #COALESCING_DELAY_MILLIS} later that covers every transaction committed meanwhile, so that a
     * hundred inventories reporting the same products recompute each product once, not a hundred times.
     * The marks are written in the caller's transaction as always (the periodic sweep is still the safety
     * net). Outside a transaction nothing changes: {@link #changed} drains at once.
     */
    public void coalesceAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            drainAfterCommit().coalesced = true;
        }
    }

    private DrainAfterCommit drainAfterCommit() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof DrainAfterCommit drain) {
                return drain;
            }
        }
        DrainAfterCommit drain = new DrainAfterCommit();
        TransactionSynchronizationManager.registerSynchronization(drain);
        return drain;
    }

    /** Drains once after the transaction that marked products commits (a nested transaction has its own). */
    private final class DrainAfterCommit implements TransactionSynchronization {

        boolean coalesced;

        @Override
        public void afterCommit() {
            if (coalesced) {
                drainSoon();
            } else {
                drainQuietly();
            }
        }
    }

    /** Schedules a drain unless one is scheduled and has not started yet (it will see these marks). */
    private void drainSoon() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                coalescer.schedule(
                        () -> {
                            drainScheduled.set(false);
                            drainQuietly();
                        },
                        COALESCING_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                drainScheduled.set(false);
            }
        }
    }

    @Override
    public void destroy() {
        coalescer.shutdownNow();
    }

    /** Recomputes the marked products, in batches, until none is left (or others are recomputing them). */
    public int drain() {
        int recomputed = 0;
        while (true) {
            Integer batch = ownTransaction.execute(status -> {
                List<Long> ids = jdbc.sql("""
                                DELETE FROM compliance_dirty WHERE id IN (
                                    SELECT id FROM compliance_dirty ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 500)
                                RETURNING product_id
                                """).query(Long.class).list().stream()
                        .distinct()
                        .sorted()
                        .toList();
                ids.forEach(this::recompute);
                return ids.size();
            });
            if (batch == null || batch == 0) {
                break;
            }
            recomputed += batch;
        }
        if (recomputed > 0) {
            metrics.refresh();
        }
        return recomputed;
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Compliance recomputation failed; the periodic sweep retries it", e);
        }
    }

    /** The safety net: recomputes what is still marked (e.g. after a failed recomputation). */
    @Scheduled(
            fixedDelayString = "${servicedesk.licence.sweep-interval:1m}",
            initialDelayString = "${servicedesk.licence.sweep-interval:1m}")
    void sweep() {
        drainQuietly();
    }

    /**
     * Recomputes every product's position: licences expire and near their end overnight. Scheduled once
     * across replicas by {@link NightlyComplianceRecomputation}.
     */
    public void recomputeAll() {
        ownTransaction.executeWithoutResult(status -> changed(products.inUse()));
        metrics.refresh();
    }

    /** Recomputes one product's position in the caller's transaction, under a lock on the product. */
    CompliancePosition recompute(long productId) {
        Optional<Boolean> licenceRequired = jdbc.sql(
                        "SELECT licence_required FROM software_product WHERE id = :id FOR NO KEY UPDATE")
                .param("id", productId)
                .query(Boolean.class)
                .optional();
        if (licenceRequired.isEmpty()) {
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(CITY_HALL_ZONE));
        ProductUsage usage = usage(productId, licenceRequired.get(), today);
        CompliancePosition position = CompliancePosition.of(usage);
        if (usage.installedDevices() == 0 && usage.entitlements().isEmpty() && usage.assignedUsers() == 0) {
            jdbc.sql("DELETE FROM compliance_position WHERE product_id = :id")
                    .param("id", productId)
                    .update();
            return position;
        }
        jdbc.sql("""
                        INSERT INTO compliance_position (product_id, status, installed_devices, assigned_users,
                            over_deployed, unused, expiring_30, expiring_60, expiring_90, lines, computed_at)
                        VALUES (:id, :status, :installed, :users, :over, :unused, :e30, :e60, :e90,
                            CAST(:lines AS jsonb), :at)
                        ON CONFLICT (product_id) DO UPDATE SET status = EXCLUDED.status,
                            installed_devices = EXCLUDED.installed_devices, assigned_users = EXCLUDED.assigned_users,
                            over_deployed = EXCLUDED.over_deployed, unused = EXCLUDED.unused,
                            expiring_30 = EXCLUDED.expiring_30, expiring_60 = EXCLUDED.expiring_60,
                            expiring_90 = EXCLUDED.expiring_90, lines = EXCLUDED.lines,
                            computed_at = EXCLUDED.computed_at
                        """)
                .param("id", productId)
                .param("status", position.status().name())
                .param("installed", position.installedDevices())
                .param("users", position.assignedUsers())
                .param("over", position.overDeployed())
                .param("unused", position.unused())
                .param("e30", position.expiring30())
                .param("e60", position.expiring60())
                .param("e90", position.expiring90())
                .param("lines", json.writeValueAsString(position.lines()))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return position;
    }

    /** What the database knows about a product's use and entitlements today. */
    ProductUsage usage(long productId, boolean licenceRequired, LocalDate today) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("product", productId)
                .addValue("today", Date.valueOf(today))
                .addValue("cores", properties.defaultCoresPerDevice());
        String valid = """
                WITH valid AS (
                    SELECT l.id, l.metric, l.quantity, l.valid_until
                    FROM licence l JOIN licence_product lp ON lp.licence_id = l.id
                    WHERE lp.product_id = :product AND l.valid_from <= :today
                      AND (l.valid_until IS NULL OR l.valid_until >= :today)
                )
                """;
        Map<LicenceMetric, Long> entitlements = new EnumMap<>(LicenceMetric.class);
        jdbc.sql(valid + "SELECT metric, coalesce(sum(quantity), count(*)) AS total FROM valid GROUP BY metric")
                .paramSource(params)
                .query(rs -> {
                    entitlements.put(LicenceMetric.valueOf(rs.getString("metric")), rs.getLong("total"));
                });
        return jdbc.sql(valid + """
                        , users AS (
                            SELECT DISTINCT a.person_username AS username
                            FROM licence_assignment a JOIN valid v ON v.id = a.licence_id
                            WHERE v.metric = 'PER_USER' AND a.ended_at IS NULL AND a.person_username IS NOT NULL
                        ),
                        core_devices AS (
                            SELECT DISTINCT a.ci_id
                            FROM licence_assignment a JOIN valid v ON v.id = a.licence_id
                            WHERE v.metric = 'PER_CORE' AND a.ended_at IS NULL AND a.ci_id IS NOT NULL
                        ),
                        devices AS (
                            SELECT c.id, coalesce(c.cores, :cores) AS cores,
                                   coalesce(c.assigned_username IN (SELECT username FROM users), false) AS user_covered,
                                   c.id IN (SELECT ci_id FROM core_devices) AS core_assigned
                            FROM configuration_item c
                            WHERE c.id IN (SELECT i.ci_id FROM software_installation i
                                           WHERE i.product_id = :product AND i.ended_at IS NULL)
                              AND c.merged_into IS NULL AND c.status NOT IN ('RETIRED', 'DISPOSED')
                        )
                        SELECT
                            (SELECT count(*) FROM devices) AS installed,
                            (SELECT count(*) FROM devices WHERE user_covered) AS user_covered,
                            (SELECT count(*) FROM devices WHERE NOT user_covered AND core_assigned) AS core_devices,
                            (SELECT coalesce(sum(cores), 0) FROM devices WHERE NOT user_covered AND core_assigned)
                                AS core_cores,
                            (SELECT coalesce(sum(cores), 0) FROM devices WHERE NOT user_covered) AS rest_cores,
                            (SELECT count(*) FROM users) AS users,
                            (SELECT count(*) FROM valid WHERE valid_until <= CAST(:today AS date) + 30) AS e30,
                            (SELECT count(*) FROM valid WHERE valid_until <= CAST(:today AS date) + 60) AS e60,
                            (SELECT count(*) FROM valid WHERE valid_until <= CAST(:today AS date) + 90) AS e90
                        """)
                .paramSource(params)
                .query((rs, n) -> new ProductUsage(
                        licenceRequired,
                        rs.getInt("installed"),
                        rs.getInt("user_covered"),
                        rs.getInt("core_devices"),
                        rs.getLong("core_cores"),
                        rs.getLong("rest_cores"),
                        rs.getInt("users"),
                        entitlements,
                        rs.getInt("e30"),
                        rs.getInt("e60"),
                        rs.getInt("e90")))
                .single();
    }

    /**
     * The register at a glance.
     *
     * @param products per status, how many products
     * @param expiring per horizon (30, 60, 90 days), how many valid licences end within it
     */
    public record Summary(
            Map<ComplianceStatus, Long> products, long overDeployed, long unused, Map<Integer, Long> expiring) {}

    public Summary summary(CurrentUser user) {
        access.requireRead(user);
        Map<ComplianceStatus, Long> counts = new EnumMap<>(ComplianceStatus.class);
        for (ComplianceStatus status : ComplianceStatus.values()) {
            counts.put(status, 0L);
        }
        long[] units = new long[2];
        jdbc.sql("SELECT status, count(*), sum(over_deployed), sum(unused) FROM compliance_position GROUP BY status")
                .query(rs -> {
                    counts.put(ComplianceStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    units[0] += rs.getLong(3);
                    units[1] += rs.getLong(4);
                });
        Map<Integer, Long> expiring = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 30),
                               count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 60),
                               count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 90)
                        FROM licence WHERE valid_from <= :today AND valid_until >= :today
                        """)
                .param("today", Date.valueOf(LocalDate.now(clock.withZone(CITY_HALL_ZONE))))
                .query(rs -> {
                    expiring.put(30, rs.getLong(1));
                    expiring.put(60, rs.getLong(2));
                    expiring.put(90, rs.getLong(3));
                });
        return new Summary(counts, units[0], units[1], expiring);
    }

    public Optional<ProductPosition> position(long productId, CurrentUser user) {
        access.requireRead(user);
        return find("cp.product_id = :id", new MapSqlParameterSource("id", productId), 0, 1).stream()
                .findFirst();
    }

    /** Positions, the most over-deployed first. */
    public List<ProductPosition> positions(
            ComplianceStatus status, String publisher, int page, int size, CurrentUser user) {
        access.requireRead(user);
        List<String> where = new ArrayList<>(List.of("TRUE"));
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (status != null) {
            where.add("cp.status = :status");
            params.addValue("status", status.name());
        }
        if (publisher != null && !publisher.isBlank()) {
            where.add("lower(p.publisher) = lower(:publisher)");
            params.addValue("publisher", publisher.strip());
        }
        return find(String.join(" AND ", where), params, page, size);
    }

    private List<ProductPosition> find(String condition, MapSqlParameterSource params, int page, int size) {
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return jdbc.sql(
                        "SELECT cp.*, p.publisher, p.name, p.licence_required, p.description, p.version AS pv"
                                + " FROM compliance_position cp JOIN software_product p ON p.id = cp.product_id WHERE "
                                + condition
                                + " ORDER BY cp.over_deployed DESC, lower(p.publisher), lower(p.name) LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query((rs, n) -> {
                    List<CompliancePosition.Line> lines = json.readValue(rs.getString("lines"), LINES);
                    long unlicensed = rs.getLong("over_deployed")
                            - lines.stream()
                                    .mapToLong(CompliancePosition.Line::overDeployed)
                                    .sum();
                    return new ProductPosition(
                            new SoftwareProduct(
                                    rs.getLong("product_id"),
                                    rs.getString("publisher"),
                                    rs.getString("name"),
                                    rs.getBoolean("licence_required"),
                                    rs.getString("description"),
                                    rs.getLong("pv")),
                            new CompliancePosition(
                                    ComplianceStatus.valueOf(rs.getString("status")),
                                    rs.getInt("installed_devices"),
                                    rs.getInt("assigned_users"),
                                    lines,
                                    Math.max(0, unlicensed),
                                    rs.getLong("over_deployed"),
                                    rs.getLong("unused"),
                                    rs.getInt("expiring_30"),
                                    rs.getInt("expiring_60"),
                                    rs.getInt("expiring_90")),
                            rs.getTimestamp("computed_at").toInstant());
                })
                .list();
    }
}
