package pl.krakow.coi.servicedesk.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import pl.krakow.coi.servicedesk.outbox.Outbox;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.platform.DatabaseUnavailable;
import pl.krakow.coi.servicedesk.platform.events.AfterCommit;
import pl.krakow.coi.servicedesk.ticket.TicketChanged;

/**
 * Relays the ticket outbox to Elasticsearch (on worker instances; {@code servicedesk.search.relay.enabled}).
 *
 * <p>A batch claims the oldest outbox rows with {@code FOR UPDATE SKIP LOCKED} (so replicas never
 * take the same rows), loads the tickets' current state, sends them in one bulk request to the alias
 * (and, while a reindex runs, to the new index too), and deletes the rows that were sent, all in one
 * PostgreSQL transaction: if anything fails, the rows stay and are sent again (writes are idempotent:
 * the ticket version is the document's external version).
 *
 * <p>A document Elasticsearch refuses for good, or one the application cannot build (a bug or bad data in
 * one ticket), is recorded in {@code search_index_failure} with its reason and its row is removed, so it
 * never holds back the changes behind it; the ticket's next change or a reindex tries again.
 *
 * <p>It runs right after every ticket commit (low latency) and every {@code relay.interval} (rows
 * written by other replicas or processes). While Elasticsearch is down it backs off, doubling the
 * pause up to {@code relay.max-backoff}; the rows wait in PostgreSQL, nothing is lost. The pauses are
 * those of a Spring Framework {@link RetryPolicy} ({@link #retryPolicy}, ADR 0081); the relay never
 * blocks its thread in them: a failed drain only sets when the next one may start, and the next trigger
 * or poll after that drains again.
 */
@Component
@ConditionalOnWorkerRole
class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration DRAIN_SLICE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TicketDocuments documents;
    private final TicketIndex index;
    private final IndexBootstrap bootstrap;
    private final Reindexes reindexes;
    private final IndexFailures failures;
    private final SearchProperties.Relay properties;
    private final Clock clock;
    private final ExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Counter indexed;
    private final Counter unavailable;
    private final Timer batches;
    private final Timer delay;
    private final RetryPolicy retryPolicy;
    private volatile Instant nextAttempt = Instant.MIN;
    /** The pauses of the current outage; null while the servers are reachable. */
    private BackOffExecution pauses;

    private String failedServer = "Elasticsearch";

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            TicketDocuments documents,
            TicketIndex index,
            IndexBootstrap bootstrap,
            Reindexes reindexes,
            IndexFailures failures,
            SearchProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.documents = documents;
        this.index = index;
        this.bootstrap = bootstrap;
        this.reindexes = reindexes;
        this.failures = failures;
        this.properties = properties.relay();
        this.clock = clock;
        this.retryPolicy = retryPolicy(this.properties);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "search-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        this.indexed = Counter.builder("servicedesk.search.relay.documents")
                .description("Ticket documents the outbox relay sent to Elasticsearch")
                .register(registry);
        this.unavailable = Counter.builder("servicedesk.search.relay.failures")
                .description("Relay batches that failed because Elasticsearch or PostgreSQL was unavailable (retried)")
                .register(registry);
        this.batches = Timer.builder("servicedesk.search.relay.batch")
                .description("Duration of one relay batch (claim, load, bulk, delete)")
                .register(registry);
        this.delay = Timer.builder("servicedesk.search.relay.delay")
                .description("From the outbox row's insert to its delivery to Elasticsearch")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A ticket change: relay it as soon as it has committed. */
    @EventListener
    void on(TicketChanged change) {
        AfterCommit.run(this::trigger);
    }

    /** Picks up rows nobody triggered for (other replicas, other processes, earlier failures). */
    @Scheduled(
            fixedDelayString = "${servicedesk.search.relay.interval:500ms}",
            initialDelayString = "${servicedesk.search.relay.interval:500ms}")
    void poll() {
        trigger();
    }

    /** Queues a drain on the relay thread, unless one is queued already (triggers coalesce). */
    void trigger() {
        if (properties.enabled() && queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    private void drain() {
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        if (!bootstrap.ensureReady()) {
            failed();
            return;
        }
        Instant until = clock.instant().plus(DRAIN_SLICE);
        try {
            while (true) {
                Batch batch = batches.recordCallable(this::relayBatch);
                if (batch.retry() > 0) {
                    failed();
                    return;
                }
                succeeded();
                if (batch.claimed() < properties.batchSize()) {
                    return;
                }
                if (clock.instant().isAfter(until)) {
                    trigger(); // more to do: yield to other work, continue right after
                    return;
                }
            }
        } catch (Exception e) {
            unavailable.increment();
            String server = DatabaseUnavailable.explains(e) ? "PostgreSQL" : "Elasticsearch";
            if (pauses == null || !server.equals(failedServer)) {
                log.warn("{} unavailable, the outbox waits and is retried: {}", server, rootCause(e));
            }
            failedServer = server;
            failed();
        }
    }

    /** One batch, in one transaction: claim, load, bulk, delete what was sent. */
    private Batch relayBatch() {
        return transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            SELECT id, aggregate_id, created_at FROM outbox
                            WHERE aggregate_type = :type
                            ORDER BY id
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED
                            """)
                    .param("type", Outbox.TICKET)
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Row(
                            rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                    .list();
            if (rows.isEmpty()) {
                return new Batch(0, 0);
            }
            Set<Long> ids = new LinkedHashSet<>();
            rows.forEach(row -> ids.add(row.ticketId()));
            TicketDocuments.Built built = documents.loadSettingAsideUnbuilt(ids);
            List<TicketDocument> docs = built.documents();
            Map<Long, RuntimeException> unbuildable = built.unbuilt();
            Set<Long> gone = new LinkedHashSet<>(ids);
            docs.forEach(doc -> gone.remove(doc.id()));
            gone.removeAll(unbuildable.keySet()); // still there: the index keeps its last good document
            // Read after the claim: a reindex that started after this point copies these tickets itself.
            List<String> targets = new ArrayList<>(List.of(index.alias()));
            reindexes.running().ifPresent(reindex -> targets.add(reindex.writeAlias()));
            Map<Long, TicketIndex.Outcome> outcomes;
            try {
                outcomes = index.write(docs, gone, targets);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            List<Long> sent = new ArrayList<>();
            int retry = 0;
            Instant now = clock.instant();
            Set<Long> refusedRecorded = new LinkedHashSet<>();
            for (Row row : rows) {
                RuntimeException broken = unbuildable.get(row.ticketId());
                if (broken != null) {
                    if (refusedRecorded.add(row.ticketId())) {
                        failures.recordUnbuilt(row.ticketId(), index.alias(), broken);
                    }
                    sent.add(row.id());
                    continue;
                }
                TicketIndex.Outcome outcome = outcomes.get(row.ticketId());
                if (outcome == null || outcome.kind() == TicketIndex.Outcome.Kind.RETRY) {
                    retry++;
                    if (outcome != null && "index_not_found_exception".equals(outcome.errorType())) {
                        if (index.alias().equals(outcome.index())) {
                            bootstrap.invalidate();
                        }
                    }
                    continue;
                }
                if (outcome.kind() == TicketIndex.Outcome.Kind.REFUSED && refusedRecorded.add(row.ticketId())) {
                    failures.record(row.ticketId(), outcome);
                }
                sent.add(row.id());
                delay.record(Duration.between(row.createdAt(), now));
            }
            if (!sent.isEmpty()) {
                jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
                        .param("ids", sent)
                        .update();
            }
            indexed.increment(docs.size());
            return new Batch(rows.size(), retry);
        });
    }

    /**
     * How the relay retries: every failure (the rows stay in the outbox, so it never gives up), after
     * {@code min-backoff}, doubled on each further failure up to {@code max-backoff}.
     */
    static RetryPolicy retryPolicy(SearchProperties.Relay properties) {
        return RetryPolicy.builder()
                .maxRetries(Long.MAX_VALUE)
                .delay(properties.minBackoff())
                .multiplier(2)
                .maxDelay(
                        properties.maxBackoff().compareTo(properties.minBackoff()) < 0
                                ? properties.minBackoff()
                                : properties.maxBackoff())
                .build();
    }

    /** Drains again only after the policy's next pause (the rows wait in the outbox). */
    private void failed() {
        if (pauses == null) {
            pauses = retryPolicy.getBackOff().start();
        }
        long pause = pauses.nextBackOff();
        nextAttempt = clock.instant()
                .plus(pause == BackOffExecution.STOP ? properties.maxBackoff() : Duration.ofMillis(pause));
    }

    private void succeeded() {
        if (pauses != null) {
            log.info("{} reachable again, the outbox relay resumes", failedServer);
        }
        pauses = null;
        nextAttempt = Instant.MIN;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private record Row(long id, long ticketId, Instant createdAt) {}

    private record Batch(int claimed, int retry) {}
}
