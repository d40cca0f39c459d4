package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.SecondInstance;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * Two worker replicas on one database, both configured with the same mailbox: one reads it at a time (the lease),
 * the other takes over when the first shuts down mid-way, and each of 50 mails is processed exactly once.
 */
@IntegrationTest(properties = "servicedesk.mail.reader.enabled=false")
@Import(RecordingMailProcessor.class)
class MailboxReplicasIT {

    static final String PASSWORD = "Replica-Imap-Secret-42";
    static final TestMailServer SERVER = new TestMailServer();
    static final GreenMailUser DESK = SERVER.user("desk@coi.krakow.pl", "desk", PASSWORD);
    static final Path SECRET = MailboxReaderIT.secret(PASSWORD);

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    SecondInstance first;
    SecondInstance second;

    @AfterEach
    void close() {
        RecordingMailProcessor.HOOKS.clear();
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    void fiftyMailsAreEachProcessedExactlyOnceAcrossTwoReplicasAndATakeover() {
        Map<String, Object> mailbox = new LinkedHashMap<>();
        String prefix = "servicedesk.mail.mailboxes.desk.";
        mailbox.put(prefix + "address", "desk@coi.krakow.pl");
        mailbox.put(prefix + "host", "127.0.0.1");
        mailbox.put(prefix + "port", SERVER.imapPort());
        mailbox.put(prefix + "security", "NONE");
        mailbox.put(prefix + "username", "desk");
        mailbox.put(prefix + "password-ref", "file:" + SECRET);
        mailbox.put(prefix + "poll-interval", "10m");
        mailbox.put("servicedesk.mail.reader.check-interval", "300ms");
        mailbox.put("servicedesk.mail.reader.lease-duration", "20s");
        mailbox.put("servicedesk.mail.reader.initial-backoff", "200ms");
        mailbox.put("servicedesk.mail.reader.max-backoff", "1s");
        mailbox.put("servicedesk.mail.reader.fetch-batch", "10");
        first = SecondInstance.start(environment, mailbox, RecordingMailProcessor.class);
        second = SecondInstance.start(environment, mailbox, RecordingMailProcessor.class);
        // Slow enough that the first holder is still at work when it is shut down.
        RecordingMailProcessor.HOOKS.put("Replica ", subject -> pause(Duration.ofMillis(100)));

        for (int i = 0; i < 50; i++) {
            SERVER.deliver(
                    DESK,
                    TestMailServer.mail("replica-" + i + "@client.example", "anna@um.krakow.pl", "Replica " + i, "x"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> effects() >= 10);
        String holder = holder();
        SecondInstance holding = first.bean(MailboxReaders.class).holder().equals(holder) ? first : second;
        SecondInstance other = holding == first ? second : first;
        assertThat(other.bean(MailboxReaders.class).holder()).isNotEqualTo(holder);
        holding.close();
        if (holding == first) {
            first = null;
        } else {
            second = null;
        }

        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(SERVER.subjects(DESK, "Processed"))
                        .filteredOn(s -> s.startsWith("Replica "))
                        .hasSize(50));
        assertThat(holder()).isEqualTo(other.bean(MailboxReaders.class).holder());
        List<Map<String, Object>> counts = jdbc.sql(
                        "SELECT message_id, count(*) AS n FROM mail_test_effect GROUP BY message_id HAVING count(*) <> 1")
                .query()
                .listOfRows();
        assertThat(counts).as("mails processed other than once").isEmpty();
        assertThat(effects()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_message WHERE message_id LIKE 'replica-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(50);
        assertThat(SERVER.subjects(DESK, "INBOX")).isEmpty();
    }

    private long effects() {
        return jdbc.sql("SELECT count(*) FROM mail_test_effect WHERE subject LIKE 'Replica %'")
                .query(Long.class)
                .single();
    }

    private String holder() {
        return jdbc.sql("SELECT holder FROM mail_mailbox_lease WHERE mailbox = 'desk'")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
