package pl.krakow.coi.servicedesk.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Wiring of the domain events: asynchronous methods (an {@code @ApplicationModuleListener} is one) run on
 * the {@code eventDelivery} threads, and a listener that fails is logged and counted
 * ({@code servicedesk.events.deliveries.failed}, by listener). Its publication stays incomplete and is
 * resubmitted ({@link EventPublicationMaintenance}).
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    /**
     * Creates the event publication registry's beans when they are first used rather than at start-up. The JDBC
     * repository asks the database for its type when it is created, and the image's training run (ADR 0061)
     * refreshes the context without a database; the first publication or maintenance run creates them.
     */
    @Bean
    static BeanFactoryPostProcessor lazyEventPublicationRegistry() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanDefinitionNames()) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                if (isEventPublicationInfrastructure(beanFactory, definition)) {
                    definition.setLazyInit(true);
                }
            }
        };
    }

    private static boolean isEventPublicationInfrastructure(
            ConfigurableListableBeanFactory beanFactory, BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null
                && definition.getFactoryBeanName() != null
                && beanFactory.containsBeanDefinition(definition.getFactoryBeanName())) {
            type = beanFactory
                    .getBeanDefinition(definition.getFactoryBeanName())
                    .getBeanClassName();
        }
        return type != null && type.startsWith("org.springframework.modulith.events.");
    }

    static final String FAILED_DELIVERIES = "servicedesk.events.deliveries.failed";

    @Bean
    ThreadPoolTaskExecutor eventDelivery(EventsProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("event-delivery-");
        executor.setCorePoolSize(properties.delivery().threads());
        executor.setMaxPoolSize(properties.delivery().threads());
        // What is still queued at shutdown stays incomplete in the registry and is resubmitted later.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }

    @Bean
    AsyncConfigurer eventDeliveryAsync(
            @Qualifier("eventDelivery") ThreadPoolTaskExecutor eventDelivery, MeterRegistry registry) {
        return new Delivery(eventDelivery, registry);
    }

    private static final class Delivery implements AsyncConfigurer, AsyncUncaughtExceptionHandler {

        private static final Logger log = LoggerFactory.getLogger(Delivery.class);

        private final Executor executor;
        private final MeterRegistry registry;

        Delivery(Executor executor, MeterRegistry registry) {
            this.executor = executor;
            this.registry = registry;
        }

        @Override
        public Executor getAsyncExecutor() {
            return executor;
        }

        @Override
        public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
            return this;
        }

        @Override
        public void handleUncaughtException(Throwable failure, Method method, Object... params) {
            String listener = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            Counter.builder(FAILED_DELIVERIES)
                    .description("Deliveries of an event to a listener that failed (the publication is resubmitted)")
                    .tag("listener", listener)
                    .register(registry)
                    .increment();
            log.warn("Listener {} failed, its event publication stays incomplete: {}", listener, failure.toString());
        }
    }
}
