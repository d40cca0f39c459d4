package pl.krakow.coi.servicedesk.sla;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per ticket: the configuration revision its clocks follow and when the timers look at it next
 * ({@code sla_ticket}), and the alerts raised ({@code sla_alert}, one per ticket, target and level).
 */
@Repository
class SlaTickets {

    private final JdbcClient jdbc;

    SlaTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A ticket changed: binds a new ticket to the current configuration revision, and asks the timers
     * to look at it again from {@code now} (its clocks may have started, paused, resumed or stopped).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void changed(long ticketId, Instant now) {
        jdbc.sql("""
                        INSERT INTO sla_ticket (ticket_id, config_revision, bound_at, next_check_at)
                        SELECT :id, max(revision), :now, :now FROM sla_config_revision
                        ON CONFLICT (ticket_id) DO UPDATE SET next_check_at = excluded.next_check_at
                        """).param("id", ticketId).param("now", Timestamp.from(now)).update();
    }

    Optional<Long> revisionOf(long ticketId) {
        return jdbc.sql("SELECT config_revision FROM sla_ticket WHERE ticket_id = :id")
                .param("id", ticketId)
                .query(Long.class)
                .optional();
    }

    /** The revisions several tickets are bound to, by ticket id (unbound tickets are left out). */
    java.util.Map<Long, Long> revisionsOf(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, Long> revisions = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) {
            return revisions;
        }
        jdbc.sql("SELECT ticket_id, config_revision FROM sla_ticket WHERE ticket_id IN (:ids)")
                .param("ids", ticketIds)
                .query((rs, n) -> revisions.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return revisions;
    }

    /**
     * Claims the ticket whose check is most overdue, locking its {@code sla_ticket} and {@code ticket}
     * rows until the transaction ends; rows another worker or a ticket change holds are skipped, so
     * concurrent workers on any number of replicas never check the same ticket at once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> claimDue(Instant now) {
        return jdbc.sql("""
                        SELECT s.ticket_id FROM sla_ticket s JOIN ticket t ON t.id = s.ticket_id
                        WHERE s.next_check_at <= :now
                        ORDER BY s.next_check_at, s.ticket_id
                        LIMIT 1
                        FOR UPDATE OF s, t SKIP LOCKED
                        """).param("now", Timestamp.from(now)).query(Long.class).optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void scheduleNext(long ticketId, Instant next) {
        jdbc.sql("UPDATE sla_ticket SET next_check_at = :next WHERE ticket_id = :id")
                .param("id", ticketId)
                .param("next", next == null ? null : Timestamp.from(next))
                .update();
    }

    /** Records an alert unless it was raised before; true if it is new. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean recordAlert(long ticketId, SlaAlert alert, Instant raisedAt, String raisedBy) {
        return jdbc.sql("""
                                INSERT INTO sla_alert (ticket_id, target, level, threshold_at, raised_at, raised_by)
                                VALUES (:id, :target, :level, :threshold, :raisedAt, :raisedBy)
                                ON CONFLICT (ticket_id, target, level) DO NOTHING
                                """)
                        .param("id", ticketId)
                        .param("target", alert.target().name())
                        .param("level", alert.level().name())
                        .param("threshold", Timestamp.from(alert.thresholdAt()))
                        .param("raisedAt", Timestamp.from(raisedAt))
                        .param("raisedBy", raisedBy)
                        .update()
                == 1;
    }

    List<RaisedAlert> alerts(long ticketId) {
        return jdbc.sql("SELECT * FROM sla_alert WHERE ticket_id = :id ORDER BY threshold_at, target, level")
                .param("id", ticketId)
                .query((rs, n) -> new RaisedAlert(
                        SlaTarget.valueOf(rs.getString("target")),
                        AlertLevel.valueOf(rs.getString("level")),
                        rs.getTimestamp("threshold_at").toInstant(),
                        rs.getTimestamp("raised_at").toInstant(),
                        rs.getString("raised_by")))
                .list();
    }

    /** The open tickets bound to a revision older than {@code revision}, locked, in id order. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Binding> lockOpenBoundBefore(long revision) {
        return jdbc.sql("""
                        SELECT s.ticket_id, s.config_revision FROM sla_ticket s JOIN ticket t ON t.id = s.ticket_id
                        WHERE s.config_revision < :revision
                          AND t.status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_FOR_REQUESTER')
                        ORDER BY s.ticket_id
                        FOR UPDATE OF s
                        """)
                .param("revision", revision)
                .query((rs, n) -> new Binding(rs.getLong("ticket_id"), rs.getLong("config_revision")))
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void rebind(long ticketId, long revision, Instant now) {
        jdbc.sql("""
                        UPDATE sla_ticket SET config_revision = :revision, bound_at = :now, next_check_at = :now
                        WHERE ticket_id = :id
                        """)
                .param("id", ticketId)
                .param("revision", revision)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** How many checks are due at {@code now} (the timers' backlog). */
    long dueCount(Instant now) {
        return jdbc.sql("SELECT count(*) FROM sla_ticket WHERE next_check_at <= :now")
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** A ticket's binding to a configuration revision. */
    record Binding(long ticketId, long revision) {}
}
