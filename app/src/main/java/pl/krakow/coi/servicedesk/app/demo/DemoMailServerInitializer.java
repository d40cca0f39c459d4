package pl.krakow.coi.servicedesk.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
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
        environment.getPropertySources().addFirst(new MapPropertySource(BEAN_NAME, properties(server)));
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
        beanFactory.registerSingleton(BEAN_NAME, server);
        beanFactory.registerDisposableBean(BEAN_NAME, server::close);
    }

    /**
     * {@code spring.mail.*} pointed at the server, and the desk's mailbox read by the e-mail channel (its password in
     * a file readable by this user only, as a secret reference), which the notifications name as their Reply-To.
     */
    private static Map<String, Object> properties(DemoMailServer server) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.mail.host", DemoMailServer.HOST);
        properties.put("spring.mail.port", server.smtpPort());
        properties.put("spring.mail.protocol", "smtp");
        properties.put("servicedesk.embedded.mail.active", "true");
        String mailbox = "servicedesk.mail.mailboxes.servicedesk.";
        properties.put(mailbox + "address", DemoMailServer.DESK_ADDRESS);
        properties.put(mailbox + "host", DemoMailServer.HOST);
        properties.put(mailbox + "port", server.imapPort());
        properties.put(mailbox + "security", "NONE");
        properties.put(mailbox + "username", DemoMailServer.DESK_LOGIN);
        properties.put(mailbox + "password-ref", "file:" + secretFile(server.deskPassword()));
        properties.put(mailbox + "unknown-senders", "CREATE_EXTERNAL");
        properties.put("servicedesk.notifications.reply-to", "Service Desk COI <" + DemoMailServer.DESK_ADDRESS + ">");
        return properties;
    }

    private static Path secretFile(String secret) {
        try {
            Path file = Files.createTempFile(
                    "servicedesk-demo-mailbox",
                    ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo mailbox's secret file", e);
        }
    }
}
