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
 * @param configurationItems tickets about any of these configuration items
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
        String sort,
        List<Long> configurationItems) {

    public static final int MAX_SIZE = 100;

    public TicketFilter {
        units = units == null ? List.of() : List.copyOf(units);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
    }

    /** A filter on everything but configuration items. */
    public TicketFilter(
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
        this(
                units,
                statuses,
                assignee,
                line,
                type,
                priority,
                requester,
                category,
                channel,
                open,
                createdFrom,
                createdTo,
                page,
                size,
                sort,
                List.of());
    }
}
