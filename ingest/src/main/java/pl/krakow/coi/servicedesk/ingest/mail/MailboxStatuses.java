package pl.krakow.coi.servicedesk.ingest.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the admin API shows of each mailbox's reading ({@code mail_mailbox_status} and the lease), written by the
 * replica that reads it. Error texts arrive here already without secrets ({@link MailboxReader}).
 */
@Repository
class MailboxStatuses {

    private final JdbcClient jdbc;
    private final Clock clock;

    MailboxStatuses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A mailbox's status.
     *
     * @param holder the replica that holds the lease (reads it), or null
     * @param leaseExpiresAt when that lease runs out unless renewed
     * @param idle whether the last read ended in IMAP IDLE (false: polling)
     * @param lastReadAt the last read of the folder that succeeded
     * @param lastError the last failure, without secrets
     * @param lastErrorAt when
     */
    record Status(
            String holder,
            Instant leaseExpiresAt,
            boolean idle,
            Instant lastReadAt,
            String lastError,
            Instant lastErrorAt) {

        static final Status NONE = new Status(null, null, false, null, null, null);
    }

    void readOk(String mailbox, String holder, boolean idle) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO mail_mailbox_status (mailbox, holder, idle, last_read_at, updated_at)
                        VALUES (:mailbox, :holder, :idle, :now, :now)
                        ON CONFLICT (mailbox) DO UPDATE
                        SET holder = EXCLUDED.holder, idle = EXCLUDED.idle, last_read_at = EXCLUDED.last_read_at,
                            updated_at = EXCLUDED.updated_at
                        """)
                .param("mailbox", mailbox)
                .param("holder", holder)
                .param("idle", idle)
                .param("now", Timestamp.from(now))
                .update();
    }

    void failed(String mailbox, String holder, String error) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO mail_mailbox_status (mailbox, holder, last_error, last_error_at, updated_at)
                        VALUES (:mailbox, :holder, :error, :now, :now)
                        ON CONFLICT (mailbox) DO UPDATE
                        SET holder = EXCLUDED.holder, last_error = EXCLUDED.last_error,
                            last_error_at = EXCLUDED.last_error_at, updated_at = EXCLUDED.updated_at
                        """)
                .param("mailbox", mailbox)
                .param("holder", holder)
                .param("error", MailMessages.cut(error, 1000))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Every mailbox's status by name (a mailbox never read has none). */
    Map<String, Status> all() {
        return jdbc
                .sql("""
                        SELECT coalesce(s.mailbox, l.mailbox) AS mailbox, l.holder, l.expires_at, coalesce(s.idle, false) AS idle,
                               s.last_read_at, s.last_error, s.last_error_at
                        FROM mail_mailbox_status s
                        FULL JOIN (SELECT * FROM mail_mailbox_lease WHERE expires_at > clock_timestamp()) l
                               ON l.mailbox = s.mailbox
                        """)
                .query((rs, n) -> Map.entry(
                        rs.getString("mailbox"),
                        new Status(
                                rs.getString("holder"),
                                instant(rs.getTimestamp("expires_at")),
                                rs.getBoolean("idle"),
                                instant(rs.getTimestamp("last_read_at")),
                                rs.getString("last_error"),
                                instant(rs.getTimestamp("last_error_at")))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    void forget(String mailbox) {
        jdbc.sql("DELETE FROM mail_mailbox_status WHERE mailbox = :mailbox")
                .param("mailbox", mailbox)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
