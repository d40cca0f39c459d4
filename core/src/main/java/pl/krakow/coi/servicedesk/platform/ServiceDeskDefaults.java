package pl.krakow.coi.servicedesk.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code servicedesk-defaults.yml} as the lowest-precedence configuration, so the application
 * and every module's tests share the same defaults; anything in application.yml, the environment
 * or the command line overrides them.
 */
class ServiceDeskDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load("servicedesk-defaults", new ClassPathResource("servicedesk-defaults.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read servicedesk-defaults.yml", e);
        }
    }
}
