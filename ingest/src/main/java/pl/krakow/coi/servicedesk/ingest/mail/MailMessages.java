package pl.krakow.coi.servicedesk.ingest.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table of mails taken from the mailboxes ({@code mail_message}): the claim of a mail by its dedupe key, what
 * it became, and the stored original.
 */
@Repository
class MailMessages {

    /** The outcome of a claimed row until the processor's outcome replaces it, in the same transaction. */
    static final String PROCESSING = "PROCESSING";

    /** The reason of a mail the processor failed on too often: moved to the quarantine folder. */
    static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private static final String COLUMNS = """
            id, mailbox, dedupe_key, message_id, sender, subject, size_bytes, outcome, reason, ticket_id,
            raw IS NOT NULL AS has_raw, received_at, processed_at
            """;

    private final JdbcClient jdbc;

    MailMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row, without the original. */
    record Row(
            long id,
            String mailbox,
            String dedupeKey,
            String messageId,
            String sender,
            String subject,
            long sizeBytes,
            String outcome,
            String reason,
            Long ticketId,
            boolean hasOriginal,
            Instant receivedAt,
            Instant processedAt) {

        /** Whether the mail belongs in the quarantine folder. */
        boolean quarantine() {
            if (PROCESSING_FAILED.equals(reason)) {
                return true;
            }
            try {
                return MailOutcome.Kind.valueOf(outcome).quarantine();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /**
     * Claims {@code dedupeKey} for this transaction: inserts the row with outcome {@code PROCESSING}, or does
     * nothing when the key is taken (a concurrent claim of the same key waits for the other transaction). Returns
     * the new row's id, or empty when the mail was claimed before.
     */
    Optional<Long> claim(
            String mailbox,
            String dedupeKey,
            String messageId,
            long size,
            byte[] raw,
            Instant receivedAt,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO mail_message (mailbox, dedupe_key, message_id, size_bytes, outcome, raw, received_at,
                                                  processed_at)
                        VALUES (:mailbox, :key, :messageId, :size, 'PROCESSING', :raw, :received, :now)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        RETURNING id
                        """)
                .param("mailbox", mailbox)
                .param("key", dedupeKey)
                .param("messageId", messageId)
                .param("size", size)
                .param("raw", raw)
                .param("received", Timestamp.from(receivedAt))
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    /** Records what a claimed mail became. */
    void complete(long id, MailOutcome outcome, Instant now) {
        jdbc.sql("""
                        UPDATE mail_message
                        SET outcome = :outcome, reason = :reason, ticket_id = :ticket, sender = :sender, subject = :subject,
                            processed_at = :now
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("outcome", outcome.kind().name())
                .param("reason", cut(outcome.reason(), 500))
                .param("ticket", outcome.ticketId())
                .param("sender", cut(outcome.sender(), 320))
                .param("subject", cut(outcome.subject(), 1000))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Records a mail the processor failed on too often, as quarantined (its own transaction); nothing when the key
     * is taken.
     */
    void recordFailed(
            String mailbox,
            String dedupeKey,
            String messageId,
            String sender,
            String subject,
            long size,
            byte[] raw,
            Instant receivedAt,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO mail_message (mailbox, dedupe_key, message_id, sender, subject, size_bytes, outcome,
                                                  reason, raw, received_at, processed_at)
                        VALUES (:mailbox, :key, :messageId, :sender, :subject, :size, 'QUARANTINED', :reason, :raw,
                                :received, :now)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """)
                .param("mailbox", mailbox)
                .param("key", dedupeKey)
                .param("messageId", messageId)
                .param("sender", cut(sender, 320))
                .param("subject", cut(subject, 1000))
                .param("size", size)
                .param("reason", PROCESSING_FAILED)
                .param("raw", raw)
                .param("received", Timestamp.from(receivedAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<Row> byKey(String dedupeKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE dedupe_key = :key")
                .param("key", dedupeKey)
                .query(MailMessages::map)
                .optional();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE id = :id")
                .param("id", id)
                .query(MailMessages::map)
                .optional();
    }

    /** The stored original, when it was downloaded. */
    Optional<byte[]> original(long id) {
        return jdbc.sql("SELECT raw FROM mail_message WHERE id = :id AND raw IS NOT NULL")
                .param("id", id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** Newest first, filtered by outcome and mailbox when given. */
    List<Row> list(String outcome, String mailbox, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + """
                        FROM mail_message
                        WHERE (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                          AND (CAST(:mailbox AS text) IS NULL OR mailbox = :mailbox)
                        ORDER BY id DESC LIMIT :size OFFSET :offset
                        """)
                .param("outcome", outcome)
                .param("mailbox", mailbox)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(MailMessages::map)
                .list();
    }

    /** The mails that made or touched a ticket, oldest first. */
    List<Row> ofTicket(long ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE ticket_id = :ticket ORDER BY id")
                .param("ticket", ticketId)
                .query(MailMessages::map)
                .list();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("mailbox"),
                rs.getString("dedupe_key"),
                rs.getString("message_id"),
                rs.getString("sender"),
                rs.getString("subject"),
                rs.getLong("size_bytes"),
                rs.getString("outcome"),
                rs.getString("reason"),
                (Long) rs.getObject("ticket_id"),
                rs.getBoolean("has_raw"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("processed_at").toInstant());
    }

    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.replace("\0", "");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
