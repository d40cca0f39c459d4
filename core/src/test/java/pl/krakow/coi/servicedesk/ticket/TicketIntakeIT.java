package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.sla.ClockState;
import pl.krakow.coi.servicedesk.sla.SlaService;
import pl.krakow.coi.servicedesk.sla.SlaStatus;
import pl.krakow.coi.servicedesk.testing.Api;
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
import tools.jackson.databind.JsonNode;

/**
 * The e-mail channel's ticket use cases ({@link TicketIntake}): registration as any ticket, a requester's reply
 * resuming a ticket waiting for them and its SLA clock (an agent's does not), reopening, finding tickets, and links
 * between tickets with their listing, which shows a caller only the linked tickets they may see.
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

    @Autowired
    Api api;

    JsonCalls http;

    @BeforeEach
    void http() {
        http = new JsonCalls(api);
    }

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

    @Test
    void aLinkIsRecordedOnceOnTheReferringTicketAndListedFromBothSides() {
        TicketState closed = register(anna, annaWrites, "Stary problem z VPN");
        TicketState followUp = register(anna, annaWrites, "Znowu VPN");

        TicketLink link = intake.link(followUp.id(), closed.id(), TicketLink.Kind.FOLLOW_UP, Actor.system("mail"));
        TicketLink again = intake.link(followUp.id(), closed.id(), TicketLink.Kind.FOLLOW_UP, Actor.system("mail"));

        assertThat(link.ticketId()).isEqualTo(followUp.id());
        assertThat(link.linkedTicketId()).isEqualTo(closed.id());
        assertThat(link.linkedNumber()).isEqualTo(closed.number().value());
        assertThat(link.kind()).isEqualTo(TicketLink.Kind.FOLLOW_UP);
        assertThat(again).isEqualTo(link);
        assertThat(lookup.history(followUp.id()))
                .filteredOn(e -> e.type() == TicketEventType.LINKED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.data())
                            .containsEntry("linkedNumber", closed.number().value())
                            .containsEntry("kind", "FOLLOW_UP")
                            .containsEntry("visibility", "INTERNAL");
                    assertThat(e.actor().username()).isEqualTo("system:mail");
                });
        assertThat(types(closed.id())).doesNotContain(TicketEventType.LINKED);

        JsonNode outgoing = http.get(
                        jan, "/api/v1/tickets/{ref}/links", followUp.number().value())
                .expect(200)
                .body();
        assertThat(outgoing).hasSize(1);
        assertThat(outgoing.get(0).get("direction").asString()).isEqualTo("OUTGOING");
        assertThat(outgoing.get(0).get("number").asString())
                .isEqualTo(closed.number().value());
        assertThat(outgoing.get(0).get("title").asString()).isEqualTo("Stary problem z VPN");
        assertThat(outgoing.get(0).get("status").asString()).isEqualTo("NEW");
        assertThat(outgoing.get(0).get("kind").asString()).isEqualTo("FOLLOW_UP");
        JsonNode incoming = http.get(annaUser, "/api/v1/tickets/{ref}/links", closed.id())
                .expect(200)
                .body();
        assertThat(incoming).hasSize(1);
        assertThat(incoming.get(0).get("direction").asString()).isEqualTo("INCOMING");
        assertThat(incoming.get(0).get("number").asString())
                .isEqualTo(followUp.number().value());
    }

    @Test
    void aRequesterNeverLearnsOfAStrangersTicketThatMentionsTheirs() {
        TicketState annas = register(anna, annaWrites, "Moje konto jest zablokowane");
        Requester stranger = Requester.external("obcy@example.com", "Obcy");
        TicketState strangers =
                register(stranger, actorOf(stranger), "Re: [" + annas.number().value() + "]");
        intake.link(strangers.id(), annas.id(), TicketLink.Kind.MENTIONS, Actor.system("mail"));
        CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-03");
        TicketState piotrs = register(
                new Requester("piotr.wisniewski", "Piotr", Optional.of(new UnitCode("KP-03"))),
                new Actor("piotr.wisniewski", "Piotr", Optional.empty(), Actor.Kind.REQUESTER),
                "Drukarka");
        intake.link(piotrs.id(), annas.id(), TicketLink.Kind.MENTIONS, Actor.system("mail"));

        assertThat(http.get(annaUser, "/api/v1/tickets/{ref}/links", annas.id())
                        .expect(200)
                        .body())
                .as("neither stranger's ticket is anna's to see")
                .isEmpty();
        assertThat(http.get(piotr, "/api/v1/tickets/{ref}/links", piotrs.id())
                        .expect(200)
                        .body())
                .as("piotr mentioned anna's ticket but may not see it")
                .isEmpty();
        assertThat(eventTypes(http.get(piotr, "/api/v1/tickets/{ref}/history", piotrs.id())
                        .expect(200)
                        .body()))
                .containsExactly("CREATED");
        http.get(piotr, "/api/v1/tickets/{ref}/links", annas.id()).problem(404, "not-found");
        assertThat(http.get(jan, "/api/v1/tickets/{ref}/links", annas.id())
                        .expect(200)
                        .body()
                        .findValuesAsString("direction"))
                .containsExactly("INCOMING", "INCOMING");
        assertThat(eventTypes(http.get(jan, "/api/v1/tickets/{ref}/history", piotrs.id())
                        .expect(200)
                        .body()))
                .containsExactly("CREATED", "LINKED");
    }

    @Test
    void aTicketDoesNotReferToItselfNorToATicketThatDoesNotExist() {
        TicketState ticket = register(anna, annaWrites, "Klawiatura");
        assertThatThrownBy(() -> intake.link(ticket.id(), ticket.id(), TicketLink.Kind.MENTIONS, Actor.system("mail")))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("ticket-link-to-itself"));
        assertThatThrownBy(
                        () -> intake.link(ticket.id(), Long.MAX_VALUE, TicketLink.Kind.MENTIONS, Actor.system("mail")))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class,
                        e -> assertThat(e.kind()).isEqualTo(ServiceDeskException.Kind.NOT_FOUND));
        assertThat(types(ticket.id())).containsExactly(TicketEventType.CREATED);
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

    private static List<String> eventTypes(JsonNode history) {
        List<String> types = new java.util.ArrayList<>();
        history.forEach(event -> types.add(event.get("type").asString()));
        return types;
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
