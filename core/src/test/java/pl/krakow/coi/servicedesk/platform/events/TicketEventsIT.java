package pl.krakow.coi.servicedesk.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.CoreTestApplication;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestClassesExcluded;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketEventRecorded;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import tools.jackson.databind.JsonNode;

/**
 * Ticket events reach a listener of another capability through the event publication registry (ADR 0079):
 * after commit and never for a rolled-back change; a failed delivery stays pending, is shown by the gauges
 * and resubmitted once stale; two replicas resubmit each incomplete publication once between them; and the
 * event tells a requester-facing consumer what it needs, an internal comment from a public one included.
 */
@IntegrationTest(
        classes = {CoreTestApplication.class, TicketEventsIT.Listeners.class},
        properties = {
            // The schedule stays out of the way: the tests run the jobs themselves.
            "servicedesk.events.resubmission.interval=1h",
            "servicedesk.events.resubmission.staleness=" + TicketEventsIT.STALENESS,
            "servicedesk.events.metrics.refresh=1h",
            // The notifications' own listener is left out: this test counts its listener's publications only.
            "servicedesk.notifications.enabled=false"
        })
class TicketEventsIT {

    static final String STALENESS = "PT4S";

    /**
     * A consumer of another capability, as the requester notifications will be. Tests reach its state
     * through methods: the bean is a proxy (asynchronous, transactional).
     */
    public static class RequesterNotifications {

        private final JdbcClient jdbc;
        private final List<TicketEventRecorded> received = new CopyOnWriteArrayList<>();
        private final Map<Long, Boolean> committedWhenDelivered = new ConcurrentHashMap<>();
        private volatile boolean failing;

        public RequesterNotifications(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @ApplicationModuleListener
        public void on(TicketEventRecorded event) {
            // Its own transaction sees the event's row only if the ticket's transaction committed.
            committedWhenDelivered.put(
                    event.eventId(),
                    jdbc.sql("SELECT count(*) FROM ticket_event WHERE id = :id")
                                    .param("id", event.eventId())
                                    .query(Long.class)
                                    .single()
                            == 1);
            if (failing) {
                throw new IllegalStateException("The mail server does not answer");
            }
            received.add(event);
        }

        public void failing(boolean failing) {
            this.failing = failing;
        }

        public List<TicketEventRecorded> received() {
            return List.copyOf(received);
        }

        public Boolean committedWhenDelivered(long eventId) {
            return committedWhenDelivered.get(eventId);
        }

        /** What it would tell the requester: what they may see, done by someone else. */
        public List<TicketEventRecorded> forRequester() {
            return received.stream()
                    .filter(TicketEventRecorded::visibleToRequester)
                    .filter(e ->
                            !e.actor().username().equals(e.ticket().requester().username()))
                    .toList();
        }

        public List<TicketEventRecorded> of(long ticketId) {
            return received.stream().filter(e -> e.ticketId() == ticketId).toList();
        }

        public List<TicketEventRecorded> of(List<Long> ticketIds) {
            return received.stream()
                    .filter(e -> ticketIds.contains(e.ticketId()))
                    .toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        RequesterNotifications requesterNotifications(JdbcClient jdbc) {
            return new RequesterNotifications(jdbc);
        }
    }

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TicketService tickets;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    RequesterNotifications notifications;

    @Autowired
    EventPublicationMaintenance maintenance;

    @Autowired
    EventPublicationMetrics metrics;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @BeforeEach
    @AfterEach
    void deliverEverything() {
        notifications.failing(false);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    maintenance.resubmitOnce();
                    return pending() == 0;
                });
    }

    @Test
    void aChangeIsDeliveredAfterCommitAndARolledBackOneNever() {
        long id = file("Drukarka nie drukuje");
        String number = number(id);
        comment(id, "Proszę podać numer inwentarzowy drukarki.", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.of(id).size() == 2);
        List<TicketEventRecorded> delivered = notifications.of(id);
        assertThat(delivered)
                .extracting(TicketEventRecorded::type)
                .containsExactly(TicketEventType.CREATED, TicketEventType.COMMENTED);
        assertThat(delivered).allSatisfy(e -> {
            assertThat(e.ticketNumber()).isEqualTo(number);
            assertThat(notifications.committedWhenDelivered(e.eventId()))
                    .as("delivered after the commit")
                    .isTrue();
        });
        assertThat(delivered).extracting(TicketEventRecorded::sequence).containsExactly(1, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);

        String rolledBack = "Ten komentarz znika razem z transakcją.";
        transaction.executeWithoutResult(status -> {
            tickets.comment(String.valueOf(id), null, rolledBack, false, firstLine);
            assertThat(publicationsWithComment(rolledBack))
                    .as("the publication is written in the ticket's transaction")
                    .isEqualTo(1);
            assertThat(notifications.of(id)).hasSize(2);
            status.setRollbackOnly();
        });
        assertThat(publicationsWithComment(rolledBack)).isZero();
        comment(id, "Drugi komentarz, po wycofanym.", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.of(id).size() == 3);
        assertThat(notifications.of(id))
                .extracting(TicketEventRecorded::comment)
                .doesNotContain(rolledBack)
                .contains("Drugi komentarz, po wycofanym.");

        // Only the registry's listener got publications: TicketChanged and its in-process after-commit
        // listeners (search relay, metrics) are not serialised.
        assertThat(jdbc.sql("SELECT DISTINCT event_type FROM event_publication")
                        .query(String.class)
                        .list())
                .containsExactly(TicketEventRecorded.class.getName());
        assertThat(jdbc.sql("SELECT DISTINCT listener_id FROM event_publication")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains(RequesterNotifications.class.getSimpleName());
    }

    @Test
    void aFailedDeliveryStaysPendingIsShownAndIsResubmittedOnceStale() {
        long id = file("Brak dostępu do poczty");
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.of(id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        double failedBefore = failedDeliveries();

        notifications.failing(true);
        comment(id, "Skrzynka jest pełna, proszę usunąć stare wiadomości.", false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> failedPublications() == 1 && failedDeliveries() == failedBefore + 1);
        metrics.refresh();
        assertThat(gauge(EventPublicationMetrics.PENDING)).isEqualTo(1.0);
        assertThat(gauge(EventPublicationMetrics.FAILED)).isEqualTo(1.0);
        assertThat(gauge(EventPublicationMetrics.OLDEST_AGE)).isGreaterThanOrEqualTo(0.0);
        assertThat(notifications.of(id)).hasSize(1);

        notifications.failing(false);
        // Not stale yet: left alone, as if another replica were delivering it now.
        assertThat(maintenance.resubmitOnce()).isTrue();
        sleep(Duration.ofMillis(500));
        assertThat(notifications.of(id)).hasSize(1);
        assertThat(pending()).isEqualTo(1);

        sleep(Duration.parse(STALENESS));
        metrics.refresh();
        assertThat(gauge(EventPublicationMetrics.OLDEST_AGE))
                .isGreaterThanOrEqualTo((double) Duration.parse(STALENESS).toSeconds());
        assertThat(maintenance.resubmitOnce()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.of(id).size() == 2);
        assertThat(notifications.of(id).get(1).type()).isEqualTo(TicketEventType.COMMENTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        metrics.refresh();
        assertThat(gauge(EventPublicationMetrics.PENDING)).isZero();
        assertThat(gauge(EventPublicationMetrics.OLDEST_AGE)).isZero();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        jdbc.sql("SELECT serialized_event::jsonb ->> 'type', completion_attempts FROM event_publication"
                        + " WHERE status = 'COMPLETED' AND serialized_event::jsonb ->> 'ticketId' = :id")
                .param("id", String.valueOf(id))
                .query((rs, n) -> attempts.put(rs.getString(1), rs.getInt(2)))
                .list();
        assertThat(attempts.get(TicketEventType.COMMENTED.name()))
                .as("resubmitted once: the failed delivery, not the one that had succeeded")
                .isEqualTo(attempts.get(TicketEventType.CREATED.name()) + 1);

        // Completed publications go after the retention (here: everything older than a week stays).
        jdbc.sql("UPDATE event_publication SET completion_date = completion_date - interval '8 days'"
                        + " WHERE serialized_event::jsonb ->> 'ticketId' = :id")
                .param("id", String.valueOf(id))
                .update();
        assertThat(maintenance.cleanupOnce()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event::jsonb ->> 'ticketId' = :id")
                        .param("id", String.valueOf(id))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void twoReplicasResubmitEachIncompletePublicationOnceAndLoseNone() throws Exception {
        try (ConfigurableApplicationContext second = secondInstance()) {
            RequesterNotifications otherNotifications = second.getBean(RequesterNotifications.class);
            EventPublicationMaintenance otherMaintenance = second.getBean(EventPublicationMaintenance.class);
            TicketService otherTickets = second.getBean(TicketService.class);
            notifications.failing(true);
            otherNotifications.failing(true);

            // Changes on both replicas; every delivery fails.
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long id = file("Awaria skanera " + i);
                ids.add(id);
                comment(id, "Sprawdzam sterownik skanera " + i + ".", i % 2 == 0);
                otherTickets.comment(String.valueOf(id), null, "Drugi replika, komentarz " + i, false, firstLine);
            }
            int expected = 3 * ids.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> failedPublications() == expected);
            assertThat(pending()).isEqualTo(expected);
            notifications.failing(false);
            otherNotifications.failing(false);
            sleep(Duration.parse(STALENESS));

            // While one worker holds the lock, the other does not resubmit.
            jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by)"
                            + " VALUES (:name, now() + interval '1 minute', now(), 'a third replica')"
                            + " ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until,"
                            + " locked_at = excluded.locked_at, locked_by = excluded.locked_by")
                    .param("name", EventPublicationMaintenance.RESUBMISSION_LOCK)
                    .update();
            assertThat(maintenance.resubmitOnce()).isFalse();
            assertThat(otherMaintenance.resubmitOnce()).isFalse();
            sleep(Duration.ofMillis(500));
            assertThat(all(notifications, otherNotifications, ids)).isEmpty();
            assertThat(pending()).isEqualTo(expected);
            jdbc.sql("UPDATE shedlock SET lock_until = now() WHERE name = :name")
                    .param("name", EventPublicationMaintenance.RESUBMISSION_LOCK)
                    .update();

            // Both replicas' schedules fire together, and again and again: each publication is resubmitted once.
            List<EventPublicationMaintenance> workers =
                    List.of(maintenance, otherMaintenance, maintenance, otherMaintenance);
            int ran = 0;
            for (int round = 0; round < 3; round++) {
                ran += runTogether(workers);
            }
            assertThat(ran).isPositive();
            await().atMost(Duration.ofSeconds(20)).until(() -> pending() == 0);

            Map<Long, Long> deliveries = all(notifications, otherNotifications, ids).stream()
                    .collect(Collectors.groupingBy(TicketEventRecorded::eventId, Collectors.counting()));
            List<Long> eventIds = jdbc.sql("SELECT id FROM ticket_event WHERE ticket_id IN (:ids)")
                    .param("ids", ids)
                    .query(Long.class)
                    .list();
            assertThat(deliveries.keySet()).as("none lost").containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(deliveries.values()).as("each delivered once").containsOnly(1L);
            System.out.println("Resubmitted by this replica: "
                    + notifications.of(ids).size()
                    + ", by the other: "
                    + otherNotifications.of(ids).size()
                    + ", worker runs that held the lock: "
                    + ran);
        }
    }

    @Test
    void theEventTellsARequesterFacingConsumerWhatItNeedsAndHidesInternalComments() {
        long id = file("Nie działa VPN");
        String number = number(id);
        comment(id, "Notatka dla drugiej linii: sprawdzić certyfikat.", true);
        comment(id, "Proszę zrestartować komputer i spróbować ponownie.", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.of(id).size() == 3);
        Map<String, TicketEventRecorded> comments = notifications.of(id).stream()
                .filter(e -> e.type() == TicketEventType.COMMENTED)
                .collect(Collectors.toMap(TicketEventRecorded::comment, Function.identity()));
        TicketEventRecorded internal = comments.get("Notatka dla drugiej linii: sprawdzić certyfikat.");
        TicketEventRecorded visible = comments.get("Proszę zrestartować komputer i spróbować ponownie.");
        assertThat(internal.internal()).isTrue();
        assertThat(visible.internal()).isFalse();
        assertThat(visible.ticketNumber()).isEqualTo(number);
        assertThat(visible.ticket().title()).isEqualTo("Nie działa VPN");
        assertThat(visible.ticket().requester().username()).isEqualTo(anna.username());
        assertThat(visible.ticket().requester().unit()).isEqualTo("KP-01");
        assertThat(visible.ticket().status()).isEqualTo(TicketStatus.NEW);
        assertThat(visible.actor().username()).isEqualTo(firstLine.username());
        assertThat(visible.actor().kind()).isEqualTo(Actor.Kind.AGENT);
        assertThat(visible.occurredAt()).isNotNull();
        assertThat(visible.recordedAt()).isNotNull();

        List<TicketEventRecorded> toAnna = notifications.forRequester().stream()
                .filter(e -> e.ticketId() == id)
                .toList();
        assertThat(toAnna)
                .extracting(TicketEventRecorded::comment)
                .containsExactly("Proszę zrestartować komputer i spróbować ponownie.");
        assertThat(toAnna).extracting(TicketEventRecorded::ticketNumber).containsOnly(number);
    }

    private static List<TicketEventRecorded> all(
            RequesterNotifications one, RequesterNotifications other, List<Long> ticketIds) {
        List<TicketEventRecorded> all = new ArrayList<>(one.received());
        all.addAll(other.received());
        return all.stream().filter(e -> ticketIds.contains(e.ticketId())).toList();
    }

    private int runTogether(List<EventPublicationMaintenance> workers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (EventPublicationMaintenance worker : workers) {
                runs.add(threads.submit((Callable<Boolean>) () -> {
                    start.await();
                    return worker.resubmitOnce();
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Boolean> run : runs) {
                ran += run.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            return ran;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A second application context on the same database, as another replica, with the same listener. */
    private ConfigurableApplicationContext secondInstance() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "servicedesk.elasticsearch.uris",
                "servicedesk.elasticsearch.index-prefix",
                "servicedesk.events.resubmission.interval",
                "servicedesk.events.resubmission.staleness",
                "servicedesk.events.metrics.refresh",
                "servicedesk.notifications.enabled")) {
            properties.put(name, Objects.requireNonNullElse(environment.getProperty(name), ""));
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(CoreTestApplication.class, Listeners.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .initializers(context ->
                        context.getBeanFactory().registerSingleton("testClassesExcluded", new TestClassesExcluded()))
                .run();
    }

    private long file(String title) {
        return api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "description", title + ": opis zgłoszenia.", "channel", "PORTAL"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    private void comment(long id, String body, boolean internal) {
        api.as(firstLine)
                .post()
                .uri("/api/v1/tickets/{id}/comments", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("body", body, "internal", internal))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private String number(long id) {
        return jdbc.sql("SELECT number FROM ticket WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long pending() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                .query(Long.class)
                .single();
    }

    private long failedPublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND status = 'FAILED'")
                .query(Long.class)
                .single();
    }

    private long publicationsWithComment(String comment) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event::jsonb ->> 'comment' = :c")
                .param("c", comment)
                .query(Long.class)
                .single();
    }

    private double failedDeliveries() {
        return meters.find(EventsConfiguration.FAILED_DELIVERIES).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
