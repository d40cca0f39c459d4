package pl.krakow.coi.servicedesk.app.demo;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the embedded run ({@code servicedesk.embedded.active}, set by the embedded stack's initializer, which runs
 * before this one), starts {@link DemoMailServer} and points {@code spring.mail.*} at it, unless
 * {@code spring.mail.host} is configured or {@code servicedesk.embedded.mail.enabled} is false. The ports are
 * {@code servicedesk.embedded.mail.smtp-port} and {@code imap-port} (free ones when taken). The server stops
 * with the context.
 */
class DemoMailServerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String BEAN_NAME = "demoMailServer";
    private static final Logger log = LoggerFactory.getLogger(DemoMailServerInitializer.class);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("servicedesk.embedded.active", Boolean.class, false)
                || !environment.getProperty("servicedesk.embedded.mail.enabled", Boolean.class, true)
                || environment.containsProperty("spring.mail.host")) {
            return;
        }
        DemoMailServer server = DemoMailServer.start(
                environment.getProperty("servicedesk.embedded.mail.smtp-port", Integer.class, 3025),
                environment.getProperty("servicedesk.embedded.mail.imap-port", Integer.class, 3143),
                DemoAccounts.people());
        log.info(
                "Demo mail server: SMTP on {}:{}, IMAP on {}:{}",
                DemoMailServer.HOST,
                server.smtpPort(),
                DemoMailServer.HOST,
                server.imapPort());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        BEAN_NAME,
                        Map.of(
                                "spring.mail.host",
                                DemoMailServer.HOST,
                                "spring.mail.port",
                                server.smtpPort(),
                                "spring.mail.protocol",
                                "smtp",
                                "servicedesk.embedded.mail.active",
                                "true")));
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, server);
        beanFactory.registerDisposableBean(BEAN_NAME, server::close);
    }
}
