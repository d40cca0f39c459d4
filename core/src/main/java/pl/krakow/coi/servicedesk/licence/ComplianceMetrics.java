package pl.krakow.coi.servicedesk.licence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.licence.domain.ComplianceStatus;

/**
 * Licence compliance gauges, read from the stored positions (so every replica reports the same figures):
 * products per status, missing and unused licence units per product, licences expiring within 30, 60 and
 * 90 days. Refreshed after each recomputation and every 30 s.
 */
@Component
class ComplianceMetrics {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge products;
    private final MultiGauge overDeployed;
    private final MultiGauge unused;
    private final MultiGauge expiring;

    ComplianceMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.products = MultiGauge.builder("servicedesk.licences.products")
                .description("Products per compliance status")
                .register(registry);
        this.overDeployed = MultiGauge.builder("servicedesk.licences.over.deployed")
                .description("Licence units missing for a product (devices, users or cores)")
                .register(registry);
        this.unused = MultiGauge.builder("servicedesk.licences.unused")
                .description("Licence units bought and not used for a product")
                .register(registry);
        this.expiring = MultiGauge.builder("servicedesk.licences.expiring")
                .description("Valid licences that end within the number of days")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${servicedesk.metrics.licence-refresh:30s}", initialDelayString = "7s")
    void refresh() {
        List<MultiGauge.Row<?>> statuses = new ArrayList<>();
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT status, count(*) FROM compliance_position GROUP BY status")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        for (ComplianceStatus status : ComplianceStatus.values()) {
            statuses.add(MultiGauge.Row.of(Tags.of("status", status.name()), counts.getOrDefault(status.name(), 0L)));
        }
        products.register(statuses, true);

        List<MultiGauge.Row<?>> over = new ArrayList<>();
        List<MultiGauge.Row<?>> spare = new ArrayList<>();
        jdbc.sql("""
                        SELECT p.publisher, p.name, cp.over_deployed, cp.unused
                        FROM compliance_position cp JOIN software_product p ON p.id = cp.product_id
                        WHERE cp.over_deployed > 0 OR cp.unused > 0
                        """).query(rs -> {
            Tags tags = Tags.of("publisher", rs.getString(1), "product", rs.getString(2));
            if (rs.getLong(3) > 0) {
                over.add(MultiGauge.Row.of(tags, rs.getLong(3)));
            }
            if (rs.getLong(4) > 0) {
                spare.add(MultiGauge.Row.of(tags, rs.getLong(4)));
            }
        });
        overDeployed.register(over, true);
        unused.register(spare, true);

        LocalDate today = LocalDate.now(clock.withZone(Compliance.CITY_HALL_ZONE));
        List<MultiGauge.Row<?>> ending = new ArrayList<>();
        jdbc.sql("""
                        SELECT count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 30),
                               count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 60),
                               count(*) FILTER (WHERE valid_until <= CAST(:today AS date) + 90)
                        FROM licence WHERE valid_from <= :today AND valid_until >= :today
                        """).param("today", Date.valueOf(today)).query(rs -> {
            ending.add(MultiGauge.Row.of(Tags.of("within", "30d"), rs.getLong(1)));
            ending.add(MultiGauge.Row.of(Tags.of("within", "60d"), rs.getLong(2)));
            ending.add(MultiGauge.Row.of(Tags.of("within", "90d"), rs.getLong(3)));
        });
        expiring.register(ending, true);
    }
}
