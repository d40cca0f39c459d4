package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pl.krakow.coi.servicedesk.ticket.Tickets.StoredEvent;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * Something was recorded in a ticket's history: one application event per {@link TicketEvent}, published
 * in the transaction that stores it. Other capabilities listen with {@code @ApplicationModuleListener}:
 * the event publication registry delivers it after commit, at least once (ADR 0079), so a listener may
 * see the same event again and tells it by {@link #eventId()}.
 *
 * <p>It carries what a consumer such as a notification needs without loading the ticket: the ticket's
 * number, title and people as they were after the change, who did what and when, whether requesters may
 * see it, and the text of the comment a {@code COMMENTED} event adds. It is stored as JSON until every
 * listener has handled it: a change to its fields must still read the JSON of publications written
 * before the change.
 *
 * @param eventId the event's id in the ticket's history (unique across tickets)
 * @param ticketId the ticket's id
 * @param ticketNumber the ticket's number after the change
 * @param sequence the event's number within the ticket's history (1, 2, …)
 * @param type what happened
 * @param actor who did it
 * @param occurredAt when it happened (for an imported history, long before it was recorded)
 * @param recordedAt when it was recorded, i.e. when the transaction that published it ran
 * @param internal whether requesters may not see it (internal comments and notes, SLA alerts)
 * @param changes field name → value before and after
 * @param data further details (handover comment, reason, question, visibility), as in the history
 * @param comment the text of the comment a {@code COMMENTED} event adds; null for other events
 * @param ticket the ticket as it was after the change
 */
public record TicketEventRecorded(
        long eventId,
        long ticketId,
        String ticketNumber,
        int sequence,
        TicketEventType type,
        Party actor,
        Instant occurredAt,
        Instant recordedAt,
        boolean internal,
        Map<String, Change> changes,
        Map<String, Object> data,
        String comment,
        TicketSummary ticket) {

    public TicketEventRecorded {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ticket, "ticket");
        changes = changes == null ? Map.of() : Map.copyOf(changes);
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Whether requesters may see this event: a requester-facing consumer acts only on these. */
    public boolean visibleToRequester() {
        return !internal;
    }

    /** A person (or the system) as the history shows them; {@code unit} is null when they act for none. */
    public record Party(String username, String displayName, String unit, Actor.Kind kind) {}

    /** A field's value before and after. */
    public record Change(String from, String to) {}

    /**
     * The ticket after the change.
     *
     * @param requester whom the ticket is for ({@code kind} is {@code REQUESTER})
     * @param assignedUnit the unit holding it
     * @param assignee the agent working on it; null when none
     */
    public record TicketSummary(
            String title,
            TicketType type,
            TicketStatus status,
            Priority priority,
            Party requester,
            String assignedUnit,
            String assignee) {}

    /**
     * The events a save recorded, in order, with their comments' text: a {@code COMMENTED} event and the
     * comment it adds are recorded together, with the same author, time and visibility.
     */
    static List<TicketEventRecorded> of(
            TicketState ticket, List<StoredEvent> stored, List<Comment> comments, Instant recordedAt) {
        TicketSummary summary = new TicketSummary(
                ticket.title(),
                ticket.type(),
                ticket.status(),
                ticket.priority(),
                new Party(
                        ticket.requester().username(),
                        ticket.requester().displayName(),
                        ticket.requester().customerUnit().map(UnitCode::value).orElse(null),
                        Actor.Kind.REQUESTER),
                ticket.assignedUnit() == null ? null : ticket.assignedUnit().value(),
                ticket.assignee());
        List<Comment> unmatched = new ArrayList<>(comments);
        List<TicketEventRecorded> recorded = new ArrayList<>();
        for (StoredEvent s : stored) {
            TicketEvent event = s.event();
            Map<String, Change> changes = new LinkedHashMap<>();
            event.changes().forEach((field, change) -> changes.put(field, new Change(change.from(), change.to())));
            String text = event.type() == TicketEventType.COMMENTED ? takeComment(unmatched, event) : null;
            recorded.add(new TicketEventRecorded(
                    s.id(),
                    ticket.id(),
                    ticket.number().value(),
                    s.seq(),
                    event.type(),
                    party(event.actor()),
                    event.occurredAt(),
                    recordedAt,
                    !event.isPublic(),
                    changes,
                    event.data(),
                    text,
                    summary));
        }
        return recorded;
    }

    private static Party party(Actor actor) {
        return new Party(
                actor.username(),
                actor.displayName(),
                actor.unit().map(UnitCode::value).orElse(null),
                actor.kind());
    }

    private static String takeComment(List<Comment> unmatched, TicketEvent event) {
        for (int i = 0; i < unmatched.size(); i++) {
            Comment comment = unmatched.get(i);
            if (comment.author().username().equals(event.actor().username())
                    && comment.createdAt().equals(event.occurredAt())
                    && comment.visibility().name().equals(event.data().get("visibility"))) {
                unmatched.remove(i);
                return comment.body();
            }
        }
        return null;
    }
}
