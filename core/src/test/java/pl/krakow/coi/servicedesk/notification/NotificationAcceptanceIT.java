package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23's acceptance, as one story on two replicas that both send: a requester files a ticket with a
 * screenshot; the first line asks her a question and, while the SMTP server is down for a minute, she answers,
 * the ticket is escalated to IT-04-1 with a handover comment, an internal note is written and the deputy is
 * asked to step in; then the server comes back, and the ticket is resolved. She gets the registered mail, the
 * question and the resolved mail with the resolution note and a link to her screenshot, and never an internal
 * word; IT-04-1's agents and the deputy get theirs; every mail goes out once, nothing is lost. The retries run at
 * the production back-off's shape (doubling from seconds), not at the few milliseconds of NotificationDeliveryIT.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.sender.poll-interval=200ms",
            "servicedesk.notifications.sender.initial-backoff=5s",
            "servicedesk.notifications.sender.max-backoff=20s",
            "servicedesk.notifications.sender.max-attempts=8"
        })
class NotificationAcceptanceIT {

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
    static final String PIOTR = "piotr.wisniewski@coi.krakow.pl";
    static final String MARTA = "marta.kowalczyk@coi.krakow.pl";
    static final String DEPUTY = "zastepca.trzeci@coi.krakow.pl";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser jan = TestUsers.firstLine("jan.kowalski");
    final CurrentUser piotr = TestUsers.agent("piotr.wisniewski", "IT-04-1");

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

    @Test
    void theRequesterTheUnitAndTheDeputyAreToldOnceAcrossTwoReplicasThroughAMinuteWithoutSmtp() throws Exception {
        Instant now = Instant.now();
        people.upsert("anna.nowak", "Anna Nowak", ANNA, "KP-01", "manual", now);
        people.upsert("jan.kowalski", "Jan Kowalski", "jan.kowalski@coi.krakow.pl", "IT-02-2", "manual", now);
        people.upsert("piotr.wisniewski", "Piotr Wiśniewski", PIOTR, "IT-04-1", "manual", now);
        people.upsert("marta.kowalczyk", "Marta Kowalczyk", MARTA, "IT-04-1", "manual", now);
        people.upsert("zastepca.trzeci", "Zastępca Trzeci", DEPUTY, "COI-Z3", "manual", now);
        String secret = "hasło-do-kolejki-wydruku-" + System.nanoTime();
        String handover = "Sterownik drukarki zgłasza błąd 0x1F przy fakturach; kolejka i sterownik sprawdzone,"
                + " restart bufora nie pomógł.";
        String deputyReason = "Faktury nie wychodzą od dwóch dni, zagrożone terminy płatności.";
        String note = "Zainstalowano nowy sterownik drukarki; faktury drukują się poprawnie.";

        try (ConfigurableApplicationContext second = Replicas.start(environment, Map.of())) {
            assertThat(second.getBeanNamesForType(NotificationSender.class))
                    .as("the second replica sends too")
                    .hasSize(1);
            long id = api.as(anna)
                    .post()
                    .uri("/api/v1/tickets")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "title", "Drukarka nie drukuje faktur",
                            "description", "Przy wydruku faktury pojawia się błąd, zrzut ekranu w załączniku."))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id")
                    .asLong();
            String ref = String.valueOf(id);
            long screenshot = api.as(anna)
                    .post()
                    .uri("/api/v1/tickets/{id}/attachments?filename=zrzut-ekranu.png", id)
                    .contentType(MediaType.IMAGE_PNG)
                    .body(HexFormat.of()
                            .parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                                    + "0000000d4944415478da63f8cfc0f01f0005000201a0e6d4e40000000049454e44ae426082"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id")
                    .asLong();
            tickets.waitForRequester(ref, null, "Czy błąd pojawia się przy każdej fakturze?", jan);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> smtp.about(id, ANNA).size() == 2);
            // The server forgets what it received when it stops: keep what came before.
            List<Mailbox.Mail> beforeTheOutage = smtp.all();

            smtp.stop();
            Instant down = Instant.now();
            tickets.comment(ref, null, "Tak, przy każdej, od wczorajszej aktualizacji.", false, anna);
            tickets.comment(ref, null, "Notatka wewnętrzna: " + secret, true, jan);
            tickets.escalate(ref, null, "IT-04-1", handover, jan);
            tickets.assign(ref, null, "piotr.wisniewski", null, piotr);
            tickets.escalateToDeputy(ref, null, deputyReason, piotr);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT count(*) FROM notification_delivery WHERE ticket_id = :id"
                                            + " AND attempts > 0 AND state = 'PENDING'")
                                    .param("id", id)
                                    .query(Long.class)
                                    .single()
                            >= 1);
            Thread.sleep(Math.max(
                    0,
                    Duration.ofMinutes(1).toMillis()
                            - Duration.between(down, Instant.now()).toMillis()));
            assertThat(states(id))
                    .as("a minute without SMTP: nothing sent, nothing given up")
                    .doesNotContain("FAILED");
            smtp.start();

            tickets.resolve(ref, null, Resolution.FIXED, note, piotr);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !states(id).isEmpty() && states(id).stream().allMatch(state -> state.equals("SENT")));

            List<Mailbox.Mail> received = new java.util.ArrayList<>(beforeTheOutage);
            received.addAll(smtp.all());
            List<Mailbox.Mail> toAnna = about(received, id, ANNA);
            assertThat(toAnna.stream().map(m -> m.header("X-ServiceDesk-Notification")))
                    .as("registered, the question, resolved: in that order")
                    .containsExactly("TICKET_REGISTERED", "QUESTION", "RESOLVED");
            String read = toAnna.stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
            assertThat(read)
                    .contains("Czy błąd pojawia się przy każdej fakturze?")
                    .contains(note)
                    .contains("zrzut-ekranu.png")
                    .contains("/attachments/" + screenshot + "/content")
                    .doesNotContain(secret)
                    .doesNotContain("0x1F")
                    .doesNotContain("terminy płatności");
            for (String agent : List.of(PIOTR, MARTA)) {
                assertThat(about(received, id, agent).stream()
                                .map(Mailbox.Mail::all)
                                .collect(Collectors.joining()))
                        .as("IT-04-1 is told, with the handover comment")
                        .contains(handover);
            }
            assertThat(about(received, id, DEPUTY))
                    .singleElement()
                    .satisfies(mail -> assertThat(mail.all()).contains(deputyReason));

            List<String> messageIds = received.stream()
                    .filter(m -> m.inReplyTo() != null && m.inReplyTo().contains("ticket-" + id + "@"))
                    .map(Mailbox.Mail::messageId)
                    .toList();
            assertThat(messageIds)
                    .as("each notification once, across both replicas")
                    .doesNotHaveDuplicates();
            assertThat(messageIds).hasSize(states(id).size());
            assertThat(jdbc.sql("SELECT count(DISTINCT leased_by) FROM notification_delivery WHERE ticket_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .as("sent by either replica")
                    .isPositive();
        }
    }

    private static List<Mailbox.Mail> about(List<Mailbox.Mail> mails, long id, String address) {
        return mails.stream()
                .filter(m -> m.to().contains(address))
                .filter(m -> m.inReplyTo() != null && m.inReplyTo().contains("ticket-" + id + "@"))
                .toList();
    }

    private List<String> states(long id) {
        return jdbc.sql("SELECT state FROM notification_delivery WHERE ticket_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list();
    }
}
