package pl.krakow.coi.servicedesk.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Full reindexes, in {@code search_reindex}: at most one RUNNING at a time, across all replicas. */
@Repository
class Reindexes {

    enum Status {
        RUNNING,
        COMPLETED,
        ABANDONED
    }

    /** One reindex: the index it builds, the alias the relay writes it through, its batch job. */
    record Reindex(
            long id,
            String targetIndex,
            String writeAlias,
            Status status,
            Long jobInstanceId,
            Long jobExecutionId,
            Long maxTicketId,
            String requestedBy,
            Instant startedAt,
            Instant finishedAt,
            Instant heartbeatAt) {}

    private final JdbcClient jdbc;

    Reindexes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The running reindex, if any: while there is one, the relay writes to its index too. */
    Optional<Reindex> running() {
        return jdbc.sql("SELECT * FROM search_reindex WHERE status = 'RUNNING'")
                .query(Reindexes::map)
                .optional();
    }

    Optional<Reindex> find(long id) {
        return jdbc.sql("SELECT * FROM search_reindex WHERE id = :id")
                .param("id", id)
                .query(Reindexes::map)
                .optional();
    }

    Optional<Reindex> runningFor(long jobInstanceId) {
        return jdbc.sql("SELECT * FROM search_reindex WHERE status = 'RUNNING' AND job_instance_id = :instance")
                .param("instance", jobInstanceId)
                .query(Reindexes::map)
                .optional();
    }

    Optional<Reindex> forJobInstance(long jobInstanceId) {
        return jdbc.sql("SELECT * FROM search_reindex WHERE job_instance_id = :instance ORDER BY id DESC LIMIT 1")
                .param("instance", jobInstanceId)
                .query(Reindexes::map)
                .optional();
    }

    List<Reindex> recent(int limit) {
        return jdbc.sql("SELECT * FROM search_reindex ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query(Reindexes::map)
                .list();
    }

    /**
     * Records a running reindex; fails with a {@code DuplicateKeyException} when another one runs.
     */
    long start(
            String targetIndex,
            String writeAlias,
            long jobInstanceId,
            long jobExecutionId,
            String requestedBy,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO search_reindex (target_index, write_alias, status, job_instance_id,
                            job_execution_id, requested_by, started_at, heartbeat_at)
                        VALUES (:target, :alias, 'RUNNING', :instance, :execution, :by, :now, :now)
                        RETURNING id
                        """)
                .param("target", targetIndex)
                .param("alias", writeAlias)
                .param("instance", jobInstanceId)
                .param("execution", jobExecutionId)
                .param("by", requestedBy)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    void attach(long id, long jobExecutionId, Instant now) {
        jdbc.sql("UPDATE search_reindex SET job_execution_id = :execution, heartbeat_at = :now WHERE id = :id")
                .param("execution", jobExecutionId)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void recordMaxTicketId(long id, long maxTicketId) {
        jdbc.sql("UPDATE search_reindex SET max_ticket_id = :max WHERE id = :id AND max_ticket_id IS NULL")
                .param("max", maxTicketId)
                .param("id", id)
                .update();
    }

    void heartbeat(long id, Instant now) {
        jdbc.sql("UPDATE search_reindex SET heartbeat_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void finish(long id, Status status, Instant now) {
        jdbc.sql("UPDATE search_reindex SET status = :status, finished_at = :now WHERE id = :id AND status = 'RUNNING'")
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private static Reindex map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Reindex(
                rs.getLong("id"),
                rs.getString("target_index"),
                rs.getString("write_alias"),
                Status.valueOf(rs.getString("status")),
                rs.getObject("job_instance_id", Long.class),
                rs.getObject("job_execution_id", Long.class),
                rs.getObject("max_ticket_id", Long.class),
                rs.getString("requested_by"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getTimestamp("heartbeat_at").toInstant());
    }
}
