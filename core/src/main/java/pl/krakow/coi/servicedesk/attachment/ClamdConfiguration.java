package pl.krakow.coi.servicedesk.attachment;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ClamAV scanner and its health indicator, present only when {@code servicedesk.attachments.scanner.clamd.host}
 * is set; without it there is no {@link VirusScanner} and files are available at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "servicedesk.attachments.scanner.clamd", name = "host")
@EnableConfigurationProperties(ClamdProperties.class)
class ClamdConfiguration {

    @Bean
    ClamdScanner clamdScanner(ClamdProperties properties, MeterRegistry registry) {
        return new ClamdScanner(properties, registry);
    }

    @Bean("clamd")
    ClamdHealthIndicator clamdHealthIndicator(ClamdScanner scanner) {
        return new ClamdHealthIndicator(scanner);
    }
}
