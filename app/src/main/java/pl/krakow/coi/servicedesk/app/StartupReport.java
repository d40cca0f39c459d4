package pl.krakow.coi.servicedesk.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStack;

/**
 * Prints where to go once the application is up: the URLs, and in the embedded run where the
 * servers' logs are and the demo logins (contributed by {@link StartupReportContributor}s).
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final ObjectProvider<EmbeddedStack> embeddedStack;
    private final List<StartupReportContributor> contributors;

    StartupReport(
            Environment environment,
            ObjectProvider<EmbeddedStack> embeddedStack,
            List<StartupReportContributor> contributors) {
        this.environment = environment;
        this.embeddedStack = embeddedStack;
        this.contributors = contributors;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        List<String> lines = new ArrayList<>();
        lines.add("COI Service Desk is running");
        lines.add("  Dashboard        " + base + "/");
        lines.add("  REST API         " + base + "/api/v1  (OpenAPI: " + base + "/v3/api-docs)");
        lines.add("  Health           " + base + "/actuator/health  (readiness: /actuator/health/readiness)");
        lines.add("  Metrics          " + base + "/actuator/prometheus  (a token of admin or an integration)");
        EmbeddedStack stack = embeddedStack.getIfAvailable();
        if (stack != null) {
            lines.add(
                    "  Embedded stack   PostgreSQL " + stack.jdbcUrl() + ", Elasticsearch " + stack.elasticsearchUri());
            lines.add("  Server logs      " + stack.logDirectory());
        }
        for (StartupReportContributor contributor : contributors) {
            lines.addAll(contributor.lines(base));
        }
        lines.add("  Stop with Ctrl-C.");
        log.info("\n\n{}\n", String.join("\n", lines));
        if (stack != null) {
            Thread waiter = new Thread(
                    () -> {
                        try {
                            stack.awaitElasticsearch(Duration.ofMinutes(3));
                            log.info("Elasticsearch is up: the service desk is ready ({}/actuator/health)", base);
                        } catch (RuntimeException e) {
                            log.error("Elasticsearch did not come up: {}", e.getMessage());
                        }
                    },
                    "embedded-elasticsearch-wait");
            waiter.setDaemon(true);
            waiter.start();
        }
    }
}
