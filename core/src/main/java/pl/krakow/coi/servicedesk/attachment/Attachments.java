package pl.krakow.coi.servicedesk.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code attachment} rows. */
@Repository
class Attachments {

    private static final String COLUMNS = "id, ticket_id, comment_id, visibility, filename, content_type, size, sha256,"
            + " state, uploaded_by, uploaded_by_name, uploaded_at, removed_by, removed_at, scan_verdict,"
            + " scan_signature, scanned_at";

    private final JdbcClient jdbc;

    Attachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row of a new file, before its content is known (size 1 and a blank hash until {@link #complete}). */
    long insert(
            long ticketId,
            Long commentId,
            Attachment.Visibility visibility,
            String filename,
            String contentType,
            Attachment.State state,
            String uploadedBy,
            String uploadedByName,
            Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO attachment (ticket_id, comment_id, visibility, filename, content_type, size, sha256,"
                        + " state, uploaded_by, uploaded_by_name, uploaded_at, next_scan_at)"
                        + " VALUES (:ticket, :comment, :visibility, :filename, :type, 1, repeat('0', 64), :state,"
                        + " :by, :byName, :at, :at)")
                .param("ticket", ticketId)
                .param("comment", commentId)
                .param("visibility", visibility.name())
                .param("filename", filename)
                .param("type", contentType)
                .param("state", state.name())
                .param("by", uploadedBy)
                .param("byName", uploadedByName)
                .param("at", Timestamp.from(at))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    void complete(long id, long size, String sha256) {
        jdbc.sql("UPDATE attachment SET size = :size, sha256 = :sha WHERE id = :id")
                .param("size", size)
                .param("sha", sha256)
                .param("id", id)
                .update();
    }

    /** The bytes that the ticket's files not removed take, this transaction's own new file included. */
    long usedBy(long ticketId) {
        return jdbc.sql(
                        "SELECT coalesce(sum(size), 0) FROM attachment WHERE ticket_id = :ticket AND state <> 'REMOVED'")
                .param("ticket", ticketId)
                .query(Long.class)
                .single();
    }

    Optional<Attachment> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = :id")
                .param("id", id)
                .query(Attachments::map)
                .optional();
    }

    /** Locks the row (removal against a concurrent scan verdict). */
    Optional<Attachment> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Attachments::map)
                .optional();
    }

    List<Attachment> ofTicket(long ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE ticket_id = :ticket ORDER BY id")
                .param("ticket", ticketId)
                .query(Attachments::map)
                .list();
    }

    /** The files of these tickets that are not removed, for the search document. */
    List<Attachment> notRemovedOf(java.util.Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM attachment WHERE ticket_id IN (:tickets) AND state <> 'REMOVED' ORDER BY id")
                .param("tickets", ticketIds)
                .query(Attachments::map)
                .list();
    }

    void remove(long id, String by, Instant at, String reason) {
        jdbc.sql("UPDATE attachment SET state = 'REMOVED', removed_by = :by, removed_at = :at, removal_reason = :reason"
                        + " WHERE id = :id")
                .param("by", by)
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .param("id", id)
                .update();
    }

    /**
     * The next file waiting for a scan whose time has come, locked so that no other replica scans it (rows other
     * transactions hold are skipped).
     */
    Optional<Attachment> nextToScan(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE state = 'PENDING_SCAN' AND next_scan_at <= :now"
                        + " ORDER BY next_scan_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param("now", Timestamp.from(now))
                .query(Attachments::map)
                .optional();
    }

    void scanned(long id, boolean infected, String signature, Instant at) {
        jdbc.sql("UPDATE attachment SET state = :state, scan_verdict = :verdict, scan_signature = :signature,"
                        + " scanned_at = :at, scan_attempts = scan_attempts + 1, last_scan_error = NULL"
                        + " WHERE id = :id")
                .param("state", infected ? "QUARANTINED" : "AVAILABLE")
                .param("verdict", infected ? "INFECTED" : "CLEAN")
                .param("signature", signature)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /**
     * Puts the file back in the queue after the scanner gave no verdict: the wait starts at {@code retry} and
     * doubles with each failed attempt, up to {@code maxRetry}.
     */
    void scanFailed(long id, String error, Instant now, java.time.Duration retry, java.time.Duration maxRetry) {
        jdbc.sql("UPDATE attachment SET scan_attempts = scan_attempts + 1, last_scan_error = :error,"
                        + " next_scan_at = CAST(:now AS timestamptz) + make_interval(secs => least(:retry * power(2, least(scan_attempts, 30)),"
                        + " :max)) WHERE id = :id")
                .param("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                .param("now", Timestamp.from(now))
                .param("retry", (double) retry.toMillis() / 1000)
                .param("max", (double) maxRetry.toMillis() / 1000)
                .param("id", id)
                .update();
    }

    private static Attachment map(ResultSet rs, int row) throws SQLException {
        long comment = rs.getLong("comment_id");
        Long commentId = rs.wasNull() ? null : comment;
        return new Attachment(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                commentId,
                Attachment.Visibility.valueOf(rs.getString("visibility")),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getLong("size"),
                rs.getString("sha256"),
                Attachment.State.valueOf(rs.getString("state")),
                rs.getString("uploaded_by"),
                rs.getString("uploaded_by_name"),
                instant(rs, "uploaded_at"),
                rs.getString("removed_by"),
                instant(rs, "removed_at"),
                rs.getString("scan_verdict"),
                rs.getString("scan_signature"),
                instant(rs, "scanned_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
