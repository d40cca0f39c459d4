package pl.krakow.coi.servicedesk.search;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the ticket index at start-up if it is missing, without holding the application up: while
 * Elasticsearch is unreachable it retries in the background (tickets are accepted meanwhile; their
 * outbox rows wait). Replicas take a PostgreSQL advisory lock, so only one creates the index.
 */
@Component
class IndexBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);
    /** Key of the advisory lock that serialises index creation across replicas. */
    private static final long LOCK = 0x5345415243484958L;

    private final TicketIndex index;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SearchProperties properties;
    private final ThreadPoolTaskScheduler scheduler;
    private volatile boolean ready;
    private volatile boolean running;
    private volatile ScheduledFuture<?> retries;
    private int failures;

    IndexBootstrap(TicketIndex index, JdbcClient jdbc, TransactionTemplate transaction, SearchProperties properties) {
        this.index = index;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.scheduler = new ThreadPoolTaskScheduler();
        this.scheduler.setThreadNamePrefix("search-bootstrap-");
        this.scheduler.setPoolSize(1);
    }

    /** Whether the alias exists (as far as this replica knows). */
    boolean ready() {
        return ready;
    }

    /** Makes sure the index exists now; false when Elasticsearch is unreachable (retried later). */
    synchronized boolean ensureReady() {
        if (ready) {
            return true;
        }
        try {
            String current = transaction.execute(status -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                        .param("key", LOCK)
                        .query()
                        .singleRow();
                try {
                    return index.ensureExists();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ready = true;
            failures = 0;
            log.info("Ticket search ready: alias {} → {}", index.alias(), current);
            return true;
        } catch (RuntimeException e) {
            if (failures++ % 12 == 0) {
                log.warn(
                        "Cannot prepare the ticket index yet ({}); retrying every {}",
                        e.getCause() != null ? e.getCause().toString() : e.toString(),
                        properties.index().bootstrapRetry());
            }
            return false;
        }
    }

    /** The alias turned out to be missing (e.g. a new, empty cluster): create it again. */
    void invalidate() {
        if (ready) {
            log.warn("The ticket index alias {} is missing; recreating it (run a reindex to fill it)", index.alias());
        }
        ready = false;
    }

    @Override
    public void start() {
        scheduler.initialize();
        running = true;
        retries = scheduler.scheduleWithFixedDelay(
                () -> {
                    if (!ready) {
                        ensureReady();
                    }
                },
                properties.index().bootstrapRetry());
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.cancel(false);
        }
        scheduler.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
