package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.sla.ClockState;
import pl.krakow.coi.servicedesk.sla.SlaService;
import pl.krakow.coi.servicedesk.sla.SlaStatus;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * The e-mail channel's ticket use cases ({@link TicketIntake}): registration as any ticket, a requester's reply
 * resuming a ticket waiting for them and its SLA clock (an agent's does not), reopening, and finding tickets.
 */
@IntegrationTest
class TicketIntakeIT {

    final CurrentUser jan = TestUsers.firstLine("jan.kowalski");
    final CurrentUser annaUser = TestUsers.requester("anna.nowak", "KP-01");
    final Requester anna = new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")));
    final Actor annaWrites =
            new Actor("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")), Actor.Kind.REQUESTER);
    final Actor janWrites = TicketService.actor(jan);

    @Autowired
    TicketIntake intake;

    @Autowired
    TicketService tickets;

    @Autowired
    TicketLookup lookup;

    @Autowired
    SlaService sla;

    @Test
    void aMailIsRegisteredAtTheFirstLineWithItsChannelNumberEventsAndSla() {
        TicketState ticket = register(anna, annaWrites, "Nie działa drukarka w pokoju 12");

        assertThat(ticket.id()).isNotNull();
        assertThat(ticket.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
        assertThat(ticket.number().value()).matches("INC-\\d{4}-\\d{6,}");
        List<TicketEvent> history = lookup.history(ticket.id());
        assertThat(history).singleElement().satisfies(created -> {
            assertThat(created.type()).isEqualTo(TicketEventType.CREATED);
            assertThat(created.data()).containsEntry("channel", "EMAIL");
            assertThat(created.actor().username()).isEqualTo("anna.nowak");
        });
        SlaStatus status = slaOf(ticket.id());
        assertThat(status.response().clock()).isEqualTo(ClockState.RUNNING);
        assertThat(status.resolution().clock()).isEqualTo(ClockState.RUNNING);
        assertThat(tickets.get(ticket.number().value(), annaUser).id()).isEqualTo(ticket.id());
    }

    @Test
    void theRequestersReplyResumesATicketWaitingForThemAndItsSlaClock() {
        TicketState ticket = register(anna, annaWrites, "Brak dostępu do udziału sieciowego");
        tickets.waitForRequester(String.valueOf(ticket.id()), null, "Z którego komputera?", jan);
        assertThat(slaOf(ticket.id()).resolution().clock()).isEqualTo(ClockState.PAUSED);

        TicketState replied = intake.reply(ticket.id(), "Z komputera KP01-123.", annaWrites);

        assertThat(replied.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(types(ticket.id())).endsWith(TicketEventType.COMMENTED, TicketEventType.REQUESTER_REPLIED);
        assertThat(slaOf(ticket.id()).resolution().clock()).isEqualTo(ClockState.RUNNING);
        assertThat(lookup.comments(List.of(ticket.id())).get(ticket.id()))
                .last()
                .satisfies(c -> {
                    assertThat(c.body()).isEqualTo("Z komputera KP01-123.");
                    assertThat(c.visibility()).isEqualTo(Comment.Visibility.PUBLIC);
                });
    }

    @Test
    void anExternalRequestersReplyResumesTooWhateverCaseTheirAddressIsWrittenIn() {
        Requester outsider = Requester.external("Jan.Zewnetrzny@Example.com", "Jan Zewnętrzny");
        assertThat(outsider.username()).isEqualTo("mail:jan.zewnetrzny@example.com");
        TicketState ticket = register(outsider, actorOf(outsider), "Pytanie o konto w systemie");
        tickets.waitForRequester(String.valueOf(ticket.id()), null, "Jaki login?", jan);

        Actor writes =
                new Actor("mail:JAN.Zewnetrzny@example.COM", "Jan Zewnętrzny", Optional.empty(), Actor.Kind.REQUESTER);
        TicketState replied = intake.reply(ticket.id(), "Login jzewn.", writes);

        assertThat(replied.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(slaOf(ticket.id()).resolution().clock()).isEqualTo(ClockState.RUNNING);
        assertThat(last(lookup.history(ticket.id())).actor().username()).isEqualTo(outsider.username());
    }

    @Test
    void anAgentsReplyIsAPublicCommentThatResumesNothing() {
        TicketState ticket = register(anna, annaWrites, "Monitor miga");
        tickets.waitForRequester(String.valueOf(ticket.id()), null, "Który monitor?", jan);

        TicketState replied = intake.reply(ticket.id(), "Proszę o numer inwentarzowy.", janWrites);
        Actor agentWithTheRequestersName =
                new Actor("anna.nowak", "Anna Nowak", Optional.of(UnitCode.FIRST_LINE), Actor.Kind.AGENT);
        replied = intake.reply(ticket.id(), "Agent o tym samym loginie.", agentWithTheRequestersName);

        assertThat(replied.status()).isEqualTo(TicketStatus.WAITING_FOR_REQUESTER);
        assertThat(types(ticket.id())).doesNotContain(TicketEventType.REQUESTER_REPLIED);
        assertThat(slaOf(ticket.id()).resolution().clock()).isEqualTo(ClockState.PAUSED);
        assertThat(lookup.comments(List.of(ticket.id())).get(ticket.id()))
                .extracting(Comment::visibility)
                .containsOnly(Comment.Visibility.PUBLIC);
    }

    @Test
    void aResolvedTicketIsReopenedWithTheReasonAsAPublicCommentAndNothingElseIs() {
        TicketState ticket = register(anna, annaWrites, "Skaner nie skanuje");
        String ref = String.valueOf(ticket.id());
        assertThatThrownBy(() -> intake.reopen(ticket.id(), "Nadal nie działa.", annaWrites))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-status-transition"));
        tickets.resolve(ref, null, Resolution.FIXED, "Zaktualizowano sterownik.", jan);

        TicketState reopened = intake.reopen(ticket.id(), "Nadal nie działa.", annaWrites);

        assertThat(reopened.status()).isIn(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(types(ticket.id())).last().isEqualTo(TicketEventType.REOPENED);
        assertThat(lookup.comments(List.of(ticket.id())).get(ticket.id()))
                .last()
                .satisfies(c -> {
                    assertThat(c.body()).isEqualTo("Nadal nie działa.");
                    assertThat(c.visibility()).isEqualTo(Comment.Visibility.PUBLIC);
                    assertThat(c.author().username()).isEqualTo("anna.nowak");
                });

        tickets.resolve(ref, null, Resolution.FIXED, "Wymieniono skaner.", jan);
        tickets.close(ref, null, annaUser);
        assertThatThrownBy(() -> intake.reopen(ticket.id(), "Znowu.", annaWrites))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-status-transition"));
        assertThat(intake.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void aTicketIsFoundByIdAndByItsNumberInAnyCase() {
        TicketState ticket = register(anna, annaWrites, "Nie mogę się zalogować");
        String number = ticket.number().value();

        assertThat(intake.find(ticket.id()))
                .hasValueSatisfying(t -> assertThat(t.number()).isEqualTo(ticket.number()));
        assertThat(intake.findByNumber(number.toLowerCase()))
                .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(ticket.id()));
        assertThat(intake.findByNumber(" " + number + " ")).isPresent();
        assertThat(intake.find(Long.MAX_VALUE)).isEmpty();
        assertThat(intake.findByNumber("INC-1999-999999")).isEmpty();
        assertThat(intake.findByNumber("to nie numer")).isEmpty();
        assertThat(intake.findByNumber(null)).isEmpty();
    }

    private TicketState register(Requester requester, Actor actor, String title) {
        return intake.register(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        title,
                        "Opis: " + title,
                        requester,
                        Channel.EMAIL,
                        null,
                        null,
                        null,
                        null,
                        null),
                actor);
    }

    private static Actor actorOf(Requester requester) {
        return new Actor(requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private List<TicketEventType> types(long ticketId) {
        return lookup.history(ticketId).stream().map(TicketEvent::type).toList();
    }

    private SlaStatus slaOf(long ticketId) {
        TicketState state = lookup.state(ticketId).orElseThrow();
        return sla.statuses(List.of(state), Instant.now()).get(ticketId);
    }
}
