package pl.krakow.coi.servicedesk.ingest.mail;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The lease of each mailbox ({@code mail_mailbox_lease}, ADR 0089): one statement takes a free or expired lease or
 * renews one's own, so two replicas never both hold it. Times are the database's, so the replicas' clocks do not
 * matter.
 */
@Repository
class MailboxLeases {

    private final JdbcClient jdbc;

    MailboxLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease of {@code mailbox} for {@code holder}; false when another replica holds it. */
    boolean acquire(String mailbox, String holder, Duration duration) {
        return jdbc.sql("""
                        INSERT INTO mail_mailbox_lease (mailbox, holder, expires_at)
                        VALUES (:mailbox, :holder, clock_timestamp() + make_interval(secs => :seconds))
                        ON CONFLICT (mailbox) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                        WHERE mail_mailbox_lease.holder = EXCLUDED.holder
                           OR mail_mailbox_lease.expires_at < clock_timestamp()
                        """)
                        .param("mailbox", mailbox)
                        .param("holder", holder)
                        .param("seconds", duration.toMillis() / 1000.0)
                        .update()
                == 1;
    }

    /** Lets the lease go, if {@code holder} holds it. */
    void release(String mailbox, String holder) {
        jdbc.sql("DELETE FROM mail_mailbox_lease WHERE mailbox = :mailbox AND holder = :holder")
                .param("mailbox", mailbox)
                .param("holder", holder)
                .update();
    }
}
