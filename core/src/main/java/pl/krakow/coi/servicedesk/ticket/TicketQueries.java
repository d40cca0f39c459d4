package pl.krakow.coi.servicedesk.ticket;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/** Lists of tickets (queue views), with the caller's visibility applied in the query. */
@Service
public class TicketQueries {

    private final JdbcClient jdbc;
    private final TicketAccess access;

    TicketQueries(JdbcClient jdbc, TicketAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** One page of tickets and the total number matching. */
    public record Page(List<TicketState> items, int page, int size, long total) {}

    public Page list(TicketFilter filter, CurrentUser user) {
        if (filter.size() < 1 || filter.size() > TicketFilter.MAX_SIZE) {
            throw ServiceDeskException.invalid(
                    "invalid-page-size", "Page size must be between 1 and " + TicketFilter.MAX_SIZE);
        }
        if (filter.page() < 0 || filter.page() > 10_000) {
            throw ServiceDeskException.invalid("invalid-page", "Page must be between 0 and 10000");
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("viewer", user.username())
                .addValue("viewerUnit", user.unit().orElse(""));
        List<String> where = new ArrayList<>();
        where.add(access.visibilitySql(user));
        if (!filter.units().isEmpty()) {
            where.add("t.assigned_unit IN (:units)");
            params.addValue("units", filter.units());
        }
        if (!filter.statuses().isEmpty()) {
            where.add("t.status IN (:statuses)");
            params.addValue("statuses", upper(filter.statuses()));
        }
        if (!filter.configurationItems().isEmpty()) {
            where.add("t.configuration_item_id IN (:configurationItems)");
            params.addValue("configurationItems", filter.configurationItems());
        }
        if (filter.assignee() != null) {
            where.add("t.assignee = :assignee");
            params.addValue("assignee", filter.assignee().equals("me") ? user.username() : filter.assignee());
        }
        equal(where, params, "t.support_line", "line", upperOrNull(filter.line()));
        equal(where, params, "t.type", "type", upperOrNull(filter.type()));
        equal(where, params, "t.priority", "priority", upperOrNull(filter.priority()));
        equal(where, params, "t.requester_username", "requester", filter.requester());
        equal(where, params, "t.category_code", "category", filter.category());
        equal(where, params, "t.channel", "channel", upperOrNull(filter.channel()));
        if (Boolean.TRUE.equals(filter.open())) {
            // Word for word the predicate of the index ticket_open_queue (V104), which serves queue views.
            where.add("t.status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')");
        } else if (Boolean.FALSE.equals(filter.open())) {
            where.add("t.status IN ('RESOLVED', 'CLOSED', 'CANCELLED')");
        }
        if (filter.createdFrom() != null) {
            where.add("t.created_at >= :from");
            params.addValue("from", Timestamp.from(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.add("t.created_at < :to");
            params.addValue("to", Timestamp.from(filter.createdTo()));
        }
        String condition = String.join(" AND ", where);
        String order = switch (filter.sort() == null ? "created" : filter.sort()) {
            case "created" -> "t.created_at DESC, t.id DESC";
            case "updated" -> "t.updated_at DESC, t.id DESC";
            case "priority" -> "t.priority ASC, t.created_at ASC, t.id ASC";
            default -> throw ServiceDeskException.invalid("invalid-sort", "Sort must be created, updated or priority");
        };
        long total = jdbc.sql("SELECT count(*) FROM ticket t WHERE " + condition)
                .paramSource(params)
                .query(Long.class)
                .single();
        params.addValue("limit", filter.size()).addValue("offset", (long) filter.page() * filter.size());
        List<TicketState> items = jdbc.sql("SELECT " + Tickets.COLUMNS.replaceAll("(^|, )", "$1t.")
                        + " FROM ticket t WHERE " + condition + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query(Tickets.ROW)
                .list();
        return new Page(items, filter.page(), filter.size(), total);
    }

    private static void equal(
            List<String> where, MapSqlParameterSource params, String column, String name, String value) {
        if (value != null && !value.isBlank()) {
            where.add(column + " = :" + name);
            params.addValue(name, value);
        }
    }

    private static String upperOrNull(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }
}
