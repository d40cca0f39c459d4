package pl.krakow.coi.servicedesk.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Points every {@link IntegrationTest} context at its own database and index prefix on the shared stack. */
public final class EmbeddedStackContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        Class<?> outer = testClass;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        if (!MergedAnnotations.from(outer, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(IntegrationTest.class)) {
            return null;
        }
        return new Customizer(outer);
    }

    private static final class Customizer implements ContextCustomizer {

        private final Class<?> testClass;

        Customizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            StackCoordinates stack = SharedStack.get();
            String database = TestDatabases.create(testClass);
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "embeddedStack",
                            Map.of(
                                    "spring.datasource.url", stack.jdbcUrl(database),
                                    "spring.datasource.username", stack.username(),
                                    "spring.datasource.password", "",
                                    "servicedesk.elasticsearch.uris",
                                            stack.elasticsearchUri().toString(),
                                    "servicedesk.elasticsearch.index-prefix",
                                            TestDatabases.indexPrefixFor(testClass))));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer customizer && customizer.testClass == testClass;
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass);
        }
    }
}
