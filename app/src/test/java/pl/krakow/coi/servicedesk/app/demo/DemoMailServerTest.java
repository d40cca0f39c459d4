package pl.krakow.coi.servicedesk.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The embedded run's mail server: started by its initializer with {@code spring.mail.*} pointed at it, a mail
 * sent through Spring Mail lands in a demo person's mailbox, read over IMAP with their username and
 * {@code demo}; stopped with the context. Nothing starts outside the embedded run.
 */
class DemoMailServerTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(MailSenderAutoConfiguration.class)
    static class MailOnly {}

    /** Runs the application's initializers around Boot's mail auto-configuration alone. */
    static ConfigurableApplicationContext start(String... properties) {
        List<String> arguments = new ArrayList<>(List.of(
                // Command-line arguments, so that they win over application.yml. The embedded PostgreSQL and
                // Elasticsearch are not this test's business.
                "--servicedesk.embedded.enabled=false",
                "--servicedesk.embedded.mail.smtp-port=0",
                "--servicedesk.embedded.mail.imap-port=0"));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(MailOnly.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    @Test
    void a_mail_sent_through_spring_mail_arrives_in_a_demo_persons_mailbox() throws Exception {
        int imapPort;
        try (ConfigurableApplicationContext context = start("servicedesk.embedded.active=true")) {
            Environment environment = context.getEnvironment();
            DemoMailServer server = context.getBean(DemoMailServer.class);
            imapPort = server.imapPort();
            assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("spring.mail.port", Integer.class))
                    .isEqualTo(server.smtpPort());
            assertThat(new DemoMailboxes(context.getBeanProvider(DemoMailServer.class)).lines("http://localhost:8080"))
                    .anySatisfy(line -> assertThat(line)
                            .contains("SMTP 127.0.0.1:" + server.smtpPort(), "IMAP 127.0.0.1:" + server.imapPort()))
                    .anySatisfy(line -> assertThat(line).contains("login = username", "'demo'"));

            SimpleMailMessage mail = new SimpleMailMessage();
            mail.setFrom("servicedesk@coi.krakow.pl");
            mail.setTo(DemoAccounts.email(DemoAccounts.REQUESTERS.get(0)));
            mail.setSubject("[INC-2026-000001] Zgłoszenie przyjęte – zażółć gęślą jaźń");
            mail.setText("Treść powiadomienia.");
            context.getBean(JavaMailSender.class).send(mail);

            assertThat(DemoAccounts.email(DemoAccounts.REQUESTERS.get(0))).isEqualTo("anna.nowak@um.krakow.pl");
            List<String> subjects = inbox(imapPort, "anna.nowak", DemoAccounts.PASSWORD);
            assertThat(subjects).containsExactly("[INC-2026-000001] Zgłoszenie przyjęte – zażółć gęślą jaźń");
            // Another person's mailbox is their own.
            assertThat(inbox(imapPort, "jan.kowalski", DemoAccounts.PASSWORD)).isEmpty();
            assertThatThrownBy(() -> inbox(imapPort, "anna.nowak", "wrong")).isInstanceOf(MessagingException.class);
        }
        // Closed with the context.
        assertThatThrownBy(() -> inbox(imapPort, "anna.nowak", DemoAccounts.PASSWORD))
                .isInstanceOf(MessagingException.class);
    }

    @Test
    void the_desk_has_a_mailbox_the_e_mail_channel_reads_with_a_secret_in_a_private_file() throws Exception {
        try (ConfigurableApplicationContext context = start("servicedesk.embedded.active=true")) {
            Environment environment = context.getEnvironment();
            DemoMailServer server = context.getBean(DemoMailServer.class);
            String mailbox = "servicedesk.mail.mailboxes.servicedesk.";
            assertThat(environment.getProperty(mailbox + "address")).isEqualTo("servicedesk@coi.krakow.pl");
            assertThat(environment.getProperty(mailbox + "port", Integer.class)).isEqualTo(server.imapPort());
            assertThat(environment.getProperty("servicedesk.notifications.reply-to"))
                    .contains("servicedesk@coi.krakow.pl");
            String reference = environment.getProperty(mailbox + "password-ref");
            assertThat(reference).startsWith("file:");
            java.nio.file.Path secret = java.nio.file.Path.of(reference.substring("file:".length()));
            assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            // The reader signs in with what the file holds; nobody else knows it.
            assertThat(inbox(server.imapPort(), "servicedesk", java.nio.file.Files.readString(secret)))
                    .isEmpty();
            assertThatThrownBy(() -> inbox(server.imapPort(), "servicedesk", DemoAccounts.PASSWORD))
                    .isInstanceOf(MessagingException.class);
        }
    }

    @Test
    void outside_the_embedded_run_no_mail_server_starts() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeanProvider(DemoMailServer.class).getIfAvailable())
                    .isNull();
            assertThat(context.getEnvironment().getProperty("spring.mail.host")).isNull();
        }
        try (ConfigurableApplicationContext context =
                start("servicedesk.embedded.active=true", "spring.mail.host=smtp.um.krakow.pl")) {
            assertThat(context.getBeanProvider(DemoMailServer.class).getIfAvailable())
                    .isNull();
        }
    }

    @Test
    void demo_people_have_addresses_at_the_city_hall_or_the_service_centre() {
        assertThat(DemoAccounts.people()).noneMatch(p -> p.username().equals("integracja"));
        assertThat(DemoAccounts.email(DemoAccounts.agentOf("IT-04-2"))).isEqualTo("ewa.zielinska@coi.krakow.pl");
        assertThat(DemoAccounts.MANAGEMENT)
                .allSatisfy(m -> assertThat(DemoAccounts.email(m)).endsWith("@coi.krakow.pl"));
        assertThat(DemoAccounts.REQUESTERS)
                .allSatisfy(r -> assertThat(DemoAccounts.email(r)).endsWith("@um.krakow.pl"));
    }

    static List<String> inbox(int imapPort, String login, String password) throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, login, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
