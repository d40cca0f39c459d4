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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;

/**
 * How fast a mail becomes a ticket (BENCHMARKS.md, "E-mail channel"): mails are delivered into the desk's IMAP
 * mailbox (GreenMail) at a fixed rate and each is timed from its delivery to the commit of its ticket, with the
 * reader on IDLE; then a burst of mails delivered at once is timed to its last ticket, for mails per second. The
 * whole path runs: IMAP fetch, the parser, the people register, the ticket's registration with its events, the
 * ledger row with the stored original, and the move to the processed folder.
 *
 * <p>The suite runs a smoke size and asserts only that each mail made exactly one ticket; the benchmark runs
 * {@code -Dmail.benchmark.rate=50 -Dmail.benchmark.seconds=30 -Dmail.benchmark.burst=1500 -Dmail.benchmark.runs=3}
 * and writes its figures to {@code ingest/target/mail-benchmark.txt}. A mail's commit time is its ledger row's
 * {@code processed_at}, stamped in the processing transaction just before it commits.
 */
@IntegrationTest
@TimingSensitive
class MailBenchmarkIT {

    static final int RATE = Integer.getInteger("mail.benchmark.rate", 10);
    static final int SECONDS = Integer.getInteger("mail.benchmark.seconds", 3);
    static final int BURST = Integer.getInteger("mail.benchmark.burst", 60);
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
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

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
            Latency latency = deliverAtFixedRate(run);
            double mailsPerSecond = burst(run);
            p50s.add(latency.p50());
            p99s.add(latency.p99());
            rates.add(mailsPerSecond);
            lines.add(String.format(
                    Locale.ROOT,
                    "run %d: %d mails at %d/s, delivered to ticket committed p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                            + " %d mails delivered at once made tickets at %.1f mails/s",
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

    /** Delivers {@link #RATE} mails a second for {@link #SECONDS}; returns each one's delivery-to-commit time. */
    private Latency deliverAtFixedRate(int run) {
        int total = RATE * SECONDS;
        Map<String, Instant> delivered = new ConcurrentHashMap<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    if (i < total) {
                        String id = "rate-" + run + "-" + i + "@bench.example";
                        try {
                            SERVER.deliver(DESK, mail(id, i));
                            delivered.put(id, Instant.now());
                        } catch (RuntimeException e) {
                            // A task that throws would end the schedule silently.
                            failures.add(e);
                        }
                    }
                },
                0,
                1_000_000_000L / RATE,
                TimeUnit.NANOSECONDS);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(SECONDS + 180L))
                    .conditionEvaluationListener(condition -> System.out.printf(
                            "delivered %d, in INBOX %d, ledger rows %d%n",
                            delivered.size(),
                            SERVER.subjects(DESK, "INBOX").size(),
                            jdbc.sql("SELECT count(*) FROM mail_message")
                                    .query(Long.class)
                                    .single()))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !failures.isEmpty()
                            || (delivered.size() == total && committed("rate-" + run + "-%") == total));
        } finally {
            clock.shutdownNow();
        }
        assertThat(failures).as("every mail delivered").isEmpty();
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

    /** Delivers {@link #BURST} mails at once and measures until the last one's ticket committed. */
    private double burst(int run) {
        String prefix = "burst-" + run + "-";
        long start = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            SERVER.deliver(DESK, mail(prefix + i + "@bench.example", i));
        }
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> committed(prefix + "%") == BURST);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertOncePerMail(prefix + "%", BURST);
        return BURST / seconds;
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
