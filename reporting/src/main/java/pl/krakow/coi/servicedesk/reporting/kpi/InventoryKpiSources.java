package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.licence.Compliance;
import pl.krakow.coi.servicedesk.licence.domain.CompliancePosition;
import pl.krakow.coi.servicedesk.licence.domain.ComplianceStatus;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The licence and CMDB figures of the KPI report, read from the licence register's compliance positions
 * and from the configuration items. Management reads them with the report; the register itself is
 * read as a manager would (the report's own access rules decide who sees the report).
 */
@Configuration(proxyBeanMethods = false)
class InventoryKpiSources {

    static final int SHORTFALLS = 10;
    static final CurrentUser REPORTING =
            new CurrentUser("system:reporting", "KPI reporting", EnumSet.of(Role.MANAGER), Optional.empty());

    @Bean
    LicenceComplianceSource licenceComplianceSource(Compliance register) {
        return () -> {
            Compliance.Summary summary = register.summary(REPORTING);
            Map<String, Long> byStatus = new LinkedHashMap<>();
            summary.products().forEach((status, count) -> byStatus.put(status.name(), count));
            long products =
                    byStatus.values().stream().mapToLong(Long::longValue).sum();
            List<LicenceCompliance.Shortfall> shortfalls =
                    register.positions(null, null, 0, SHORTFALLS, REPORTING).stream()
                            .filter(p -> p.position().overDeployed() > 0
                                    || p.position().status() == ComplianceStatus.UNLICENSED)
                            .map(p -> shortfall(
                                    p.product().publisher() + " " + p.product().name(), p.position()))
                            .toList();
            return new LicenceCompliance(products, byStatus, shortfalls);
        };
    }

    /** Licensed: the entitlements of the valid licences (unlimited ones count as what is used). */
    static LicenceCompliance.Shortfall shortfall(String product, CompliancePosition position) {
        long licensed = position.lines().stream()
                .mapToLong(line ->
                        line.entitled() != null ? line.entitled() : Objects.requireNonNullElse(line.consumed(), 0L))
                .sum();
        return new LicenceCompliance.Shortfall(product, licensed + position.overDeployed(), licensed);
    }

    @Bean
    ConfigurationItemCountSource configurationItemCountSource(JdbcClient jdbc) {
        return new ConfigurationItemCountSource() {
            @Override
            public List<ConfigurationItemCount> counts() {
                return jdbc.sql("""
                                SELECT class_code, status, count(*) FROM configuration_item
                                GROUP BY class_code, status ORDER BY class_code, status
                                """)
                        .query((rs, n) -> new ConfigurationItemCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                        .list();
            }

            @Override
            public Map<String, String> names(List<String> ids) {
                Long[] numeric = ids.stream()
                        .filter(id -> id.matches("\\d{1,18}"))
                        .map(Long::valueOf)
                        .toArray(Long[]::new);
                Map<String, String> names = new LinkedHashMap<>();
                if (numeric.length > 0) {
                    jdbc.sql("SELECT id, name FROM configuration_item WHERE id = ANY(:ids)")
                            .param("ids", numeric)
                            .query(rs -> {
                                names.put(Long.toString(rs.getLong(1)), rs.getString(2));
                            });
                }
                return names;
            }
        };
    }
}
