package pl.krakow.coi.servicedesk.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.IngestTestApplication;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.TestClassesExcluded;

/**
 * Another replica of the application in the same JVM: a second Spring context on the test's database and
 * index prefix, on its own port, with its own properties (e.g. {@code servicedesk.instance.roles=api}).
 * Its {@link #api()} calls it over HTTP with tokens of its own issuer.
 */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a replica sharing the database and index prefix of the context whose {@code environment} is given. */
    public static SecondInstance start(Environment environment, Map<String, Object> extra) {
        return start(environment, extra, new Class<?>[0]);
    }

    /**
     * Starts a replica as {@link #start(Environment, Map)} does, with {@code components} of the test sources (test
     * components, which no component scan picks up) registered as well.
     */
    public static SecondInstance start(Environment environment, Map<String, Object> extra, Class<?>... components) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "servicedesk.elasticsearch.uris",
                "servicedesk.elasticsearch.index-prefix")) {
            properties.put(name, Objects.requireNonNullElse(environment.getProperty(name), ""));
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extra);
        // As command-line arguments: they win over servicedesk-defaults.yml (default properties would not).
        String[] arguments = properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        Class<?>[] sources = new Class<?>[components.length + 1];
        sources[0] = IngestTestApplication.class;
        System.arraycopy(components, 0, sources, 1, components.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
                .web(WebApplicationType.SERVLET)
                .initializers(
                        c -> c.getBeanFactory().registerSingleton("testClassesExcluded", new TestClassesExcluded()))
                .run(arguments);
        return new SecondInstance(context);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return Integer.parseInt(Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
    }

    /** Real HTTP calls to this replica. */
    public Api api() {
        RestTestClient client = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port())
                .build();
        return new Api(client, context.getBeanProvider(LocalTokenIssuer.class));
    }

    @Override
    public void close() {
        context.close();
    }
}
