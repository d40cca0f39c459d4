package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The scanner exists only when clamd's host is configured; otherwise files need no scan. */
class ClamdConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ClamdConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Clock.class, Clock::systemUTC)
            // Never asked anything here: the gauges read it only when they are read.
            .withBean(JdbcClient.class, () -> JdbcClient.create(new SimpleDriverDataSource()));

    @Test
    void withoutAHostThereIsNoScanner() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(VirusScanner.class);
            assertThat(context).doesNotHaveBean("clamd");
            assertThat(context).doesNotHaveBean(ScanQueueMetrics.class);
        });
    }

    @Test
    void withAHostTheScannerAndItsHealthIndicatorExist() {
        runner.withPropertyValues(
                        "servicedesk.attachments.scanner.clamd.host=clamav.servicedesk.svc",
                        "servicedesk.attachments.scanner.clamd.read-timeout=2m")
                .run(context -> {
                    assertThat(context).hasSingleBean(VirusScanner.class);
                    assertThat(context).getBean("clamd").isInstanceOf(ClamdHealthIndicator.class);
                    assertThat(context).hasSingleBean(ScanQueueMetrics.class);
                    ClamdProperties properties = context.getBean(ClamdProperties.class);
                    assertThat(properties.port()).isEqualTo(3310);
                    assertThat(properties.readTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(context.getBean(ClamdScanner.class).address()).isEqualTo("clamav.servicedesk.svc:3310");
                });
    }
}
