package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ingest.mail.MailOutcome.Kind;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;

/**
 * Invariants over generated sequences of mails from the requester, a notified participant, strangers and
 * programs, with and without the number in the subject and with random {@code In-Reply-To}s: the requester's ticket
 * never gets a comment (or a reopening) from a non-participant, and automatic mail never makes a ticket or a
 * comment.
 */
class TicketMailProcessorPropertyTest {

    static final List<String> SENDERS = List.of(
            "anna.nowak@um.krakow.pl", // the requester
            "piotr.zielinski@um.krakow.pl", // notified about the ticket
            "jan.kowalski@um.krakow.pl", // in the register, a stranger to the ticket
            "ktos@example.com", // unknown to the register
            "robot@example.com"); // writes automatic mail

    static final Set<String> PARTICIPANT_USERNAMES = Set.of("anowak", "pzielinski");

    static final List<String> SUBJECTS = List.of(
            "Re: [INC-2026-000123] Drukarka",
            "Pytanie",
            "RE: Odp: [inc-2026-000123]",
            "Fwd: [INC-2026-000999] nieistniejące",
            "[INC-2026-000124] cudze");

    static final List<String> REPLY_TO =
            List.of("", "n1.ticket-1@um.krakow.pl", "unknown@client", "n2.ticket-2@um.krakow.pl");

    @Test
    void strangersNeverJoinTheRequestersTicketAndProgramsNeverFileAnything() {
        qt().withExamples(300)
                .forAll(
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 25),
                        integers().between(0, 2))
                .checkAssert((choices, status) -> run(
                        choices,
                        List.of(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED)
                                .get(status)));
    }

    private void run(List<Integer> choices, TicketStatus status) {
        MailFakes fakes = new MailFakes();
        fakes.person("anowak", "Anna Nowak", SENDERS.get(0), "KP-01");
        fakes.person("pzielinski", "Piotr Zieliński", SENDERS.get(1), "WS-02");
        fakes.person("jkowalski", "Jan Kowalski", SENDERS.get(2), "WS-03");
        fakes.tickets.add(MailFakes.state(
                1,
                "INC-2026-000123",
                status,
                new Requester("anowak", "Anna Nowak", Optional.empty()),
                status == TicketStatus.IN_PROGRESS ? null : fakes.clock.now.minus(Duration.ofDays(1)),
                "Drukarka"));
        fakes.tickets.add(MailFakes.state(
                2,
                "INC-2026-000124",
                TicketStatus.NEW,
                new Requester("jkowalski", "Jan Kowalski", Optional.empty()),
                null,
                "Cudze"));
        fakes.threads.sent.put("n1.ticket-1@um.krakow.pl", 1L);
        fakes.threads.sent.put("n2.ticket-2@um.krakow.pl", 2L);
        fakes.threads.notified.add("1:" + SENDERS.get(1));
        TicketMailProcessor processor = fakes.processor();
        for (int choice : choices) {
            int senderIndex = choice % SENDERS.size();
            String sender = SENDERS.get(senderIndex);
            String subject = SUBJECTS.get((choice / 5) % SUBJECTS.size());
            String replyTo = REPLY_TO.get((choice / 25) % REPLY_TO.size());
            InboundMail mail = MailFakes.mail(sender, subject, "Treść " + choice);
            if (!replyTo.isEmpty()) {
                mail = MailFakes.replyTo(mail, replyTo);
            }
            boolean automatic = senderIndex == 4 || (choice / 100) % 7 == 0;
            if (automatic) {
                mail = MailFakes.automatic(mail, "Auto-Submitted: auto-replied");
            }
            int callsBefore = fakes.tickets.calls.size();
            MailboxSettings mailbox = (choice / 700) % 2 == 0 ? MailFakes.EXTERNAL : MailFakes.REFUSING;
            MailOutcome outcome = fakes.process(processor, mailbox, mail);
            if (automatic) {
                assertThat(outcome.kind()).isEqualTo(Kind.IGNORED_AUTOMATIC);
                assertThat(fakes.tickets.calls).hasSize(callsBefore);
            }
        }
        assertThat(fakes.tickets.calls)
                .filteredOn(c -> c.ticketId() == 1 && !c.what().equals("register"))
                .allSatisfy(c -> assertThat(c.actor().username()).isIn(PARTICIPANT_USERNAMES));
        assertThat(fakes.tickets.calls)
                .filteredOn(c -> c.ticketId() == 2 && !c.what().equals("register"))
                .allSatisfy(c -> assertThat(c.actor().username()).isEqualTo("jkowalski"));
        assertThat(fakes.replies.sent).noneMatch(s -> s.to().equals("robot@example.com"));
    }
}
