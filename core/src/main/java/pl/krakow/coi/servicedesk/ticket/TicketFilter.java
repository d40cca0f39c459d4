package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A queue view or list of tickets. Null or empty means "any". {@code assignee} may be {@code me}.
 *
 * @param page zero-based page
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @param sort {@code created} (newest first, default), {@code updated}, or {@code priority} (queue order: P1
 *     first, then oldest first)
 */
public record TicketFilter(
        List<String> units,
        List<String> statuses,
        String assignee,
        String line,
        String type,
        String priority,
        String requester,
        String category,
        String channel,
        Boolean open,
        Instant createdFrom,
        Instant createdTo,
        int page,
        int size,
        String sort) {

    public static final int MAX_SIZE = 100;

    public TicketFilter {
        units = units == null ? List.of() : List.copyOf(units);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
