package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.MONDAY_9;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.firstLineAgent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/** The events of one save, as other capabilities receive them. */
class TicketEventRecordedTest {

    @Test
    void eachCommentedEventCarriesItsOwnCommentAndVisibility() {
        Ticket ticket = TicketFixtures.printerIncident();
        ticket.saved(7L, 0);
        Instant at = MONDAY_9.plusSeconds(60);
        // Same author, same instant: told apart by visibility and order.
        ticket.comment("Notatka wewnętrzna", Comment.Visibility.INTERNAL, firstLineAgent(), at);
        ticket.comment("Pierwsza odpowiedź", Comment.Visibility.PUBLIC, firstLineAgent(), at);
        ticket.comment("Druga odpowiedź", Comment.Visibility.PUBLIC, firstLineAgent(), at);
        ticket.escalate(new UnitCode("IT-04-1"), TicketFixtures.HANDOVER, firstLineAgent(), at.plusSeconds(60));
        List<TicketEvent> pending = ticket.pendingEvents();
        List<Tickets.StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            stored.add(new Tickets.StoredEvent(100 + i, 2 + i, pending.get(i)));
        }
        Instant now = at.plusSeconds(120);

        List<TicketEventRecorded> recorded =
                TicketEventRecorded.of(ticket.state(), stored, ticket.pendingComments(), now);

        assertThat(recorded)
                .extracting(TicketEventRecorded::type)
                .containsExactly(
                        TicketEventType.COMMENTED,
                        TicketEventType.COMMENTED,
                        TicketEventType.COMMENTED,
                        TicketEventType.ESCALATED);
        assertThat(recorded)
                .extracting(TicketEventRecorded::comment)
                .containsExactly("Notatka wewnętrzna", "Pierwsza odpowiedź", "Druga odpowiedź", null);
        // The handover comment of an escalation is for staff only.
        assertThat(recorded).extracting(TicketEventRecorded::internal).containsExactly(true, false, false, true);
        assertThat(recorded).extracting(TicketEventRecorded::eventId).containsExactly(100L, 101L, 102L, 103L);
        assertThat(recorded).extracting(TicketEventRecorded::sequence).containsExactly(2, 3, 4, 5);
        assertThat(recorded).allSatisfy(e -> {
            assertThat(e.ticketId()).isEqualTo(7L);
            assertThat(e.ticketNumber()).isEqualTo(ticket.number().value());
            assertThat(e.recordedAt()).isEqualTo(now);
            assertThat(e.ticket().requester().username()).isEqualTo("anna.nowak");
            assertThat(e.ticket().assignedUnit()).isEqualTo("IT-04-1");
        });
        TicketEventRecorded escalated = recorded.get(3);
        assertThat(escalated.changes().get("assignedUnit"))
                .isEqualTo(new TicketEventRecorded.Change(UnitCode.FIRST_LINE.value(), "IT-04-1"));
        assertThat(escalated.data()).containsEntry("handoverComment", TicketFixtures.HANDOVER);
        assertThat(escalated.actor().unit()).isEqualTo(UnitCode.FIRST_LINE.value());
    }
}
