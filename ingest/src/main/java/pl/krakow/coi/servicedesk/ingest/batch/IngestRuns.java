package pl.krakow.coi.servicedesk.ingest.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runs of import jobs, in {@code ingest_run}: the queue that worker instances consume with
 * {@code FOR UPDATE SKIP LOCKED}, their heartbeats, and the fencing of stale workers.
 */
@Repository
public class IngestRuns {

    /** Where a run is. */
    public enum Status {
        QUEUED,
        RUNNING,
        STOPPING,
        COMPLETED,
        FAILED,
        STOPPED,
        ABANDONED;

        public boolean active() {
            return this == QUEUED || this == RUNNING || this == STOPPING;
        }
    }

    /** One run. */
    public record Run(
            long id,
            String job,
            long fileId,
            String sha256,
            Map<String, Object> options,
            Status status,
            boolean restart,
            int attempt,
            Long jobInstanceId,
            Long jobExecutionId,
            String worker,
            Instant heartbeatAt,
            Long totalRows,
            String message,
            String requestedBy,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt) {}

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IngestRuns(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Queues a run; a {@code DuplicateKeyException} when the same job runs on the same content. */
    public long queue(String job, long fileId, String sha256, Map<String, Object> options, String by, Instant now) {
        return jdbc.sql("""
                        INSERT INTO ingest_run (job, file_id, sha256, options, status, requested_by, queued_at)
                        VALUES (:job, :file, :sha, CAST(:options AS jsonb), 'QUEUED', :by, :now)
                        RETURNING id
                        """)
                .param("job", job)
                .param("file", fileId)
                .param("sha", sha256)
                .param("options", json.writeValueAsString(options))
                .param("by", by)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    public Optional<Run> find(long id) {
        return jdbc.sql("SELECT * FROM ingest_run WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The active run of this job on this content. */
    public Optional<Run> active(String job, String sha256) {
        return jdbc.sql("SELECT * FROM ingest_run WHERE job = :job AND sha256 = :sha"
                        + " AND status IN ('QUEUED', 'RUNNING', 'STOPPING')")
                .param("job", job)
                .param("sha", sha256)
                .query(this::map)
                .optional();
    }

    public List<Run> recent(String job, int limit) {
        return jdbc.sql("SELECT * FROM ingest_run WHERE (CAST(:job AS varchar) IS NULL OR job = :job)"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("job", job)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * Claims the oldest queued run for {@code worker}: RUNNING, attempt + 1, heartbeat now. Replicas never
     * claim the same run (SKIP LOCKED).
     */
    @Transactional
    public Optional<Run> claim(String worker, Instant now) {
        return jdbc.sql("""
                        UPDATE ingest_run SET status = 'RUNNING', attempt = attempt + 1, worker = :worker,
                            heartbeat_at = :now, started_at = coalesce(started_at, :now), message = NULL
                        WHERE id = (SELECT id FROM ingest_run WHERE status = 'QUEUED' ORDER BY id
                                    FOR UPDATE SKIP LOCKED LIMIT 1)
                        RETURNING *
                        """)
                .param("worker", worker)
                .param("now", Timestamp.from(now))
                .query(this::map)
                .optional();
    }

    /** Records the job instance and execution a claimed run runs as. */
    public void attach(long id, int attempt, long instanceId, long executionId) {
        jdbc.sql("UPDATE ingest_run SET job_instance_id = :instance, job_execution_id = :execution"
                        + " WHERE id = :id AND attempt = :attempt")
                .param("instance", instanceId)
                .param("execution", executionId)
                .param("id", id)
                .param("attempt", attempt)
                .update();
    }

    /** Heartbeat of the runs this worker executes; returns how many are still this worker's. */
    public int heartbeat(Map<Long, Integer> attempts, Instant now) {
        int alive = 0;
        for (Map.Entry<Long, Integer> run : attempts.entrySet()) {
            alive += jdbc.sql("UPDATE ingest_run SET heartbeat_at = :now WHERE id = :id AND attempt = :attempt"
                            + " AND status IN ('RUNNING', 'STOPPING')")
                    .param("now", Timestamp.from(now))
                    .param("id", run.getKey())
                    .param("attempt", run.getValue())
                    .update();
        }
        return alive;
    }

    /**
     * In the chunk's transaction: confirms that {@code attempt} still owns the run and refreshes its
     * heartbeat. Empty when the run was taken over (this worker was taken for dead): the chunk must not
     * commit; else the run's status (STOPPING: it was asked to stop).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Status> fence(long id, int attempt, Instant now) {
        return jdbc.sql("UPDATE ingest_run SET heartbeat_at = :now WHERE id = :id AND attempt = :attempt"
                        + " AND status IN ('RUNNING', 'STOPPING') RETURNING status")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("attempt", attempt)
                .query(String.class)
                .optional()
                .map(Status::valueOf);
    }

    public void total(long id, long rows) {
        jdbc.sql("UPDATE ingest_run SET total_rows = :rows WHERE id = :id")
                .param("rows", rows)
                .param("id", id)
                .update();
    }

    /** Ends an attempt: COMPLETED, FAILED or STOPPED (only the current attempt may). */
    public boolean finish(long id, int attempt, Status status, String message, Instant now) {
        return jdbc.sql("""
                                UPDATE ingest_run SET status = :status, message = :message, finished_at = :now,
                                    restart = false
                                WHERE id = :id AND attempt = :attempt AND status IN ('RUNNING', 'STOPPING')
                                """)
                        .param("status", status.name())
                        .param(
                                "message",
                                message == null || message.length() <= 4000 ? message : message.substring(0, 4000))
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .param("attempt", attempt)
                        .update()
                == 1;
    }

    /** A stop was asked for: the worker's job stops at its next chunk. */
    public boolean stopping(long id) {
        return jdbc.sql("UPDATE ingest_run SET status = 'STOPPING' WHERE id = :id AND status = 'RUNNING'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** A queued run that never started is stopped at once. */
    public boolean stopQueued(long id, Instant now) {
        return jdbc.sql("UPDATE ingest_run SET status = 'STOPPED', finished_at = :now, message = 'Stopped before"
                                + " it started' WHERE id = :id AND status = 'QUEUED'")
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Queues a failed or stopped run again, to restart its last job execution from its last committed chunk. */
    public boolean requeue(long id, Instant now) {
        return jdbc.sql("""
                                UPDATE ingest_run SET status = 'QUEUED', restart = true, queued_at = :now,
                                    finished_at = NULL, worker = NULL
                                WHERE id = :id AND status IN ('FAILED', 'STOPPED')
                                """).param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    /**
     * Runs whose heartbeat is older than {@code staleAfter}: their worker is taken for dead. Locked, so
     * that one replica handles each.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Run> lockStale(Duration staleAfter, Instant now) {
        return jdbc.sql("""
                        SELECT * FROM ingest_run WHERE status IN ('RUNNING', 'STOPPING') AND heartbeat_at < :limit
                        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 10
                        """)
                .param("limit", Timestamp.from(now.minus(staleAfter)))
                .query(this::map)
                .list();
    }

    /** A dead worker's run: queued again to restart (or stopped, when a stop was asked for). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeOver(long id, boolean stopRequested, String message, Instant now) {
        jdbc.sql("""
                        UPDATE ingest_run SET status = :status, restart = :restart, message = :message,
                            queued_at = CASE WHEN :restart THEN CAST(:now AS timestamptz) ELSE queued_at END,
                            finished_at = CASE WHEN :restart THEN NULL ELSE CAST(:now AS timestamptz) END,
                            worker = NULL
                        WHERE id = :id
                        """)
                .param("status", stopRequested ? "STOPPED" : "QUEUED")
                .param("restart", !stopRequested)
                .param("message", message)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void abandon(long id, Instant now) {
        jdbc.sql("UPDATE ingest_run SET status = 'ABANDONED', finished_at = :now WHERE id = :id"
                        + " AND status IN ('FAILED', 'STOPPED')")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    private Run map(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getLong("id"),
                rs.getString("job"),
                rs.getLong("file_id"),
                rs.getString("sha256"),
                json.readValue(rs.getString("options"), MAP),
                Status.valueOf(rs.getString("status")),
                rs.getBoolean("restart"),
                rs.getInt("attempt"),
                rs.getObject("job_instance_id", Long.class),
                rs.getObject("job_execution_id", Long.class),
                rs.getString("worker"),
                instant(rs.getTimestamp("heartbeat_at")),
                rs.getObject("total_rows", Long.class),
                rs.getString("message"),
                rs.getString("requested_by"),
                instant(rs.getTimestamp("queued_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
