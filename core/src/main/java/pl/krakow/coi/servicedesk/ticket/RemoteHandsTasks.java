package pl.krakow.coi.servicedesk.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remote-hands tasks, stored in {@code ticket_task}. */
@Repository
public class RemoteHandsTasks {

    private static final String SELECT = "SELECT k.*, t.number FROM ticket_task k JOIN ticket t ON t.id = k.ticket_id ";
    private static final RowMapper<RemoteHandsTask> ROW = (rs, row) -> new RemoteHandsTask(
            rs.getLong("id"),
            rs.getLong("ticket_id"),
            rs.getString("number"),
            rs.getString("requested_by"),
            rs.getString("requested_by_unit"),
            rs.getString("assigned_unit"),
            rs.getString("description"),
            RemoteHandsTask.Status.valueOf(rs.getString("status")),
            rs.getString("completed_by"),
            rs.getString("completion_note"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("completed_at") == null
                    ? null
                    : rs.getTimestamp("completed_at").toInstant());

    private final JdbcClient jdbc;

    RemoteHandsTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long open(long ticketId, String requestedBy, String requestedByUnit, String description, Instant at) {
        return jdbc.sql("""
                        INSERT INTO ticket_task (ticket_id, kind, requested_by, requested_by_unit, assigned_unit,
                            description, status, created_at)
                        VALUES (:ticket, 'REMOTE_HANDS', :by, :byUnit, 'IT-04-2', :description, 'OPEN', :at)
                        RETURNING id
                        """)
                .param("ticket", ticketId)
                .param("by", requestedBy)
                .param("byUnit", requestedByUnit)
                .param("description", description)
                .param("at", Timestamp.from(at))
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

    public Optional<RemoteHandsTask> find(long taskId) {
        return jdbc.sql(SELECT + "WHERE k.id = :id")
                .param("id", taskId)
                .query(ROW)
                .optional();
    }

    public List<RemoteHandsTask> ofTicket(long ticketId) {
        return jdbc.sql(SELECT + "WHERE k.ticket_id = :id ORDER BY k.id")
                .param("id", ticketId)
                .query(ROW)
                .list();
    }

    public List<RemoteHandsTask> queue(String unit, RemoteHandsTask.Status status) {
        return jdbc.sql(SELECT + "WHERE k.assigned_unit = :unit AND k.status = :status ORDER BY k.created_at LIMIT 500")
                .param("unit", unit)
                .param("status", status.name())
                .query(ROW)
                .list();
    }
}
