package pl.krakow.coi.servicedesk.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the links between tickets ({@code ticket_link}), in the caller's transaction. */
@Repository
class TicketLinks {

    /** A link as seen from one of its tickets: the other ticket's id, and whether this one refers to it. */
    record Stored(long ticketId, long linkedTicketId, TicketLink.Kind kind, String createdBy, Instant createdAt) {}

    private final JdbcClient jdbc;

    TicketLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(long ticketId, long linkedTicketId) {
        return jdbc.sql("""
                        SELECT ticket_id, linked_ticket_id, kind, created_by, created_at
                        FROM ticket_link WHERE ticket_id = :ticket AND linked_ticket_id = :linked
                        """)
                .param("ticket", ticketId)
                .param("linked", linkedTicketId)
                .query(TicketLinks::map)
                .optional();
    }

    /** Inserts the link unless the pair has one; whether it inserted. */
    boolean insert(long ticketId, long linkedTicketId, TicketLink.Kind kind, String createdBy, Instant at) {
        return jdbc.sql("""
                                INSERT INTO ticket_link (ticket_id, linked_ticket_id, kind, created_by, created_at)
                                VALUES (:ticket, :linked, :kind, :by, :at)
                                ON CONFLICT (ticket_id, linked_ticket_id) DO NOTHING
                                """)
                        .param("ticket", ticketId)
                        .param("linked", linkedTicketId)
                        .param("kind", kind.name())
                        .param("by", createdBy)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    /** The links from and to a ticket, oldest first. */
    List<Stored> of(long ticketId) {
        return jdbc.sql("""
                        SELECT ticket_id, linked_ticket_id, kind, created_by, created_at FROM ticket_link
                        WHERE ticket_id = :ticket OR linked_ticket_id = :ticket
                        ORDER BY created_at, id
                        """).param("ticket", ticketId).query(TicketLinks::map).list();
    }

    private static Stored map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(
                rs.getLong("ticket_id"),
                rs.getLong("linked_ticket_id"),
                TicketLink.Kind.valueOf(rs.getString("kind")),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
