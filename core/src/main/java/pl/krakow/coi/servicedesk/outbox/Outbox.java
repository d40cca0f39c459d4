package pl.krakow.coi.servicedesk.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records that an aggregate changed, in the caller's transaction, so that the search index learns
 * of every committed change and of nothing that rolled back.
 */
@Repository
public class Outbox {

    public static final String TICKET = "ticket";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String aggregateType, long aggregateId) {
        jdbc.sql("INSERT INTO outbox (aggregate_type, aggregate_id) VALUES (:type, :id)")
                .param("type", aggregateType)
                .param("id", aggregateId)
                .update();
    }
}
