package pl.krakow.coi.servicedesk.app;

import java.util.Map;
import javax.sql.DataSource;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStack;
import pl.krakow.coi.servicedesk.embedded.EmbeddedStackOptions;

/**
 * Starts the embedded PostgreSQL and Elasticsearch when no external ones are configured
 * ({@code spring.datasource.url}, {@code servicedesk.elasticsearch.uris}) and
 * {@code servicedesk.embedded.enabled} is not false. PostgreSQL is awaited; Elasticsearch finishes
 * starting while the application does (readiness stays DOWN until it is up).
 *
 * <p>The stack is a bean that the data source and the Elasticsearch client depend on, so on
 * shutdown (SIGINT, SIGTERM, a failed start) Spring destroys them first and stops the servers last.
 * Runs last among initializers but one, after test frameworks have added their properties; the demo mail server's
 * initializer runs after it, as it starts only in the embedded run this one sets up.
 */
class EmbeddedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String BEAN_NAME = "embeddedStack";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStackInitializer.class);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("servicedesk.embedded.enabled", Boolean.class, true)
                || environment.containsProperty("spring.datasource.url")
                || environment.containsProperty("servicedesk.elasticsearch.uris")) {
            return;
        }
        log.info("No external PostgreSQL/Elasticsearch configured: starting the embedded stack");
        EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.defaults("app")
                .withElasticsearchHeap(environment.getProperty("servicedesk.embedded.elasticsearch-heap", "512m"))
                .withAwaitElasticsearch(false));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        BEAN_NAME,
                        Map.of(
                                "spring.datasource.url", stack.jdbcUrl(),
                                "spring.datasource.username", stack.username(),
                                "spring.datasource.password", stack.password(),
                                "servicedesk.elasticsearch.uris",
                                        stack.elasticsearchUri().toString(),
                                "servicedesk.embedded.active", "true",
                                "servicedesk.embedded.log-directory",
                                        stack.logDirectory().toString())));
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, stack);
        beanFactory.registerDisposableBean(BEAN_NAME, stack::close);
        context.addBeanFactoryPostProcessor(factory -> {
            for (Class<?> client : new Class<?>[] {DataSource.class, RestClient.class}) {
                for (String name : factory.getBeanNamesForType(client, true, false)) {
                    factory.registerDependentBean(BEAN_NAME, name);
                }
            }
        });
    }
}
