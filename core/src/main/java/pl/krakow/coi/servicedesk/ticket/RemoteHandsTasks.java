package pl.krakow.coi.servicedesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remote-hands tasks, stored in {@code ticket_task}. */
@Repository
class RemoteHandsTasks {

    private static final String SELECT = "SELECT k.*, t.number FROM ticket_task k JOIN ticket t ON t.id = k.ticket_id ";

    private final JdbcClient jdbc;
    private final Clock clock;

    RemoteHandsTasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a queue lists: one unit's tasks, open or not, of anyone, of one person or of nobody yet. */
    public record QueueFilter(String unit, Boolean open, String assignee, boolean unassigned, int page, int size) {}

    /** One page of a queue and the number of tasks matching. */
    public record Page(List<RemoteHandsTask> items, int page, int size, long total) {}

    long open(long ticketId, String requestedBy, String requestedByUnit, String description, Instant at, Instant due) {
        return jdbc.sql("""
                        INSERT INTO ticket_task (ticket_id, kind, requested_by, requested_by_unit, assigned_unit,
                            description, status, created_at, due_at)
                        VALUES (:ticket, 'REMOTE_HANDS', :by, :byUnit, 'IT-04-2', :description, 'OPEN', :at, :due)
                        RETURNING id
                        """)
                .param("ticket", ticketId)
                .param("by", requestedBy)
                .param("byUnit", requestedByUnit)
                .param("description", description)
                .param("at", Timestamp.from(at))
                .param("due", Timestamp.from(due))
                .query(Long.class)
                .single();
    }

    boolean complete(long taskId, String by, String note, Instant at) {
        return jdbc.sql("""
                        UPDATE ticket_task SET status = 'DONE', completed_by = :by, completion_note = :note,
                            completed_at = :at, version = version + 1
                        WHERE id = :id AND status = 'OPEN'
                        """)
                        .param("id", taskId)
                        .param("by", by)
                        .param("note", note)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    boolean assign(long taskId, String assignee, String assigneeName, Instant at) {
        return jdbc.sql("""
                        UPDATE ticket_task SET assignee = :assignee, assignee_name = :name, assigned_at = :at,
                            version = version + 1
                        WHERE id = :id AND status = 'OPEN'
                        """)
                        .param("id", taskId)
                        .param("assignee", assignee)
                        .param("name", assigneeName)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    boolean cancel(long taskId, String by, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE ticket_task SET status = 'CANCELLED', cancelled_by = :by, cancel_reason = :reason,
                            cancelled_at = :at, version = version + 1
                        WHERE id = :id AND status = 'OPEN'
                        """)
                        .param("id", taskId)
                        .param("by", by)
                        .param("reason", reason)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    public Optional<RemoteHandsTask> find(long taskId) {
        return jdbc.sql(SELECT + "WHERE k.id = :id")
                .param("id", taskId)
                .query(this::map)
                .optional();
    }

    public List<RemoteHandsTask> ofTicket(long ticketId) {
        return jdbc.sql(SELECT + "WHERE k.ticket_id = :id ORDER BY k.id")
                .param("id", ticketId)
                .query(this::map)
                .list();
    }

    /** The open tasks of a ticket, oldest first. */
    List<RemoteHandsTask> openOfTicket(long ticketId) {
        return jdbc.sql(SELECT + "WHERE k.ticket_id = :id AND k.status = 'OPEN' ORDER BY k.id")
                .param("id", ticketId)
                .query(this::map)
                .list();
    }

    /**
     * A unit's queue, soonest due first (tasks without a due time, requested before due times were kept,
     * before all others), then in the order they were requested.
     */
    public Page queue(QueueFilter filter) {
        String where = "WHERE k.assigned_unit = :unit"
                + (filter.open() == null ? "" : filter.open() ? " AND k.status = 'OPEN'" : " AND k.status <> 'OPEN'")
                + (filter.unassigned() ? " AND k.assignee IS NULL" : "")
                + (filter.assignee() != null ? " AND k.assignee = :assignee" : "");
        List<RemoteHandsTask> items = jdbc.sql(
                        SELECT + where + " ORDER BY k.due_at ASC NULLS FIRST, k.id ASC LIMIT :limit OFFSET :offset")
                .param("unit", filter.unit())
                .param("assignee", filter.assignee())
                .param("limit", filter.size())
                .param("offset", (long) filter.page() * filter.size())
                .query(this::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM ticket_task k " + where)
                .param("unit", filter.unit())
                .param("assignee", filter.assignee())
                .query(Long.class)
                .single();
        return new Page(items, filter.page(), filter.size(), total);
    }

    private RemoteHandsTask map(ResultSet rs, int row) throws SQLException {
        RemoteHandsTask.Status status = RemoteHandsTask.Status.valueOf(rs.getString("status"));
        Instant due = instant(rs, "due_at");
        return new RemoteHandsTask(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                rs.getString("number"),
                rs.getString("requested_by"),
                rs.getString("requested_by_unit"),
                rs.getString("assigned_unit"),
                rs.getString("description"),
                status,
                rs.getString("completed_by"),
                rs.getString("completion_note"),
                instant(rs, "created_at"),
                instant(rs, "completed_at"),
                rs.getString("assignee"),
                rs.getString("assignee_name"),
                instant(rs, "assigned_at"),
                due,
                rs.getString("cancelled_by"),
                rs.getString("cancel_reason"),
                instant(rs, "cancelled_at"),
                status == RemoteHandsTask.Status.OPEN && due != null && due.isBefore(clock.instant()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
