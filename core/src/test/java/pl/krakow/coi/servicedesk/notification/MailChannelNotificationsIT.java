package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketIntake;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import tools.jackson.databind.JsonNode;

/**
 * What the e-mail channel needs of the notifications, over a real SMTP server (GreenMail): an external requester
 * ({@code mail:<address>}) is written to at that address, and the thread ids the desk sends lead back to the ticket.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.sender.poll-interval=100ms",
            "servicedesk.notifications.metrics-refresh=1h",
            "servicedesk.notifications.message-id-domain=desk.coi.krakow.pl"
        })
class MailChannelNotificationsIT {

    static final Mailbox smtp = new Mailbox();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    final CurrentUser jan = TestUsers.firstLine("jan.kowalski");
    final CurrentUser admin = TestUsers.admin("admin");

    @Autowired
    TicketIntake intake;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotificationThreads threads;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Api api;

    JsonCalls http;

    @BeforeEach
    void start() {
        smtp.start();
        http = new JsonCalls(api);
    }

    @Test
    void anExternalRequesterIsToldOfTheRegistrationAndTheResolutionAtTheirAddressInPolish() {
        String address = "zewnetrzny." + System.nanoTime() + "@example.com";
        Requester requester = Requester.external("  " + address.toUpperCase() + " ", "Zenon Zewnętrzny");
        TicketState ticket = register(requester, TicketType.INCIDENT, "Nie działa formularz na stronie");
        tickets.resolve(String.valueOf(ticket.id()), null, Resolution.FIXED, "Poprawiono formularz.", jan);

        List<Mailbox.Mail> mails = await().atMost(Duration.ofSeconds(30))
                .until(() -> smtp.about(ticket.id(), address), found -> found.size() == 2);
        String read = mails.stream().map(Mailbox.Mail::all).collect(Collectors.joining("\n"));
        assertThat(read)
                .contains(ticket.number().value())
                .contains("Nie działa formularz na stronie")
                .contains("Poprawiono formularz.");
        assertThat(jdbc.sql("""
                        SELECT kind || '>' || recipient_username || '>' || recipient_name || '>' || locale || '>' || state
                        FROM notification_delivery WHERE ticket_id = :id ORDER BY id
                        """).param("id", ticket.id()).query(String.class).list())
                .containsExactlyInAnyOrder(
                        "TICKET_REGISTERED>mail:" + address + ">Zenon Zewnętrzny>pl>SENT",
                        "RESOLVED>mail:" + address + ">Zenon Zewnętrzny>pl>SENT");
    }

    @Test
    void anExternalRequesterOfASecurityIncidentLearnsOnlyItsNumberAndState() {
        String address = "zgloszenie." + System.nanoTime() + "@example.com";
        String secret = "Podejrzany mail z załącznikiem " + System.nanoTime();
        TicketState ticket = register(Requester.external(address, "Ktoś Obcy"), TicketType.SECURITY_INCIDENT, secret);

        Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30))
                .until(() -> smtp.about(ticket.id(), address), found -> found.size() == 1)
                .get(0);
        assertThat(mail.subject()).contains(ticket.number().value());
        assertThat(mail.all()).doesNotContain(secret).doesNotContain("Opis zdarzenia");
    }

    @Test
    void aSentNotificationsMessageIdAndItsThreadRootLeadBackToTheTicket() {
        String address = "watek." + System.nanoTime() + "@example.com";
        TicketState ticket = register(Requester.external(address, "Wątek"), TicketType.INCIDENT, "Brak internetu");
        Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30))
                .until(() -> smtp.about(ticket.id(), address), found -> found.size() == 1)
                .get(0);
        String messageId = mail.messageId();
        String root = mail.inReplyTo();
        assertThat(messageId).startsWith("<ticket-" + ticket.id() + "-").endsWith("@desk.coi.krakow.pl>");
        assertThat(root).isEqualTo("<ticket-" + ticket.id() + "@desk.coi.krakow.pl>");

        assertThat(threads.ticketOf(List.of(messageId))).contains(ticket.id());
        assertThat(threads.ticketOf(List.of(strip(messageId)))).contains(ticket.id());
        assertThat(threads.ticketOf(List.of("CAF1234@mail.gmail.com", strip(root))))
                .contains(ticket.id());
        assertThat(threads.ticketOf(List.of("ticket-" + ticket.id() + "@DESK.coi.krakow.pl")))
                .contains(ticket.id());
        assertThat(threads.ticketOf(List.of("ticket-" + ticket.id() + "@elsewhere.example")))
                .as("another domain's look-alike")
                .isEmpty();
        assertThat(threads.ticketOf(List.of("ticket-999999999@desk.coi.krakow.pl")))
                .as("no such ticket")
                .isEmpty();
        assertThat(threads.ticketOf(List.of())).isEmpty();

        assertThat(threads.isOwn(messageId)).isTrue();
        assertThat(threads.isOwn(strip(root))).isTrue();
        String autoReply = threads.newMessageId("auto reply");
        assertThat(autoReply).startsWith("desk-auto-reply-").endsWith("@desk.coi.krakow.pl");
        assertThat(threads.newMessageId("auto reply")).isNotEqualTo(autoReply);
        assertThat(threads.isOwn(autoReply)).isTrue();
        assertThat(threads.isOwn("<" + autoReply + ">")).isTrue();
        assertThat(threads.isOwn("CAF1234@mail.gmail.com")).isFalse();
        assertThat(threads.isOwn("ticket-" + ticket.id() + "@elsewhere.example"))
                .isFalse();
        assertThat(threads.isOwn("AM0PR01MB1234.eurprd01@desk.coi.krakow.pl"))
                .as("the desk's domain, but no id the desk makes")
                .isFalse();

        assertThat(threads.notified(ticket.id(), address.toUpperCase())).isTrue();
        assertThat(threads.notified(ticket.id(), "ktos.inny@example.com")).isFalse();
        assertThat(threads.notified(Long.MAX_VALUE, address)).isFalse();
    }

    @Test
    void aBouncedNotificationIsMarkedOnceShownInTheLogsAndCountedAndNeverSentAgain() {
        String address = "odbicie." + System.nanoTime() + "@example.com";
        TicketState ticket = register(Requester.external(address, "Odbicie"), TicketType.INCIDENT, "Skrzynka pełna");
        String messageId = strip(await().atMost(Duration.ofSeconds(30))
                .until(() -> smtp.about(ticket.id(), address), found -> found.size() == 1)
                .get(0)
                .messageId());
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(stateOf(messageId)));
        double before = bounces();

        assertThat(threads.markBounced(List.of(messageId), "someone.else@example.com", "550 No such user"))
                .as("only the deliveries to the recipient the bounce names")
                .isZero();
        assertThat(threads.markBounced(List.of("<" + messageId + ">"), address.toUpperCase(), "550 No such user"))
                .isEqualTo(1);
        assertThat(threads.markBounced(List.of(messageId), null, "550 again"))
                .as("already bounced")
                .isZero();

        assertThat(stateOf(messageId)).isEqualTo("BOUNCED");
        assertThat(bounces()).isEqualTo(before + 1);
        JsonNode log = http.get(jan, "/api/v1/tickets/{id}/notifications", ticket.id())
                .expect(200)
                .body();
        assertThat(log).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asString()).isEqualTo("BOUNCED");
            assertThat(delivery.get("lastError").asString()).contains("550 No such user");
        });
        assertThat(http.get(admin, "/api/v1/admin/notifications?state=BOUNCED")
                        .expect(200)
                        .body()
                        .findValuesAsString("messageId"))
                .contains(messageId);
        // The sender polls every 100 ms: it must leave the bounced row alone.
        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(stateOf(messageId)).isEqualTo("BOUNCED");
        assertThat(smtp.about(ticket.id(), address)).hasSize(1);
    }

    private String stateOf(String messageId) {
        return jdbc.sql("SELECT state FROM notification_delivery WHERE message_id = :id")
                .param("id", messageId)
                .query(String.class)
                .single();
    }

    private double bounces() {
        return meters.find(NotificationMetrics.DELIVERIES).tag("state", "BOUNCED").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private static String strip(String bracketed) {
        return bracketed.substring(1, bracketed.length() - 1);
    }

    private TicketState register(Requester requester, TicketType type, String title) {
        return intake.register(
                new Ticket.NewTicket(
                        type,
                        title,
                        "Opis zdarzenia: " + title,
                        requester,
                        Channel.EMAIL,
                        null,
                        null,
                        null,
                        null,
                        null),
                new Actor(
                        requester.username(),
                        requester.displayName(),
                        java.util.Optional.empty(),
                        Actor.Kind.REQUESTER));
    }
}
