package pl.krakow.coi.servicedesk.ingest.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link MailLedger} on {@code mail_message} (the reader's record of every mail) and {@code mail_auto_reply}. */
@Repository
class JdbcMailLedger implements MailLedger {

    /** The outcomes that made or touched a ticket. */
    private static final String[] TICKET_OUTCOMES = {
        MailOutcome.Kind.TICKET_CREATED.name(), MailOutcome.Kind.COMMENTED.name(), MailOutcome.Kind.REOPENED.name()
    };

    private final JdbcClient jdbc;

    JdbcMailLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void serialise(String sender) {
        // As the storm damper does for recipients: a transaction-scoped advisory lock, released at commit.
        jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended('mail-sender:' || :sender, 0))) l")
                .param("sender", normal(sender))
                .query(Integer.class)
                .single();
    }

    @Override
    public long ticketMailsSince(String sender, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FROM mail_message
                        WHERE lower(sender) = :sender AND outcome = ANY(:outcomes)
                          AND coalesce(processed_at, received_at) > :since
                        """)
                .param("sender", normal(sender))
                .param("outcomes", TICKET_OUTCOMES)
                .param("since", Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    @Override
    public boolean acceptedBefore(String sender, long ticketId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM mail_message
                            WHERE lower(sender) = :sender AND ticket_id = :ticket AND outcome = ANY(:outcomes))
                        """)
                .param("sender", normal(sender))
                .param("ticket", ticketId)
                .param("outcomes", TICKET_OUTCOMES)
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean claimAutoReply(String sender, String reason, Instant now, Duration per) {
        return jdbc.sql("""
                                INSERT INTO mail_auto_reply (sender, reason, sent_at) VALUES (:sender, :reason, :now)
                                ON CONFLICT (sender, reason) DO UPDATE SET sent_at = EXCLUDED.sent_at
                                WHERE mail_auto_reply.sent_at <= :before
                                """)
                        .param("sender", normal(sender))
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .param("before", Timestamp.from(now.minus(per)))
                        .update()
                == 1;
    }

    private static String normal(String sender) {
        return sender.trim().toLowerCase(Locale.ROOT);
    }
}
