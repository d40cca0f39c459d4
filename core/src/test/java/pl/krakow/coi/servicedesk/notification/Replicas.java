package pl.krakow.coi.servicedesk.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import pl.krakow.coi.servicedesk.CoreTestApplication;
import pl.krakow.coi.servicedesk.testing.TestClassesExcluded;

/** Another replica of the application on the test's database, Elasticsearch and SMTP server. */
final class Replicas {

    private static final List<String> SHARED = List.of(
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "servicedesk.elasticsearch.uris",
            "servicedesk.elasticsearch.index-prefix",
            "spring.mail.host",
            "spring.mail.port",
            "servicedesk.notifications.sender.poll-interval",
            "servicedesk.notifications.sender.initial-backoff",
            "servicedesk.notifications.sender.max-backoff",
            "servicedesk.notifications.sender.max-attempts",
            "servicedesk.notifications.damping.per-recipient",
            "servicedesk.notifications.damping.per-recipient-and-ticket",
            "servicedesk.events.resubmission.interval",
            "servicedesk.events.resubmission.staleness");

    private Replicas() {}

    /** Starts one with the test context's shared settings, and {@code extra}. */
    static ConfigurableApplicationContext start(Environment environment, Map<String, String> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : SHARED) {
            properties.put(name, Objects.requireNonNullElse(environment.getProperty(name), ""));
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
        String[] arguments = properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CoreTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(context ->
                        context.getBeanFactory().registerSingleton("testClassesExcluded", new TestClassesExcluded()))
                .run(arguments);
    }
}
