package pl.krakow.coi.servicedesk.attachment;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ClamAV scanner, its health indicator and the gauges of the files waiting for it, present only when
 * {@code servicedesk.attachments.scanner.clamd.host} is set; without it there is no {@link VirusScanner} and files
 * are available at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "servicedesk.attachments.scanner.clamd", name = "host")
@EnableConfigurationProperties(ClamdProperties.class)
class ClamdConfiguration {

    @Bean
    ClamdScanner clamdScanner(ClamdProperties properties, MeterRegistry registry) {
        return new ClamdScanner(properties, registry);
    }

    @Bean
    ScanQueueMetrics scanQueueMetrics(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new ScanQueueMetrics(jdbc, clock, registry);
    }

    @Bean("clamd")
    ClamdHealthIndicator clamdHealthIndicator(ClamdScanner scanner) {
        return new ClamdHealthIndicator(scanner);
    }
}
