package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

/**
 * How fast a mail becomes a ticket (BENCHMARKS.md, "E-mail channel"). The whole path runs: IMAP (IDLE, fetch,
 * move), the parser, the people register, the ticket's registration with its events, the ledger row with the stored
 * original.
 *
 * <ul>
 *   <li><b>Latency</b>: mails are delivered into the desk's mailbox one after another, at most {@code rate} a second,
 *       each timed from its delivery to its ticket's commit (its ledger row's {@code processed_at}, stamped in the
 *       processing transaction just before it commits), with the reader waiting in IDLE. A mail is delivered only
 *       after the previous one left the INBOX: GreenMail, the IMAP server in the JVM, throws when a delivery meets
 *       the reader's MOVE of an earlier mail ("Need to do this properly", its expunge bookkeeping), which a real
 *       server does not.
 *   <li><b>Throughput</b>: {@code burst} mails wait in a mailbox that an admin then adds through the API (a backlog
 *       after an outage); mails per second from the first ticket committed to the last.
 * </ul>
 *
 * <p>The suite runs a smoke size and asserts only that each mail made exactly one ticket; the benchmark runs
 * {@code -Dmail.benchmark.rate=20 -Dmail.benchmark.seconds=15 -Dmail.benchmark.burst=1500 -Dmail.benchmark.runs=3}
 * and writes its figures to {@code ingest/target/mail-benchmark.txt}.
 */
@IntegrationTest
@TimingSensitive
class MailBenchmarkIT {

    static final int RATE = Integer.getInteger("mail.benchmark.rate", 10);
    static final int SECONDS = Integer.getInteger("mail.benchmark.seconds", 3);
    static final int BURST = Integer.getInteger("mail.benchmark.burst", 100);
    static final int RUNS = Integer.getInteger("mail.benchmark.runs", 1);
    static final int REQUESTERS = 400;

    static final String PASSWORD = "Bench-Imap-Passw0rd";
    static final TestMailServer SERVER = new TestMailServer();
    static final GreenMailUser DESK = SERVER.user("helpdesk@coi.krakow.pl", "helpdesk", PASSWORD);
    static final Path SECRET = secret();

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        String prefix = "servicedesk.mail.mailboxes.helpdesk.";
        registry.add(prefix + "address", () -> "helpdesk@coi.krakow.pl");
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", SERVER::imapPort);
        registry.add(prefix + "security", () -> "NONE");
        registry.add(prefix + "username", () -> "helpdesk");
        registry.add(prefix + "password-ref", () -> "file:" + SECRET);
        // Minutes: mails that arrive within seconds came by IDLE.
        registry.add(prefix + "poll-interval", () -> "10m");
        // A mailbox added through the API is read within a second.
        registry.add("servicedesk.mail.reader.check-interval", () -> "1s");
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    @Test
    void mailsBecomeTicketsQuicklyAndInBulk() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < REQUESTERS; i++) {
            String username = "bench.mail" + i;
            people.upsert(username, "Pracownik " + i, username + "@um.krakow.pl", "KP-01", "manual", now);
        }
        List<String> lines = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Latency latency = deliverOneByOne(run);
            double mailsPerSecond = burst(run);
            p50s.add(latency.p50());
            p99s.add(latency.p99());
            rates.add(mailsPerSecond);
            lines.add(String.format(
                    Locale.ROOT,
                    "run %d: %d mails one by one (at most %d/s), delivered to ticket committed p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                            + " a backlog of %d mails made tickets at %.1f mails/s",
                    run,
                    latency.count(),
                    RATE,
                    latency.p50(),
                    latency.p99(),
                    latency.max(),
                    BURST,
                    mailsPerSecond));
        }
        lines.add(String.format(
                Locale.ROOT,
                "median of %d run(s): p50 %.0f ms, p99 %.0f ms, %.1f mails/s (targets: p99 < 10000 ms, >= 50"
                        + " mails/s); %d cores, load average %.1f",
                RUNS,
                median(p50s),
                median(p99s),
                median(rates),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        lines.forEach(System.out::println);
        Path report = Path.of("target", "mail-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
    }

    /**
     * Delivers {@code RATE * SECONDS} mails, one after the previous left the INBOX and at most {@link #RATE} a second;
     * returns each one's delivery-to-commit time.
     */
    private Latency deliverOneByOne(int run) throws InterruptedException {
        int total = RATE * SECONDS;
        Map<String, Instant> delivered = new ConcurrentHashMap<>();
        long period = 1_000_000_000L / RATE;
        for (int i = 0; i < total; i++) {
            long next = System.nanoTime() + period;
            String id = "rate-" + run + "-" + i + "@bench.example";
            SERVER.deliver(DESK, mail(id, i));
            delivered.put(id, Instant.now());
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> SERVER.subjects(DESK, "INBOX").isEmpty());
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> committed("rate-" + run + "-%") == total);
        Map<String, Instant> commits = commitTimes("rate-" + run + "-%");
        List<Double> latencies = new ArrayList<>();
        delivered.forEach((id, at) ->
                latencies.add(Math.max(0, Duration.between(at, commits.get(id)).toNanos()) / 1e6));
        Collections.sort(latencies);
        assertOncePerMail("rate-" + run + "-%", total);
        return new Latency(
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.get(latencies.size() - 1));
    }

    /**
     * Delivers {@link #BURST} mails into a mailbox nobody reads yet, then adds it through the admin API; returns the
     * mails per second from its first ticket committed to its last.
     */
    private double burst(int run) {
        String prefix = "burst-" + run + "-";
        String login = "backlog" + run;
        GreenMailUser backlog = SERVER.user(login + "@coi.krakow.pl", login, PASSWORD);
        for (int i = 0; i < BURST; i++) {
            SERVER.deliver(backlog, mail(prefix + i + "@bench.example", i));
        }
        Map<String, Object> mailbox = new LinkedHashMap<>();
        mailbox.put("address", login + "@coi.krakow.pl");
        mailbox.put("host", "127.0.0.1");
        mailbox.put("port", SERVER.imapPort());
        mailbox.put("security", "NONE");
        mailbox.put("username", login);
        mailbox.put("passwordRef", "file:" + SECRET);
        api.as(TestUsers.admin("bench.admin"))
                .put()
                .uri("/api/v1/admin/mailboxes/{name}", login)
                .contentType(MediaType.APPLICATION_JSON)
                .body(mailbox)
                .exchange()
                .expectStatus()
                .isCreated();
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> committed(prefix + "%") == BURST);
        assertOncePerMail(prefix + "%", BURST);
        List<Instant> times = new ArrayList<>(commitTimes(prefix + "%").values());
        Collections.sort(times);
        double seconds =
                Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e9;
        return (BURST - 1) / seconds;
    }

    private long committed(String pattern) {
        return jdbc.sql("SELECT count(*) FROM mail_message WHERE message_id LIKE :p AND outcome <> 'PROCESSING'")
                .param("p", pattern)
                .query(Long.class)
                .single();
    }

    private Map<String, Instant> commitTimes(String pattern) {
        Map<String, Instant> times = new ConcurrentHashMap<>();
        jdbc.sql("SELECT message_id, processed_at FROM mail_message WHERE message_id LIKE :p")
                .param("p", pattern)
                .query((rs, n) -> times.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        return times;
    }

    /** Each mail made exactly one ticket, on the e-mail channel. */
    private void assertOncePerMail(String pattern, int expected) {
        List<String> outcomes = jdbc.sql("SELECT DISTINCT outcome FROM mail_message WHERE message_id LIKE :p")
                .param("p", pattern)
                .query(String.class)
                .list();
        assertThat(outcomes).containsExactly("TICKET_CREATED");
        long tickets = jdbc.sql("""
                        SELECT count(DISTINCT t.id) FROM mail_message m JOIN ticket t ON t.id = m.ticket_id
                        WHERE m.message_id LIKE :p AND t.channel = 'EMAIL'
                        """).param("p", pattern).query(Long.class).single();
        assertThat(tickets).as("one ticket per mail").isEqualTo(expected);
    }

    private static byte[] mail(String messageId, int i) {
        return TestMailServer.mail(
                messageId,
                "Pracownik " + (i % REQUESTERS) + " <bench.mail" + (i % REQUESTERS) + "@um.krakow.pl>",
                "Nie działa drukarka w pokoju " + i,
                "Dzień dobry,\r\n\r\ndrukarka w pokoju " + i + " zgłasza zacięcie papieru, choć podajnik jest pusty."
                        + "\r\nProszę o pomoc.\r\n\r\nPozdrawiam\r\n-- \r\nPracownik " + i + "\r\nWydział Organizacji");
    }

    record Latency(int count, double p50, double p99, double max) {}

    static double percentile(List<Double> sorted, int p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Path secret() {
        try {
            Path file = Files.createTempFile("mail-benchmark", ".secret");
            Files.writeString(file, PASSWORD);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
