package pl.krakow.coi.servicedesk.sla;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit of recomputations ({@code sla_recomputation}, {@code sla_recomputation_ticket}). */
@Repository
class SlaRecomputations {

    private static final TypeReference<List<ConfigRevision>> CHANGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SlaRecomputations(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long insert(Recomputation recomputation) {
        long id = jdbc.sql("""
                        INSERT INTO sla_recomputation (requested_by, requested_at, reason, to_revision, config_changes,
                            ticket_count, changed_count)
                        VALUES (:by, :at, :reason, :to, cast(:changes AS jsonb), :tickets, :changed)
                        RETURNING id
                        """)
                .param("by", recomputation.requestedBy())
                .param("at", Timestamp.from(recomputation.requestedAt()))
                .param("reason", recomputation.reason())
                .param("to", recomputation.toRevision())
                .param("changes", json.writeValueAsString(recomputation.configChanges()))
                .param("tickets", recomputation.ticketCount())
                .param("changed", recomputation.changedCount())
                .query(Long.class)
                .single();
        for (Recomputation.TicketChange ticket : recomputation.tickets()) {
            jdbc.sql("""
                            INSERT INTO sla_recomputation_ticket (recomputation_id, ticket_id, from_revision,
                                policy_before, policy_after, before, after, changed)
                            VALUES (:id, :ticket, :from, :policyBefore, :policyAfter, cast(:before AS jsonb),
                                cast(:after AS jsonb), :changed)
                            """)
                    .param("id", id)
                    .param("ticket", ticket.ticketId())
                    .param("from", ticket.fromRevision())
                    .param("policyBefore", ticket.policyBefore())
                    .param("policyAfter", ticket.policyAfter())
                    .param("before", json.writeValueAsString(ticket.before()))
                    .param("after", json.writeValueAsString(ticket.after()))
                    .param("changed", ticket.changed())
                    .update();
        }
        return id;
    }

    /** The latest recomputations, newest first, without their tickets. */
    List<Recomputation> latest(int limit) {
        return jdbc.sql("SELECT * FROM sla_recomputation ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new Recomputation(
                        rs.getLong("id"),
                        rs.getString("requested_by"),
                        rs.getTimestamp("requested_at").toInstant(),
                        rs.getString("reason"),
                        rs.getLong("to_revision"),
                        json.readValue(rs.getString("config_changes"), CHANGES),
                        rs.getInt("ticket_count"),
                        rs.getInt("changed_count"),
                        List.of()))
                .list();
    }

    Optional<Recomputation> find(long id) {
        List<Recomputation.TicketChange> tickets = jdbc.sql("""
                        SELECT r.*, t.number FROM sla_recomputation_ticket r JOIN ticket t ON t.id = r.ticket_id
                        WHERE r.recomputation_id = :id ORDER BY r.ticket_id
                        """)
                .param("id", id)
                .query((rs, n) -> new Recomputation.TicketChange(
                        rs.getLong("ticket_id"),
                        rs.getString("number"),
                        rs.getLong("from_revision"),
                        rs.getString("policy_before"),
                        rs.getString("policy_after"),
                        json.readValue(rs.getString("before"), Recomputation.Outcome.class),
                        json.readValue(rs.getString("after"), Recomputation.Outcome.class),
                        rs.getBoolean("changed")))
                .list();
        return jdbc.sql("SELECT * FROM sla_recomputation WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Recomputation(
                        rs.getLong("id"),
                        rs.getString("requested_by"),
                        rs.getTimestamp("requested_at").toInstant(),
                        rs.getString("reason"),
                        rs.getLong("to_revision"),
                        json.readValue(rs.getString("config_changes"), CHANGES),
                        rs.getInt("ticket_count"),
                        rs.getInt("changed_count"),
                        tickets))
                .optional();
    }
}
