package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.testing.TimingSensitive;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast notifications go out (BENCHMARKS.md, "Notifications"): the latency from a ticket's creation being
 * committed to its "registered" mail being accepted by a local SMTP server (GreenMail), while requesters file
 * tickets over HTTP at a fixed rate; and how many mails per second the sender hands to that server when
 * thousands are due at once. The normal suite runs a smoke size and asserts only that every mail arrived once;
 * the benchmark runs {@code -Dnotification.benchmark.rate=50 -Dnotification.benchmark.seconds=30 -Dnotification.benchmark.mails=3000
 * -Dnotification.benchmark.runs=3} and writes its figures to {@code core/target/notification-benchmark.txt}.
 *
 * <p>The clock of a mail's latency starts when the creation's HTTP answer arrives, which the application sends
 * after the commit, and stops when GreenMail's delivery handler takes the message: after the SMTP {@code DATA}
 * is accepted. Requesters are many, so the storm damper (30 mails per person in 15 minutes) never holds one back.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.damping.per-recipient=100000",
            "servicedesk.notifications.damping.per-recipient-and-ticket=100000"
        })
@TimingSensitive
class NotificationBenchmarkIT {

    static final int RATE = Integer.getInteger("notification.benchmark.rate", 10);
    static final int SECONDS = Integer.getInteger("notification.benchmark.seconds", 3);
    static final int MAILS = Integer.getInteger("notification.benchmark.mails", 300);
    static final int RUNS = Integer.getInteger("notification.benchmark.runs", 1);
    static final int REQUESTERS = 400;
    static final Pattern NUMBER = Pattern.compile("\\[([A-Z]+-\\d{4}-\\d+)]");

    static final int SMTP_PORT = freePort();
    static GreenMail smtp;
    static final Map<String, Long> accepted = new ConcurrentHashMap<>();
    static final AtomicInteger acceptedMails = new AtomicInteger();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        ServerSetup setup = new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(20_000);
        smtp = new GreenMail(setup);
        smtp.start();
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            long now = System.nanoTime();
            acceptedMails.incrementAndGet();
            String subject = message.getMessage().getSubject();
            Matcher number = NUMBER.matcher(subject == null ? "" : subject);
            if (number.find()) {
                accepted.putIfAbsent(number.group(1), now);
            }
            return store.handle(message, address);
        });
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    LocalTokenIssuer issuer;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    final AtomicInteger busy = new AtomicInteger();
    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http =
            HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();

    @Test
    void mailsFollowCommitsQuicklyAndInBulk() throws Exception {
        Instant now = Instant.now();
        List<CurrentUser> requesters = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            String username = "bench.requester" + i;
            people.upsert(username, "Bench Requester " + i, username + "@um.krakow.pl", "KP-01", "manual", now);
            CurrentUser user = TestUsers.requester(username, "KP-01");
            requesters.add(user);
            tokens.add(issuer.issue(user).accessToken());
        }
        List<String> lines = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Latency latency = fileAtFixedRate(tokens, run);
            double mailsPerSecond = bulk(run);
            p50s.add(latency.p50());
            p99s.add(latency.p99());
            rates.add(mailsPerSecond);
            lines.add(String.format(
                    Locale.ROOT,
                    "run %d: %d tickets at %d/s (%d answered 503 and retried so far), commit to SMTP-accepted p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                            + " (creation answer p50 %.0f ms); %d mails due at once sent at %.0f mails/s",
                    run,
                    latency.count(),
                    RATE,
                    busy.get(),
                    latency.p50(),
                    latency.p99(),
                    latency.max(),
                    latency.answerP50(),
                    MAILS,
                    mailsPerSecond));
        }
        lines.add(String.format(
                Locale.ROOT,
                "median of %d run(s): p50 %.0f ms, p99 %.0f ms, %.0f mails/s (targets: p99 < 5000 ms, >= 200"
                        + " mails/s); %d cores, load average %.1f",
                RUNS,
                median(p50s),
                median(p99s),
                median(rates),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        lines.forEach(System.out::println);
        Path report = Path.of("target", "notification-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
    }

    /** Files tickets at {@link #RATE} per second for {@link #SECONDS}; returns each mail's latency. */
    private Latency fileAtFixedRate(List<String> tokens, int run) throws Exception {
        int total = RATE * SECONDS;
        Map<String, Long> committed = new ConcurrentHashMap<>();
        List<Double> answers = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / RATE;
        clock.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    if (i < total) {
                        file(tokens.get(i % tokens.size()), run, i, clock, committed, answers, failures);
                    }
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(SECONDS + 120L))
                .until(() -> committed.size() + failures.size() >= total);
        clock.shutdownNow();
        assertThat(failures).as("every ticket filed").isEmpty();
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .until(() -> committed.keySet().stream().allMatch(accepted::containsKey));
        List<Double> latencies = new ArrayList<>();
        committed.forEach((number, at) -> latencies.add((accepted.get(number) - at) / 1e6));
        Collections.sort(latencies);
        Collections.sort(answers);
        return new Latency(
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.get(latencies.size() - 1),
                percentile(answers, 50));
    }

    /**
     * Files one ticket; a 503 (the machine too busy for the database pool) is retried after its Retry-After, as a
     * client does, and counted.
     */
    private void file(
            String token,
            int run,
            int i,
            ScheduledExecutorService clock,
            Map<String, Long> committed,
            List<Double> answers,
            List<Throwable> failures) {
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Drukarka nie drukuje (" + run + "/" + i
                        + ")\",\"description\":\"Drukarka w pokoju " + i + " nie drukuje.\"}"))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long answered = System.nanoTime();
            if (error == null && response.statusCode() == 503 && busy.incrementAndGet() < 1000) {
                clock.schedule(() -> file(token, run, i, clock, committed, answers, failures), 2, TimeUnit.SECONDS);
                return;
            }
            if (error != null || response.statusCode() != 201) {
                failures.add(error != null ? error : new AssertionError(response.body()));
                return;
            }
            answers.add((answered - sent) / 1e6);
            committed.put(json.readTree(response.body()).get("number").asString(), answered);
        });
    }

    /** Enqueues {@link #MAILS} deliveries in one transaction and measures until SMTP has accepted them all. */
    private double bulk(int run) {
        int before = acceptedMails.get();
        List<Recipient> recipients = IntStream.range(0, MAILS)
                .mapToObj(i -> new Recipient(
                        null, "Skrzynka " + i, "bulk" + run + "-" + i + "@um.krakow.pl", Locale.forLanguageTag("pl")))
                .toList();
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> outbox.enqueue(
                "benchmark:" + run + ":" + System.nanoTime(),
                recipients,
                recipient -> new NotificationContent(
                        NotificationKind.LICENCE_EXPIRING,
                        recipient.locale(),
                        recipient.displayName(),
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        "http://localhost",
                        List.of(),
                        List.of(new NotificationContent.LicenceExpiry(
                                "Licencja " + run, "Produkt", Instant.now().plus(Duration.ofDays(30)), 30)))));
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> acceptedMails.get() - before >= MAILS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(acceptedMails.get() - before).as("each mail once").isEqualTo(MAILS);
        return MAILS / seconds;
    }

    record Latency(int count, double p50, double p99, double max, double answerP50) {}

    static double percentile(List<Double> sorted, int p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
