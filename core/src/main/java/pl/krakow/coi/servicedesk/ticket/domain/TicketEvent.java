package pl.krakow.coi.servicedesk.ticket.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to a ticket: who, when, what changed (from → to), and details. Events are
 * never changed or deleted; the SLA clocks and KPIs are derived from them.
 *
 * @param changes field name → old and new value (values are strings, or null)
 * @param data further details (handover comment, reason, comment id, visibility)
 */
public record TicketEvent(
        TicketEventType type, Actor actor, Instant occurredAt, Map<String, Change> changes, Map<String, Object> data) {

    public TicketEvent {
        changes = Map.copyOf(changes);
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A field's value before and after. */
    public record Change(String from, String to) {}

    /** Whether requesters may see this event (internal comments and internal notes are hidden). */
    public boolean isPublic() {
        return !"INTERNAL".equals(data.get("visibility"));
    }
}
