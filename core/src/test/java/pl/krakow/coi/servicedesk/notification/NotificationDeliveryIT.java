package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import tools.jackson.databind.JsonNode;

/**
 * Ticket events become mails over a real SMTP server (GreenMail): who is told what, the requester's rules, the
 * deduplication, SMTP down and back, the dead letters and their retry, two replicas, a replica stopped between
 * commit and send, a legacy import, the storm damper, the log API and the metrics.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.sender.poll-interval=100ms",
            "servicedesk.notifications.sender.initial-backoff=300ms",
            "servicedesk.notifications.sender.max-backoff=1s",
            "servicedesk.notifications.sender.max-attempts=6",
            "servicedesk.notifications.metrics-refresh=1h",
            "servicedesk.notifications.damping.per-recipient=1000",
            "servicedesk.notifications.damping.per-recipient-and-ticket=8",
            "servicedesk.events.resubmission.interval=1h",
            "servicedesk.events.resubmission.staleness=PT2S"
        })
class NotificationDeliveryIT {

    static final Mailbox smtp = new Mailbox();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    static final String ANNA = "anna.nowak@um.krakow.pl";
    static final String JAN = "jan.kowalski@coi.krakow.pl";
    static final String PIOTR = "piotr.wisniewski@coi.krakow.pl";
    static final String MARTA = "marta.kowalczyk@coi.krakow.pl";
    static final String EWA = "ewa.zielinska@coi.krakow.pl";
    static final String DEPUTY = "zastepca.trzeci@coi.krakow.pl";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser jan = TestUsers.firstLine("jan.kowalski");
    final CurrentUser piotr = TestUsers.agent("piotr.wisniewski", "IT-04-1");
    final CurrentUser marta = TestUsers.agent("marta.kowalczyk", "IT-04-1");
    final CurrentUser deputy = TestUsers.manager("zastepca.trzeci", "COI-Z3");
    final CurrentUser admin = TestUsers.admin("admin");
    final CurrentUser director = TestUsers.manager("dyrektor", "COI-DYR");

    static boolean seeded;

    @Autowired
    TicketService tickets;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    @Autowired
    Environment environment;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    MeterRegistry meters;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @BeforeEach
    void seed() {
        smtp.start();
        if (seeded) {
            return;
        }
        Instant now = Instant.now();
        people.upsert("anna.nowak", "Anna Nowak", ANNA, "KP-01", "manual", now);
        people.upsert("jan.kowalski", "Jan Kowalski", JAN, "IT-02-2", "manual", now);
        people.upsert("piotr.wisniewski", "Piotr Wiśniewski", PIOTR, "IT-04-1", "manual", now);
        people.upsert("marta.kowalczyk", "Marta Kowalczyk", MARTA, "IT-04-1", "manual", now);
        people.upsert("ewa.zielinska", "Ewa Zielińska", EWA, "IT-04-2", "manual", now);
        people.upsert("zastepca.trzeci", "Zastępca Trzeci", DEPUTY, "COI-Z3", "manual", now);
        // Not reachable: no address, and one who left.
        people.upsert("tomasz.bezmaila", "Tomasz Bez Maila", null, "IT-04-1", "manual", now);
        people.upsert("stary.pracownik", "Stary Pracownik", "stary@coi.krakow.pl", "IT-04-1", "left", now);
        people.deactivateMissing("left", List.of("nobody"), now);
        seeded = true;
    }

    @Test
    void theRequesterIsToldWhatTheyMaySeeAndNeverAnInternalWord() {
        String secret = "tajne-hasło-serwisowe-" + System.nanoTime();
        long id = file(anna, "Drukarka nie drukuje", TicketType.INCIDENT);
        String ref = String.valueOf(id);
        tickets.comment(ref, null, "Notatka wewnętrzna: " + secret, true, jan);
        tickets.comment(ref, null, "Proszę sprawdzić kabel zasilający drukarki.", false, jan);
        tickets.waitForRequester(ref, null, "Czy drukarka jest włączona do prądu?", jan);
        tickets.comment(ref, null, "Tak, jest włączona i świeci.", false, anna);
        tickets.resolve(ref, null, Resolution.FIXED, "Wymieniono kabel zasilający drukarki.", jan);
        tickets.close(ref, null, anna);

        Map<String, String> kinds = awaitSent(id, 5);
        assertThat(kinds)
                .containsEntry("TICKET_REGISTERED>" + ANNA, "SENT")
                .containsEntry("PUBLIC_COMMENT>" + ANNA, "SENT")
                .containsEntry("QUESTION>" + ANNA, "SENT")
                .containsEntry("RESOLVED>" + ANNA, "SENT")
                .containsEntry("REQUESTER_REPLIED>" + JAN, "SENT")
                .as("anna closed it herself; jan commented and asked himself")
                .hasSize(5);
        List<Mailbox.Mail> toAnna = smtp.about(id, ANNA);
        assertThat(toAnna).hasSize(4);
        String read = toAnna.stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
        assertThat(read)
                .contains("Proszę sprawdzić kabel zasilający drukarki.")
                .contains("Czy drukarka jest włączona do prądu?")
                .contains("Wymieniono kabel zasilający drukarki.")
                .doesNotContain(secret);
        assertThat(toAnna).allSatisfy(mail -> {
            assertThat(mail.subject()).contains("[" + number(id) + "]");
            assertThat(mail.inReplyTo()).isEqualTo("<ticket-" + id + "@coi.krakow.pl>");
            assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
        });
        assertThat(toAnna.stream().map(Mailbox.Mail::messageId).toList())
                .as("each mail has the Message-ID of its delivery")
                .containsExactlyInAnyOrderElementsOf(
                        jdbc.sql("SELECT '<' || message_id || '>' FROM notification_delivery"
                                        + " WHERE ticket_id = :id AND recipient_email = :to")
                                .param("id", id)
                                .param("to", ANNA)
                                .query(String.class)
                                .list());
        assertThat(smtp.about(id, JAN))
                .singleElement()
                .satisfies(m -> assertThat(m.all()).contains("Tak, jest włączona i świeci."));
    }

    @Test
    void theUnitTheAssigneeIt042AndTheDeputyAreToldAndTheRequesterNothingInternal() {
        String handover =
                "Drukarka sieciowa w pokoju 204 nie odpowiada na ping od wczoraj, sprawdzono kabel i zasilanie.";
        long id = file(anna, "Drukarka sieciowa nie działa", TicketType.INCIDENT);
        String ref = String.valueOf(id);
        tickets.escalate(ref, null, "IT-04-1", handover, jan);
        tickets.assign(ref, null, "piotr.wisniewski", null, marta);
        tickets.requestRemoteHands(ref, null, "Proszę sprawdzić drukarkę na miejscu w pokoju 204.", piotr);
        tickets.escalateToDeputy(ref, null, "Drukarka zarządu, pilne: brak postępu od dwóch dni.", piotr);
        tickets.recordSla(
                id,
                TicketEventType.SLA_BREACHED,
                Map.of(
                        "target",
                        "RESOLUTION",
                        "dueAt",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));

        Map<String, String> kinds = awaitSent(id, 7);
        assertThat(kinds)
                .containsEntry("TICKET_REGISTERED>" + ANNA, "SENT")
                .containsEntry("UNIT_RECEIVED>" + PIOTR, "SENT")
                .containsEntry("UNIT_RECEIVED>" + MARTA, "SENT")
                .containsEntry("ASSIGNED_TO_YOU>" + PIOTR, "SENT")
                .containsEntry("REMOTE_HANDS_REQUESTED>" + EWA, "SENT")
                .containsEntry("DEPUTY_ESCALATION>" + DEPUTY, "SENT")
                .containsEntry("SLA_BREACHED>" + PIOTR, "SENT")
                .as("nobody without an address, nobody who left, the actor not of their own action")
                .hasSize(7);
        assertThat(smtp.about(id, PIOTR).stream().map(Mailbox.Mail::all).collect(Collectors.joining()))
                .contains(handover);
        assertThat(smtp.about(id, DEPUTY))
                .singleElement()
                .satisfies(m -> assertThat(m.all()).contains("brak postępu od dwóch dni"));
        assertThat(smtp.about(id, ANNA))
                .singleElement()
                .satisfies(m -> assertThat(m.all())
                        .doesNotContain(handover)
                        .doesNotContain("pokoju 204")
                        .doesNotContain("brak postępu"));
    }

    @Test
    void mailsLinkToTheFilesTheRecipientMaySeeAndNeverAnInternalOneForTheRequester() {
        long id = file(anna, "Błąd przy drukowaniu faktury", TicketType.INCIDENT);
        String ref = String.valueOf(id);
        byte[] png = java.util.HexFormat.of()
                .parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                        + "0000000d4944415478da63f8cfc0f01f0005000201a0e6d4e40000000049454e44ae426082");
        long screenshot = upload(anna, id, "zrzut-ekranu.png", MediaType.IMAGE_PNG, png, false);
        long internal = upload(
                jan,
                id,
                "konfiguracja-serwera-wydruku.txt",
                MediaType.TEXT_PLAIN,
                "Hasło administratora kolejki: tajne".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                true);
        tickets.comment(ref, null, "Sprawdzamy sterownik drukarki, dziękujemy za zrzut.", false, jan);
        tickets.escalate(
                ref,
                null,
                "IT-04-1",
                "Sterownik drukarki zgłasza błąd 0x1F przy fakturach, zrzut ekranu i konfiguracja w załącznikach.",
                jan);

        awaitSent(id, 4);
        String toAnna = smtp.about(id, ANNA).stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
        String link = "/api/v1/tickets/" + number(id) + "/attachments/";
        assertThat(toAnna)
                .as("the comment mail links the requester's screenshot")
                .contains("zrzut-ekranu.png")
                .contains(link + screenshot + "/content")
                .doesNotContain("konfiguracja-serwera-wydruku.txt")
                .doesNotContain(link + internal + "/content")
                .doesNotContain("tajne");
        String toPiotr = smtp.about(id, PIOTR).stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
        assertThat(toPiotr)
                .as("the unit that received it sees both files' links, never their content")
                .contains(link + screenshot + "/content")
                .contains(link + internal + "/content")
                .doesNotContain("Hasło administratora");
        assertThat(smtp.about(id, PIOTR))
                .as("linked, never attached: text and HTML only")
                .allSatisfy(mail -> assertThat(mail.raw().getContentType()).startsWith("multipart/alternative"));
    }

    private long upload(CurrentUser user, long ticket, String filename, MediaType type, byte[] content, boolean in) {
        JsonNode created = api.as(user)
                .post()
                .uri("/api/v1/tickets/{id}/attachments?filename={name}&internal={internal}", ticket, filename, in)
                .contentType(type)
                .body(content)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return created.get("id").asLong();
    }

    @Test
    void aSecurityIncidentsRequesterLearnsItsNumberAndStateOnly() {
        long id = file(anna, "Podejrzany załącznik w poczcie od banku", TicketType.SECURITY_INCIDENT);
        tickets.comment(String.valueOf(id), null, "Analizujemy nagłówki podejrzanej wiadomości.", false, jan);
        awaitSent(id, 2);
        List<Mailbox.Mail> toAnna = smtp.about(id, ANNA);
        assertThat(toAnna).hasSize(2).allSatisfy(mail -> {
            assertThat(mail.subject()).contains(number(id));
            assertThat(mail.all()).doesNotContain("Podejrzany załącznik").doesNotContain("Analizujemy nagłówki");
        });
    }

    @Test
    void anEventDeliveredAgainNotifiesNobodyTwice() throws Exception {
        long id = file(anna, "Monitor migocze", TicketType.INCIDENT);
        awaitSent(id, 1);
        // The listener's publication is delivered again, as after a crash before it was marked completed.
        int reopened = jdbc.sql("""
                        UPDATE event_publication SET completion_date = NULL, status = 'FAILED',
                            publication_date = publication_date - interval '1 minute'
                        WHERE serialized_event::jsonb ->> 'ticketId' = :id AND listener_id LIKE '%TicketNotifications%'
                        """).param("id", String.valueOf(id)).update();
        assertThat(reopened).isEqualTo(1);
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> incompletePublications(id) == 0);
        Thread.sleep(500);
        assertThat(deliveries(id)).hasSize(1);
        assertThat(smtp.about(id, ANNA)).hasSize(1);
    }

    @Test
    void aCrashBetweenCommitAndTheListenerLosesNothingAndSendsOnce() throws Exception {
        long id = file(anna, "Skaner nie skanuje do folderu", TicketType.INCIDENT);
        awaitSent(id, 1);
        // What a replica that stopped right after the commit leaves behind: the publication incomplete, no delivery.
        jdbc.sql("DELETE FROM notification_delivery WHERE ticket_id = :id")
                .param("id", id)
                .update();
        smtp.stop();
        smtp.start();
        jdbc.sql("""
                        UPDATE event_publication SET completion_date = NULL, status = 'PUBLISHED',
                            publication_date = publication_date - interval '1 minute'
                        WHERE serialized_event::jsonb ->> 'ticketId' = :id AND listener_id LIKE '%TicketNotifications%'
                        """).param("id", String.valueOf(id)).update();
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofSeconds(30));
        awaitSent(id, 1);
        assertThat(smtp.about(id, ANNA)).hasSize(1);
        // And a sender that stopped after claiming: its lease runs out, another sends it.
        jdbc.sql("UPDATE notification_delivery SET state = 'SENDING', lease_until = now() - interval '1 second',"
                        + " leased_by = 'a replica that stopped' WHERE ticket_id = :id")
                .param("id", id)
                .update();
        smtp.stop();
        smtp.start();
        awaitSent(id, 1);
        assertThat(smtp.about(id, ANNA))
                .singleElement()
                .satisfies(m -> assertThat(m.messageId()).contains("ticket-" + id + "-ticket-event-"));
    }

    @Test
    void aReplicaStoppedAfterCommitBeforeSendingLosesNothing() {
        List<Long> ids = new ArrayList<>();
        try (ConfigurableApplicationContext api = replica(Map.of("servicedesk.instance.roles", "api"))) {
            TicketService other = api.getBean(TicketService.class);
            for (int i = 0; i < 3; i++) {
                ids.add(other.register(register("Brak dźwięku w słuchawkach " + i, TicketType.INCIDENT), anna, null)
                        .ticket()
                        .id());
            }
            // The api replica has no sender; its listener enqueues; then it stops.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ids.stream().allMatch(id -> !deliveries(id).isEmpty()));
        }
        for (long id : ids) {
            awaitSent(id, 1);
            assertThat(smtp.about(id, ANNA)).hasSize(1);
        }
    }

    @Test
    void smtpDownThenBackLosesNothingAndADeadLetterIsRetriedByAnAdmin() throws Exception {
        smtp.stop();
        long id = file(anna, "Nie działa poczta w Outlooku", TicketType.INCIDENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(id) >= 2 && "PENDING".equals(state(id)));
        assertThat(lastError(id)).isNotBlank();
        smtp.start();
        awaitSent(id, 1);
        assertThat(smtp.about(id, ANNA)).hasSize(1);

        smtp.stop();
        long dead = file(anna, "Nie działa kalendarz w Outlooku", TicketType.INCIDENT);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(state(dead)));
        assertThat(attempts(dead)).isEqualTo(6);
        long deliveryId = deliveryIds(dead).get(0);
        JsonNode failed = api.as(admin)
                .get()
                .uri("/api/v1/admin/notifications?state=FAILED")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(failed.findValuesAsString("id")).isNotNull();
        List<Long> listed = new ArrayList<>();
        failed.forEach(n -> listed.add(n.get("id").asLong()));
        assertThat(listed).contains(deliveryId);
        smtp.start();
        api.as(admin)
                .post()
                .uri("/api/v1/admin/notifications/{id}/retry", deliveryId)
                .exchange()
                .expectStatus()
                .isOk();
        awaitSent(dead, 1);
        assertThat(smtp.about(dead, ANNA)).hasSize(1);
        api.as(admin)
                .post()
                .uri("/api/v1/admin/notifications/{id}/retry", deliveryId)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat(type.toString()).endsWith("/notification-not-failed"));
        api.as(admin)
                .get()
                .uri("/api/v1/admin/notifications?state=LOST")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .value(type -> assertThat(type.toString()).endsWith("/invalid-notification-state"));
        api.as(jan)
                .get()
                .uri("/api/v1/admin/notifications?state=FAILED")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void twoReplicasSendEachDeliveryOnce() {
        List<Long> ids = new ArrayList<>();
        try (ConfigurableApplicationContext second = replica(Map.of())) {
            TicketService other = second.getBean(TicketService.class);
            for (int i = 0; i < 20; i++) {
                TicketService on = i % 2 == 0 ? tickets : other;
                long id = on.register(register("Awaria stacji roboczej " + i, TicketType.INCIDENT), anna, null)
                        .ticket()
                        .id();
                ids.add(id);
                on.comment(String.valueOf(id), null, "Sprawdzamy stację roboczą numer " + i + ".", false, jan);
            }
            for (long id : ids) {
                awaitSent(id, 2);
            }
        }
        List<String> messageIds = new ArrayList<>();
        for (long id : ids) {
            smtp.about(id, ANNA).forEach(m -> messageIds.add(m.messageId()));
        }
        assertThat(messageIds).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void aLegacyImportSendsNothing() throws Exception {
        Instant long_ago = Instant.now().minus(Duration.ofDays(400));
        Actor registrar = new Actor("system:legacy-import", "Import", Optional.empty(), Actor.Kind.SYSTEM);
        Ticket old = tickets.registerWithHistory(
                legacy("legacy:INC0001", "Stare zgłoszenie"),
                registrar,
                long_ago,
                t -> t.resolve(
                        Resolution.FIXED,
                        "Rozwiązano dawno temu w starym systemie.",
                        registrar,
                        long_ago.plusSeconds(60)));
        // Recorded now but imported: the reference tells.
        Ticket recent = tickets.registerWithHistory(
                legacy("legacy:INC0002", "Niedawne zgłoszenie"), registrar, Instant.now(), t -> {});
        long control = file(anna, "Zgłoszenie kontrolne po imporcie", TicketType.INCIDENT);
        awaitSent(control, 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> incompletePublications(old.id()) == 0 && incompletePublications(recent.id()) == 0);
        assertThat(deliveries(old.id())).isEmpty();
        assertThat(deliveries(recent.id())).isEmpty();
    }

    @Test
    void concurrentEventsForOnePersonDoNotPassTheDamperTogether() throws Exception {
        long id = file(anna, "Alarm: przełącznik w budynku B niedostępny", TicketType.INCIDENT);
        awaitSent(id, 1);
        int threads = 12;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String source = "race-" + id + "-" + i;
                results.add(pool.submit(() -> transactions.execute(status -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return outbox.enqueue(
                            source,
                            List.of(new Recipient(
                                    "anna.nowak", "Anna Nowak", ANNA, java.util.Locale.forLanguageTag("pl"))),
                            r -> raceContent(id));
                })));
            }
            for (var result : results) {
                assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        // The registration mail and seven of the twelve: the limit is eight per person and ticket.
        Map<String, Long> states = deliveryRows(id).stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("reason")), Collectors.counting()));
        assertThat(states).containsEntry("null", 8L).containsEntry("DAMPED", 5L);
    }

    private static NotificationContent raceContent(long id) {
        return new NotificationContent(
                NotificationKind.PUBLIC_COMMENT,
                java.util.Locale.forLanguageTag("pl"),
                "Anna Nowak",
                id,
                "INC-TEST",
                "Alarm",
                "IN_PROGRESS",
                false,
                "Jan Kowalski",
                "Alarm ponownie aktywny.",
                null,
                null,
                null,
                List.of(),
                List.of());
    }

    @Test
    void aStormIsDampedTheLogShowsItAndMetricsCount() {
        long id = file(anna, "Alarm: serwer plików niedostępny", TicketType.INCIDENT);
        for (int i = 0; i < 12; i++) {
            tickets.comment(String.valueOf(id), null, "Alarm ponownie aktywny, wystąpienie " + i + ".", false, jan);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id).size() == 13 && settled(id));
        Map<String, Long> states = deliveryRows(id).stream()
                .collect(Collectors.groupingBy(r -> r.get("state") + ":" + r.get("reason"), Collectors.counting()));
        assertThat(states).containsEntry("SENT:null", 8L).containsEntry("SUPPRESSED:DAMPED", 5L);
        assertThat(smtp.about(id, ANNA)).hasSize(8);

        JsonNode log = api.as(jan)
                .get()
                .uri("/api/v1/tickets/{id}/notifications", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(log).hasSize(13);
        assertThat(log.get(0).get("kind").asString()).isEqualTo("TICKET_REGISTERED");
        assertThat(log.get(0).get("recipientEmail").asString()).isEqualTo(ANNA);
        assertThat(log.get(0).get("state").asString()).isEqualTo("SENT");
        assertThat(log.get(0).get("sentAt").isNull()).isFalse();
        assertThat(api.as(anna)
                        .get()
                        .uri("/api/v1/tickets/{id}/notifications", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody())
                .as("the requester sees their own deliveries")
                .hasSize(13);
        api.as(TestUsers.requester("ktos.inny", "KP-02"))
                .get()
                .uri("/api/v1/tickets/{id}/notifications", id)
                .exchange()
                .expectStatus()
                .isNotFound();

        assertThat(meters.get(NotificationMetrics.DELIVERIES)
                        .tags("state", "SENT", "kind", "PUBLIC_COMMENT")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(7);
        assertThat(meters.get(NotificationMetrics.DELIVERIES)
                        .tags("state", "SUPPRESSED", "kind", "PUBLIC_COMMENT")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(5);
        assertThat(meters.get(NotificationMetrics.LATENCY).timer().count()).isPositive();
    }

    /**
     * A property over generated ticket histories: whatever happens to a ticket, no internal comment, handover
     * comment, internal reason or remote-hands note reaches any mail to its requester, and of a security incident
     * not even its title.
     */
    @Test
    void noRequesterMailEverCarriesAnInternalWord() {
        qt().withExamples(8)
                .withShrinkCycles(0)
                .forAll(
                        integers().between(0, 2),
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(6, 12))
                .checkAssert((type, steps) -> new History(TicketType.values()[type]).run(steps));
    }

    static final List<String> UNITS = List.of("IT-04-1", "IT-04-2", "IT-05-1", "IT-02-1");

    final class History {

        final List<String> secrets = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        final long id;
        final String ref;
        final boolean security;
        int counter;

        History(TicketType type) {
            String title = "Komputer nie startuje " + secret();
            this.id =
                    tickets.register(register(title, type), anna, null).ticket().id();
            this.ref = String.valueOf(id);
            this.security = type == TicketType.SECURITY_INCIDENT;
            if (!security) {
                secrets.remove(secrets.size() - 1);
            }
        }

        String secret() {
            String secret = "sekret" + (++counter) + "x" + Long.toString(System.nanoTime(), 36);
            secrets.add(secret);
            return secret;
        }

        void run(List<Integer> steps) {
            for (int step : steps) {
                int action = step % 15;
                String unit = UNITS.get((step / 15) % UNITS.size());
                TicketState now = tickets.get(ref, director);
                CurrentUser holder = TestUsers.agent(
                        "agent." + now.assignedUnit().value().toLowerCase(),
                        now.assignedUnit().value());
                try {
                    switch (action) {
                        case 0 ->
                            tickets.escalate(
                                    ref, null, unit, "Przekazanie: sprawdzono zasilanie i kable, " + secret(), holder);
                        case 1 -> tickets.reassign(ref, null, unit, "Przekazuję dalej, bo " + secret(), holder);
                        case 2 -> tickets.handBack(ref, null, "Oddaję pierwszej linii: " + secret(), holder);
                        case 3 -> tickets.requestRemoteHands(ref, null, "Na miejscu proszę " + secret(), holder);
                        case 4 -> tickets.waitForRequester(ref, null, "Czy komputer był przenoszony?", holder);
                        case 5 -> tickets.comment(ref, null, "Tak, był przenoszony wczoraj.", false, anna);
                        case 6 -> tickets.resolve(ref, null, Resolution.FIXED, "Wymieniono moduł pamięci.", holder);
                        case 7 -> tickets.reopen(ref, null, "Problem wrócił po godzinie.", anna);
                        case 8 -> tickets.close(ref, null, holder);
                        case 9 -> tickets.comment(ref, null, "Informujemy o postępie prac.", false, holder);
                        case 10, 11 -> tickets.comment(ref, null, "Notatka wewnętrzna " + secret(), true, holder);
                        case 12 -> tickets.escalateToDeputy(ref, null, "Eskaluję do zastępcy: " + secret(), holder);
                        case 13 -> tickets.assign(ref, null, "me", null, holder);
                        default -> {
                            if (security) {
                                // Out of the restricted visibility, its title may be told: not this property's case.
                                continue;
                            }
                            tickets.reclassify(
                                    ref,
                                    null,
                                    TicketType.values()[(step / 15) % 3],
                                    "Inny rodzaj, bo " + secret(),
                                    holder);
                        }
                    }
                    trace.add(action + " ok");
                } catch (RuntimeException refused) {
                    trace.add(action + " refused");
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(id) == 0 && settled(id));
            String read = smtp.about(id, ANNA).stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
            assertThat(smtp.about(id, ANNA))
                    .as("the registration at least, after %s", trace)
                    .isNotEmpty();
            for (String secret : secrets) {
                assertThat(read).as("requester's mails after %s", trace).doesNotContain(secret);
            }
        }
    }

    /**
     * Every kind a ticket event gives reaches its recipient, in Polish and in English (the person's language from the
     * people register), and a unit configured with a mailbox gets one mail there.
     */
    @Test
    void everyKindReachesItsRecipientInEitherLanguage() {
        Instant now = Instant.now();
        people.upsert("karol.czwarty", "Karol Czwarty", "karol.czwarty@coi.krakow.pl", "IT-04-4", "manual", now);
        people.upsert(
                "kierownik.it044", "Kierownik Czwartego", "kierownik.it044@coi.krakow.pl", "IT-04-4", "manual", now);
        people.upsert("ola.wozniak", "Ola Woźniak", "ola.wozniak@um.krakow.pl", "KP-02", "manual", now);
        jdbc.sql(
                        "INSERT INTO notification_unit_setting (unit_code, delivery, head_username) VALUES ('IT-04-4', 'AGENTS',"
                                + " 'kierownik.it044') ON CONFLICT (unit_code) DO UPDATE SET head_username = 'kierownik.it044'")
                .update();
        jdbc.sql("INSERT INTO notification_unit_setting (unit_code, delivery, mailbox) VALUES ('IT-05-1', 'MAILBOX',"
                        + " 'it-05-1@coi.krakow.pl') ON CONFLICT (unit_code) DO NOTHING")
                .update();
        CurrentUser ola = TestUsers.requester("ola.wozniak", "KP-02");
        CurrentUser karol = TestUsers.agent("karol.czwarty", "IT-04-4");
        CurrentUser head = TestUsers.agent("kierownik.it044", "IT-04-4");
        List<String> everyone =
                List.of("ola.wozniak", "karol.czwarty", "kierownik.it044", "ewa.zielinska", "zastepca.trzeci");
        Map<String, Map<String, String>> subjects = new LinkedHashMap<>();
        try {
            for (String language : List.of("pl", "en")) {
                everyone.forEach(u -> people.setLanguage(u, language, Instant.now()));
                long id = file(ola, "Telefon na biurku nie ma sygnału " + language, TicketType.INCIDENT);
                String ref = String.valueOf(id);
                tickets.escalate(
                        ref,
                        null,
                        "IT-04-4",
                        "Telefon w pokoju 17 bez sygnału od rana, kabel sprawdzony, port switcha aktywny.",
                        jan);
                tickets.assign(ref, null, "karol.czwarty", null, head);
                tickets.waitForRequester(ref, null, "Czy telefon był przestawiany w inne gniazdo?", karol);
                tickets.comment(ref, null, "Nie, stoi w tym samym miejscu.", false, ola);
                tickets.comment(ref, null, "Dziękujemy, sprawdzamy centralę.", false, karol);
                tickets.requestRemoteHands(ref, null, "Proszę sprawdzić gniazdo w pokoju 17.", karol);
                tickets.escalateToDeputy(ref, null, "Telefon sekretariatu, brak łączności od rana.", karol);
                tickets.recordSla(
                        id,
                        TicketEventType.SLA_WARNING,
                        Map.of(
                                "target",
                                "RESOLUTION",
                                "dueAt",
                                now.plusSeconds(3600).toString()));
                tickets.recordSla(
                        id, TicketEventType.SLA_BREACHED, Map.of("target", "RESOLUTION", "dueAt", now.toString()));
                tickets.resolve(ref, null, Resolution.FIXED, "Wymieniono kabel telefoniczny.", karol);
                tickets.close(ref, null, karol);

                Map<String, String> kinds = awaitSent(id, 14);
                assertThat(kinds.keySet())
                        .containsExactlyInAnyOrder(
                                "TICKET_REGISTERED>ola.wozniak@um.krakow.pl",
                                "UNIT_RECEIVED>karol.czwarty@coi.krakow.pl",
                                "UNIT_RECEIVED>kierownik.it044@coi.krakow.pl",
                                "ASSIGNED_TO_YOU>karol.czwarty@coi.krakow.pl",
                                "QUESTION>ola.wozniak@um.krakow.pl",
                                "REQUESTER_REPLIED>karol.czwarty@coi.krakow.pl",
                                "PUBLIC_COMMENT>ola.wozniak@um.krakow.pl",
                                "REMOTE_HANDS_REQUESTED>" + EWA,
                                "DEPUTY_ESCALATION>" + DEPUTY,
                                "SLA_WARNING>karol.czwarty@coi.krakow.pl",
                                "SLA_BREACHED>karol.czwarty@coi.krakow.pl",
                                "UNIT_BREACH>kierownik.it044@coi.krakow.pl",
                                "RESOLVED>ola.wozniak@um.krakow.pl",
                                "CLOSED>ola.wozniak@um.krakow.pl");
                assertThat(kinds.values()).containsOnly("SENT");
                Map<String, String> byKind = new LinkedHashMap<>();
                jdbc.sql(
                                "SELECT kind, locale, subject, '<' || message_id || '>' FROM notification_delivery WHERE ticket_id = :id")
                        .param("id", id)
                        .query((rs, n) -> {
                            assertThat(rs.getString(2)).as(rs.getString(1)).isEqualTo(language);
                            byKind.put(rs.getString(1), rs.getString(3));
                            String messageId = rs.getString(4);
                            Mailbox.Mail mail = smtp.all().stream()
                                    .filter(m -> messageId.equals(m.messageId()))
                                    .findFirst()
                                    .orElseThrow();
                            assertThat(mail.subject()).isEqualTo(rs.getString(3));
                            return null;
                        })
                        .list();
                subjects.put(language, byKind);
            }
        } finally {
            everyone.forEach(u -> people.setLanguage(u, "pl", Instant.now()));
        }
        for (String kind : subjects.get("pl").keySet()) {
            assertThat(subjects.get("en").get(kind))
                    .as("%s in English", kind)
                    .isNotEqualTo(subjects.get("pl").get(kind));
        }

        long mailbox = file(ola, "Portal nie wyświetla formularza", TicketType.INCIDENT);
        tickets.escalate(
                String.valueOf(mailbox),
                null,
                "IT-05-1",
                "Formularz wniosku na portalu zwraca błąd 500 od rana, sprawdzono w dwóch przeglądarkach.",
                jan);
        Map<String, String> toUnit = awaitSent(mailbox, 2);
        assertThat(toUnit).containsEntry("UNIT_RECEIVED>it-05-1@coi.krakow.pl", "SENT");
        assertThat(smtp.about(mailbox, "it-05-1@coi.krakow.pl")).hasSize(1);
    }

    // ---- helpers

    private long file(CurrentUser requester, String title, TicketType type) {
        return tickets.register(register(title, type), requester, null).ticket().id();
    }

    private static TicketService.RegisterTicket register(String title, TicketType type) {
        return new TicketService.RegisterTicket(
                type, title, title + ": szczegółowy opis problemu.", null, null, null, null, null, null);
    }

    private static Ticket.NewTicket legacy(String reference, String title) {
        return new Ticket.NewTicket(
                TicketType.INCIDENT,
                title,
                title + ": opis z eksportu.",
                new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01"))),
                Channel.PHONE,
                null,
                null,
                null,
                null,
                reference);
    }

    private ConfigurableApplicationContext replica(Map<String, String> extra) {
        return Replicas.start(environment, extra);
    }

    /** Waits until the ticket has {@code expected} deliveries, none pending; their kind>address → state. */
    private Map<String, String> awaitSent(long id, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(id).size() >= expected && settled(id));
        Map<String, String> kinds = new LinkedHashMap<>();
        deliveryRows(id).forEach(r -> kinds.put(r.get("kind") + ">" + r.get("email"), r.get("state")));
        return kinds;
    }

    private boolean settled(long id) {
        return deliveryRows(id).stream()
                .noneMatch(r -> List.of("PENDING", "SENDING").contains(r.get("state")));
    }

    private List<Long> deliveries(long id) {
        return deliveryIds(id);
    }

    private List<Long> deliveryIds(long id) {
        return jdbc.sql("SELECT id FROM notification_delivery WHERE ticket_id = :id ORDER BY id")
                .param("id", id)
                .query(Long.class)
                .list();
    }

    private List<Map<String, String>> deliveryRows(long id) {
        return jdbc.sql("SELECT kind, recipient_email, state, suppressed_reason FROM notification_delivery"
                        + " WHERE ticket_id = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("kind", rs.getString(1));
                    row.put("email", rs.getString(2));
                    row.put("state", rs.getString(3));
                    row.put("reason", String.valueOf(rs.getString(4)));
                    return row;
                })
                .list();
    }

    private String state(long id) {
        return jdbc
                .sql("SELECT state FROM notification_delivery WHERE ticket_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private int attempts(long id) {
        return jdbc.sql("SELECT coalesce(max(attempts), 0) FROM notification_delivery WHERE ticket_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private String lastError(long id) {
        return jdbc
                .sql("SELECT last_error FROM notification_delivery WHERE ticket_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private long incompletePublications(long id) {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
                        + " AND serialized_event::jsonb ->> 'ticketId' = :id")
                .param("id", String.valueOf(id))
                .query(Long.class)
                .single();
    }

    private String number(long id) {
        return jdbc.sql("SELECT number FROM ticket WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    @SuppressWarnings("unused")
    private static TicketState unused(TicketState state) {
        return state;
    }
}
