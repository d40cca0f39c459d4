package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.ingest.mail.MailFakes.EXTERNAL;
import static pl.krakow.coi.servicedesk.ingest.mail.MailFakes.REFUSING;
import static pl.krakow.coi.servicedesk.ingest.mail.MailFakes.mail;
import static pl.krakow.coi.servicedesk.ingest.mail.MailFakes.replyTo;
import static pl.krakow.coi.servicedesk.ingest.mail.MailFakes.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.krakow.coi.servicedesk.ingest.mail.MailOutcome.Kind;
import pl.krakow.coi.servicedesk.ticket.TicketLink;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/** The rules of what a mail becomes, against in-memory stand-ins of the tickets, notifications and register. */
class TicketMailProcessorTest {

    static final String ANNA = "anna.nowak@um.krakow.pl";
    static final String PIOTR = "piotr.zielinski@um.krakow.pl";
    static final String STRANGER = "ktos@example.com";

    MailFakes fakes;
    TicketMailProcessor processor;
    TicketState annas;

    @BeforeEach
    void setUp() {
        fakes = new MailFakes();
        fakes.person("anowak", "Anna Nowak", ANNA, "KP-01");
        fakes.person("pzielinski", "Piotr Zieliński", PIOTR, "WS-02");
        processor = fakes.processor();
        annas = fakes.tickets.add(state(
                1,
                "INC-2026-000123",
                TicketStatus.IN_PROGRESS,
                new Requester("anowak", "Anna Nowak", Optional.of(new UnitCode("KP-01"))),
                null,
                "Drukarka"));
        fakes.threads.sent.put("n1.ticket-1@um.krakow.pl", 1L);
    }

    MailOutcome process(InboundMail mail) {
        return fakes.process(processor, EXTERNAL, mail);
    }

    @Test
    void theDesksOwnMailIsIgnoredBeforeAnyOtherRule() {
        InboundMail ownBounce = MailFakes.bounce(
                mail(ANNA, "Undelivered", "x"),
                new InboundMail.Bounce(
                        List.of("n1.ticket-1@um.krakow.pl"), List.of(ANNA), "5.1.1", "no such user", true),
                true);
        assertThat(process(ownBounce).kind()).isEqualTo(Kind.IGNORED_OWN);
        assertThat(fakes.threads.bounced).isEmpty();

        InboundMail readBack = new InboundMail(
                "n1.ticket-1@um.krakow.pl",
                List.of(),
                List.of(),
                new InboundMail.Address(ANNA, null),
                false,
                List.of(),
                List.of(),
                "[INC-2026-000123] Drukarka",
                null,
                "x",
                "x",
                List.of(),
                null,
                null,
                false);
        assertThat(process(readBack).kind()).isEqualTo(Kind.IGNORED_OWN);

        assertThat(process(mail("servicedesk@um.krakow.pl", "Loop", "x")).kind())
                .isEqualTo(Kind.IGNORED_OWN);
        assertThat(process(mail("Powiadomienia@um.krakow.pl", "Loop", "x")).kind())
                .as("the notifications' sender")
                .isEqualTo(Kind.IGNORED_OWN);
        assertThat(process(mail("helpdesk@um.krakow.pl", "Loop", "x")).kind())
                .as("servicedesk.mail.own-addresses")
                .isEqualTo(Kind.IGNORED_OWN);
        assertThat(process(mail("zgloszenia@um.krakow.pl", "Loop", "x")).kind())
                .as("another mailbox of the desk")
                .isEqualTo(Kind.IGNORED_OWN);
        assertThat(fakes.tickets.calls).isEmpty();
        assertThat(fakes.replies.sent).isEmpty();
    }

    @Test
    void aBounceMarksTheNotificationItAnswersAndAddsNoComment() {
        InboundMail bounce = MailFakes.bounce(
                replyTo(mail("mailer-daemon@um.krakow.pl", "Undelivered Mail", "x"), "n1.ticket-1@um.krakow.pl"),
                new InboundMail.Bounce(
                        List.of("n1.ticket-1@um.krakow.pl"), List.of(ANNA), "5.1.1", "User unknown", true),
                false);
        MailOutcome outcome = process(bounce);
        assertThat(outcome.kind()).isEqualTo(Kind.BOUNCE_RECORDED);
        assertThat(outcome.reason()).isEqualTo("marked 1");
        assertThat(fakes.threads.bounced).containsExactly("n1.ticket-1@um.krakow.pl:" + ANNA + ":5.1.1 User unknown");

        InboundMail unmatched = MailFakes.bounce(
                mail("mailer-daemon@um.krakow.pl", "Undelivered Mail", "x"),
                new InboundMail.Bounce(List.of("elsewhere@client"), List.of(), null, null, true),
                false);
        assertThat(process(unmatched))
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.BOUNCE_RECORDED, "marked 0");
        assertThat(fakes.tickets.calls).isEmpty();
        assertThat(fakes.replies.sent).isEmpty();
    }

    @Test
    void automaticMailIsIgnoredWithItsReasonAndNeverAnswered() {
        MailOutcome outcome = fakes.process(
                processor,
                REFUSING,
                MailFakes.automatic(
                        mail(STRANGER, "Out of office: [INC-2026-000123]", "away"), "Auto-Submitted: auto-replied"));
        assertThat(outcome)
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.IGNORED_AUTOMATIC, "Auto-Submitted: auto-replied");
        assertThat(fakes.tickets.calls).isEmpty();
        assertThat(fakes.replies.sent).isEmpty();
    }

    @Test
    void mailWithoutASenderIsQuarantinedUnanswered() {
        MailOutcome outcome = process(mail(null, "Hello", "x"));
        assertThat(outcome)
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.QUARANTINED, "NO_SENDER");
        assertThat(fakes.replies.sent).isEmpty();
    }

    @Test
    void aMailThatCannotBeParsedIsQuarantinedUnanswered() {
        MailOutcome outcome = processor.process(EXTERNAL, "broken".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome)
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.QUARANTINED, "MALFORMED_MIME");
        assertThat(fakes.replies.sent).isEmpty();
    }

    @Test
    void theRateLimitHoldsTheSendersMailBeyondTheLimitWithoutAnswering() {
        fakes.properties = new MailFlowProperties(null, new MailFlowProperties.RateLimit(3, Duration.ofHours(1)), null);
        processor = fakes.processor();
        for (int i = 0; i < 3; i++) {
            assertThat(process(mail(ANNA, "Problem " + i, "x")).kind()).isEqualTo(Kind.TICKET_CREATED);
        }
        MailOutcome fourth = process(mail(ANNA, "Problem 4", "x"));
        assertThat(fourth)
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.RATE_LIMITED, "RATE_LIMITED");
        assertThat(fakes.replies.sent).isEmpty();
        assertThat(fakes.ledger.serialised).contains(ANNA);
        assertThat(process(mail(PIOTR, "Other sender", "x")).kind()).isEqualTo(Kind.TICKET_CREATED);

        fakes.clock.now = fakes.clock.now.plus(Duration.ofMinutes(61));
        assertThat(process(mail(ANNA, "Later", "x")).kind()).isEqualTo(Kind.TICKET_CREATED);
    }

    @Test
    void aNewMailFromARegisterPersonBecomesAnEmailIncidentAtTheFirstLine() {
        MailOutcome outcome = process(MailFakes.withAttachments(
                mail(ANNA, "Fwd: RE: Nie działa drukarka w pokoju 12", "Drukarka nie drukuje."),
                new InboundMail.Part("zdjęcie.jpg", "image/jpeg", new byte[] {1, 2, 3}, true, "img1"),
                new InboundMail.Part("log.txt", "text/plain", new byte[] {4}, false, null)));
        assertThat(outcome.kind()).isEqualTo(Kind.TICKET_CREATED);
        var request = fakes.tickets.registered.get(0);
        assertThat(request.title()).isEqualTo("Nie działa drukarka w pokoju 12");
        assertThat(request.description()).isEqualTo("Drukarka nie drukuje.");
        assertThat(request.channel()).isEqualTo(Channel.EMAIL);
        assertThat(request.type()).isEqualTo(TicketType.INCIDENT);
        assertThat(request.requester().username()).isEqualTo("anowak");
        assertThat(request.requester().customerUnit()).contains(new UnitCode("KP-01"));
        Actor actor = fakes.tickets.calls.get(0).actor();
        assertThat(actor.kind()).isEqualTo(Actor.Kind.REQUESTER);
        assertThat(actor.username()).isEqualTo("anowak");
        assertThat(fakes.attachments.added)
                .containsExactly(
                        outcome.ticketId() + ":zdjęcie.jpg:3:anowak", outcome.ticketId() + ":log.txt:1:anowak");
    }

    @Test
    void theDescriptionIsTheTrimmedBodyOrTheWholeOrAPlaceholder() {
        process(MailFakes.body(mail(ANNA, "a", ""), "Treść\n> cytat", "Treść"));
        process(MailFakes.body(mail(ANNA, "b", ""), "> tylko cytat", ""));
        process(MailFakes.body(mail(ANNA, "c", ""), "  ", ""));
        assertThat(fakes.tickets.registered)
                .extracting(r -> r.description())
                .containsExactly("Treść", "> tylko cytat", "(brak treści)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Re: Drukarka | Drukarka",
                "RE: Odp: ODP: Fwd: FW: PD: Wg: AW: Drukarka | Drukarka",
                "re:re:Drukarka | Drukarka",
                "Re[2]: Drukarka | Drukarka",
                "[INC-2026-000123] Re: Drukarka | Drukarka",
                "Re: [inc-2026-000123] Drukarka | Drukarka",
                "Odp: Zgłoszenie [REQ-2026-000001] przyjęte | Zgłoszenie przyjęte",
                "Re: | (bez tematu)",
                "'' | (bez tematu)",
                "Refaktoryzacja: plan | Refaktoryzacja: plan",
                "Awaria serwera | Awaria serwera",
            })
    void theTitleIsTheSubjectWithoutPrefixesAndNumbers(String subject, String title) {
        assertThat(MailSubjects.title(subject)).isEqualTo(title);
    }

    @Test
    void aLongSubjectIsCutToTheTitleLimit() {
        String title = MailSubjects.title("Re: " + "ż".repeat(300));
        assertThat(title).hasSize(200).endsWith("…");
    }

    @Test
    void theNumberIsFoundForEveryTicketType() {
        assertThat(MailSubjects.number("Re: [SEC-2026-000007] x")).contains("SEC-2026-000007");
        assertThat(MailSubjects.number("Re: [req-2026-1234567]")).contains("REQ-2026-1234567");
        assertThat(MailSubjects.number("INC-2026-000123 without brackets")).isEmpty();
    }

    @Test
    void theRequestersReplyByInReplyToIsACommentByTheRequester() {
        MailOutcome outcome = process(replyTo(
                MailFakes.withAttachments(
                        mail(ANNA, "Re: Drukarka", "Już działa?"),
                        new InboundMail.Part("scan.pdf", "application/pdf", new byte[] {1}, false, null)),
                "n1.ticket-1@um.krakow.pl"));
        assertThat(outcome).extracting(MailOutcome::kind, MailOutcome::ticketId).containsExactly(Kind.COMMENTED, 1L);
        var reply = fakes.tickets.on(1, "reply").get(0);
        assertThat(reply.text()).isEqualTo("Już działa?");
        assertThat(reply.actor().username())
                .as("the domain recognises the requester by username")
                .isEqualTo("anowak");
        assertThat(reply.actor().kind()).isEqualTo(Actor.Kind.REQUESTER);
        assertThat(fakes.attachments.added).containsExactly("1:scan.pdf:1:anowak");
    }

    @Test
    void aNotifiedPersonsReplyByNumberIsTheirComment() {
        fakes.threads.notified.add("1:" + PIOTR);
        MailOutcome outcome = process(mail(PIOTR, "Re: [INC-2026-000123] Drukarka", "U mnie też"));
        assertThat(outcome.kind()).isEqualTo(Kind.COMMENTED);
        var reply = fakes.tickets.on(1, "reply").get(0);
        assertThat(reply.actor().username()).isEqualTo("pzielinski");
        assertThat(reply.actor().kind()).isEqualTo(Actor.Kind.REQUESTER);
    }

    @Test
    void anExternalRequesterIsAParticipantByTheirAddress() {
        fakes.tickets.add(state(
                2,
                "INC-2026-000124",
                TicketStatus.WAITING_FOR_REQUESTER,
                Requester.external(STRANGER, "Ktoś"),
                null,
                "Pytanie"));
        MailOutcome outcome = process(mail(STRANGER, "Re: [INC-2026-000124] Pytanie", "Odpowiedź"));
        assertThat(outcome.kind()).isEqualTo(Kind.COMMENTED);
        assertThat(fakes.tickets.on(2, "reply").get(0).actor().username()).isEqualTo("mail:" + STRANGER);
    }

    @Test
    void aSenderWhoseEarlierMailJoinedTheTicketIsAParticipant() {
        fakes.ledger.rows.add(
                new MailFakes.Ledger.Row(PIOTR, Kind.COMMENTED, 1L, fakes.clock.now.minus(Duration.ofDays(3))));
        assertThat(process(mail(PIOTR, "Re: [INC-2026-000123]", "Jeszcze raz")).kind())
                .isEqualTo(Kind.COMMENTED);
    }

    @Test
    void aStrangerWithTheNumberGetsATicketOfTheirOwnLinkedMentions() {
        MailOutcome outcome = process(replyTo(
                mail(STRANGER, "Re: [INC-2026-000123] Drukarka", "Dopiszcie mnie"), "n1.ticket-1@um.krakow.pl"));
        assertThat(outcome.kind()).isEqualTo(Kind.TICKET_CREATED);
        assertThat(outcome.ticketId()).isNotEqualTo(1L);
        assertThat(outcome.reason()).isEqualTo("MENTIONS INC-2026-000123");
        assertThat(fakes.tickets.on(1, "reply")).isEmpty();
        assertThat(fakes.tickets.on(1, "reopen")).isEmpty();
        assertThat(fakes.tickets.links)
                .extracting(TicketLink::ticketId, TicketLink::linkedTicketId, TicketLink::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(outcome.ticketId(), 1L, TicketLink.Kind.MENTIONS));
        var request = fakes.tickets.registered.get(0);
        assertThat(request.requester().username()).isEqualTo("mail:" + STRANGER);
        assertThat(request.title()).as("nothing of the other ticket").isEqualTo("Drukarka");
        assertThat(request.description()).isEqualTo("Dopiszcie mnie");
    }

    @Test
    void aStrangerUnderTheRefusingPolicyIsHeldAndToldOnce() {
        MailOutcome first = fakes.process(processor, REFUSING, mail(STRANGER, "Re: [INC-2026-000123]", "x"));
        assertThat(first)
                .extracting(MailOutcome::kind, MailOutcome::reason)
                .containsExactly(Kind.HELD_UNKNOWN_SENDER, "UNKNOWN_SENDER");
        assertThat(fakes.tickets.calls).isEmpty();
        assertThat(fakes.replies.sent)
                .containsExactly(
                        new MailFakes.Replies.Sent(STRANGER, AutoReplies.Reason.UNKNOWN_SENDER, "UNKNOWN_SENDER"));
    }

    TicketState resolved(Instant resolvedAt) {
        return fakes.tickets.add(state(
                3,
                "INC-2026-000125",
                TicketStatus.RESOLVED,
                new Requester("anowak", "Anna Nowak", Optional.empty()),
                resolvedAt,
                "Poczta"));
    }

    @Test
    void aReplyWithinTheReopenWindowReopensWithTheReplyAsTheReason() {
        resolved(fakes.clock.now.minus(Duration.ofDays(14)));
        MailOutcome outcome = process(mail(ANNA, "Re: [INC-2026-000125] Poczta", "Nadal nie działa poczta."));
        assertThat(outcome).extracting(MailOutcome::kind, MailOutcome::ticketId).containsExactly(Kind.REOPENED, 3L);
        assertThat(fakes.tickets.on(3, "reopen").get(0).text()).isEqualTo("Nadal nie działa poczta.");
    }

    @Test
    void aShortReplyReopensWithAReasonLongEnoughForTheRules() {
        resolved(fakes.clock.now.minus(Duration.ofDays(1)));
        process(mail(ANNA, "Re: [INC-2026-000125]", "Nie"));
        assertThat(fakes.tickets.on(3, "reopen").get(0).text()).isEqualTo("Odpowiedź e-mailem: Nie");
    }

    @Test
    void aReplyJustAfterTheReopenWindowOpensAFollowUp() {
        resolved(fakes.clock.now.minus(Duration.ofDays(14)).minusSeconds(1));
        MailOutcome outcome = process(mail(ANNA, "Re: [INC-2026-000125] Poczta", "Znowu to samo"));
        assertThat(outcome.kind()).isEqualTo(Kind.TICKET_CREATED);
        assertThat(outcome.reason()).isEqualTo("FOLLOW_UP INC-2026-000125");
        assertThat(fakes.tickets.on(3, "reopen")).isEmpty();
        assertThat(fakes.tickets.links).extracting(TicketLink::kind).containsExactly(TicketLink.Kind.FOLLOW_UP);
    }

    @Test
    void theReopenWindowIsConfigurable() {
        fakes.properties = new MailFlowProperties(Duration.ofDays(2), null, null);
        processor = fakes.processor();
        resolved(fakes.clock.now.minus(Duration.ofDays(3)));
        assertThat(process(mail(ANNA, "Re: [INC-2026-000125]", "Znowu to samo")).kind())
                .isEqualTo(Kind.TICKET_CREATED);
    }

    @Test
    void aReplyToAClosedOrCancelledTicketOpensAFollowUp() {
        for (TicketStatus status : List.of(TicketStatus.CLOSED, TicketStatus.CANCELLED)) {
            fakes.tickets.add(state(
                    4,
                    "INC-2026-000126",
                    status,
                    new Requester("anowak", "Anna Nowak", Optional.empty()),
                    fakes.clock.now.minusSeconds(60),
                    "X"));
            MailOutcome outcome = process(mail(ANNA, "Re: [INC-2026-000126] X", "Jeszcze jedno"));
            assertThat(outcome.kind()).isEqualTo(Kind.TICKET_CREATED);
            assertThat(outcome.reason()).isEqualTo("FOLLOW_UP INC-2026-000126");
        }
        assertThat(fakes.tickets.on(4, "reply")).isEmpty();
        assertThat(fakes.tickets.on(4, "reopen")).isEmpty();
    }

    @Test
    void aRefusedAttachmentUndoesTheTicketAndQuarantinesWithTheCode() {
        MailOutcome outcome = process(MailFakes.withAttachments(
                mail(ANNA, "Program", "w załączniku"),
                new InboundMail.Part("ok.txt", "text/plain", new byte[] {1}, false, null),
                new InboundMail.Part("setup.exe", "application/octet-stream", new byte[] {1}, false, null)));
        assertThat(outcome)
                .extracting(MailOutcome::kind, MailOutcome::ticketId, MailOutcome::reason)
                .containsExactly(Kind.QUARANTINED, null, "ATTACHMENT_REFUSED: file-type-refused");
        assertThat(fakes.transactions.rollbacks).as("the savepoint rolled back").isEqualTo(1);
        assertThat(fakes.replies.sent)
                .containsExactly(new MailFakes.Replies.Sent(
                        ANNA, AutoReplies.Reason.QUARANTINED, "ATTACHMENT_REFUSED: file-type-refused"));
    }

    @Test
    void aTooLargeMailIsQuarantinedAndItsSenderToldUnlessItIsTheDesk() {
        MailOutcome outcome = processor.tooLarge(EXTERNAL, "Anna.Nowak@um.krakow.pl", "Skany", 31_000_000);
        assertThat(outcome)
                .extracting(MailOutcome::kind, MailOutcome::reason, MailOutcome::sender)
                .containsExactly(Kind.QUARANTINED, "TOO_LARGE: 31000000 bytes", ANNA);
        assertThat(fakes.replies.sent)
                .containsExactly(new MailFakes.Replies.Sent(ANNA, AutoReplies.Reason.TOO_LARGE, "TOO_LARGE"));
        processor.tooLarge(EXTERNAL, "servicedesk@um.krakow.pl", "Loop", 31_000_000);
        processor.tooLarge(EXTERNAL, null, null, 31_000_000);
        assertThat(fakes.replies.sent).hasSize(1);
    }

    @Test
    void everyOutcomeIsCounted() {
        process(mail(ANNA, "a", "x"));
        process(mail(null, "b", "x"));
        assertThat(fakes.registry
                        .get("servicedesk.mail.outcomes")
                        .tag("outcome", "TICKET_CREATED")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(fakes.registry
                        .get("servicedesk.mail.outcomes")
                        .tag("outcome", "QUARANTINED")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
