package pl.krakow.coi.servicedesk.ticket;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency keys of ticket creation. A key is claimed before the ticket is created; a concurrent
 * request with the same key waits on the claim and then finds the ticket the first one created.
 */
@Repository
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key; false if it was already used (by a committed request). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean claim(String username, String key, String requestHash) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (username, key, request_hash) VALUES (:user, :key, :hash)
                        ON CONFLICT (username, key) DO NOTHING
                        """)
                        .param("user", username)
                        .param("key", key)
                        .param("hash", requestHash)
                        .update()
                == 1;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void bind(String username, String key, long ticketId) {
        jdbc.sql("UPDATE idempotency_key SET ticket_id = :ticket WHERE username = :user AND key = :key")
                .param("ticket", ticketId)
                .param("user", username)
                .param("key", key)
                .update();
    }

    Optional<Used> find(String username, String key) {
        return jdbc.sql("SELECT request_hash, ticket_id FROM idempotency_key WHERE username = :user AND key = :key")
                .param("user", username)
                .param("key", key)
                .query((rs, row) -> new Used(rs.getString(1), rs.getObject(2, Long.class)))
                .optional();
    }

    record Used(String requestHash, Long ticketId) {}
}
