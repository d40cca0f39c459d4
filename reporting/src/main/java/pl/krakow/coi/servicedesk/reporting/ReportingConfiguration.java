package pl.krakow.coi.servicedesk.reporting;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of reporting: its properties, scheduling, and the ShedLock executor that keeps the scheduled
 * work (snapshots, monthly report) to one replica at a time through the {@code shedlock} table. The
 * lock provider is private to reporting (not a {@code LockProvider} bean), so other capabilities may
 * configure ShedLock their own way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingProperties.class)
@EnableScheduling
class ReportingConfiguration {

    @Bean
    LockingTaskExecutor reportingLocks(DataSource dataSource) {
        return new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }
}
