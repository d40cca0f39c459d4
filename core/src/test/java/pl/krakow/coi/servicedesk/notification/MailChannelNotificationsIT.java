package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
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

    @Autowired
    TicketIntake intake;

    @Autowired
    TicketService tickets;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void start() {
        smtp.start();
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
