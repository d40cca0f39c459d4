package pl.krakow.coi.servicedesk.search;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** The tasklets of the reindex job: prepare the new index, publish it, clean up (see {@link ReindexJobConfiguration}). */
@Component
class ReindexSteps {

    static final String TARGET_INDEX = "targetIndex";
    static final String WRITE_ALIAS = "writeAlias";
    static final String REINDEX_ID = "reindexId";
    static final String PREVIOUS_INDICES = "previousIndices";
    static final String REQUESTED_BY = "requestedBy";

    private static final Logger log = LoggerFactory.getLogger(ReindexSteps.class);
    /** Key of the advisory lock that serialises the start of reindexes across replicas. */
    private static final long LOCK = 0x5245494E44455801L;

    private final TicketIndex index;
    private final Reindexes reindexes;
    private final JdbcClient jdbc;
    private final SearchProperties properties;
    private final Clock clock;

    ReindexSteps(TicketIndex index, Reindexes reindexes, JdbcClient jdbc, SearchProperties properties, Clock clock) {
        this.index = index;
        this.reindexes = reindexes;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates the new index behind the reindex alias and records the reindex as RUNNING (one at a time). */
    RepeatStatus prepare(StepContribution contribution, ChunkContext chunk) throws Exception {
        JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
        ExecutionContext context = job.getExecutionContext();
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", LOCK)
                .query()
                .singleRow();
        long instance = job.getJobInstance().getInstanceId();
        var existing = reindexes.runningFor(instance);
        if (existing.isPresent()) {
            reindexes.attach(existing.get().id(), job.getId(), clock.instant());
            remember(context, existing.get());
            return RepeatStatus.FINISHED;
        }
        var other = reindexes.running();
        if (other.isPresent()) {
            throw reindexRunning(other.get());
        }
        // Left over by a reindex that died before it was recorded: nobody writes through it.
        for (String orphan : index.indicesOf(index.reindexAlias())) {
            log.warn("Deleting {}, an index left over by an unfinished reindex", orphan);
            index.delete(orphan);
        }
        String target = index.newIndexName();
        index.create(target, index.reindexAlias(), true);
        long id;
        try {
            id = reindexes.start(
                    target,
                    index.reindexAlias(),
                    instance,
                    job.getId(),
                    job.getJobParameters().getString(REQUESTED_BY, "system"),
                    clock.instant());
        } catch (DuplicateKeyException e) {
            index.delete(target);
            throw reindexRunning(reindexes.running().orElseThrow());
        }
        log.info("Reindex {} started: building {} (job execution {})", id, target, job.getId());
        remember(context, reindexes.runningFor(instance).orElseThrow());
        return RepeatStatus.FINISHED;
    }

    /**
     * Merges the new index: a bulk load leaves tens of segments, and searches over one segment cost
     * Elasticsearch about a quarter less CPU at 1 000 000 tickets (ADR 0064). It runs before replicas are
     * added, which then copy the merged segment.
     */
    RepeatStatus merge(StepContribution contribution, ChunkContext chunk) throws Exception {
        int segments = properties.reindex().mergeToSegments();
        if (segments > 0) {
            index.merge(jobContext(chunk).getString(TARGET_INDEX), segments);
        }
        return RepeatStatus.FINISHED;
    }

    /** Makes the new index live, checks it, and points the alias at it. */
    RepeatStatus publish(StepContribution contribution, ChunkContext chunk) throws Exception {
        ExecutionContext context = jobContext(chunk);
        String target = context.getString(TARGET_INDEX);
        long reindexId = context.getLong(REINDEX_ID);
        Reindexes.Reindex reindex = reindexes
                .find(reindexId)
                .orElseThrow(() -> new IllegalStateException("Reindex " + reindexId + " is not recorded"));
        if (reindex.status() == Reindexes.Status.ABANDONED) {
            throw new IllegalStateException("Reindex " + reindexId + " was abandoned");
        }
        index.makeLive(target);
        if (reindex.maxTicketId() != null) {
            long copied = jdbc.sql("SELECT count(*) FROM ticket WHERE id <= :max")
                    .param("max", reindex.maxTicketId())
                    .query(Long.class)
                    .single();
            long refused = jdbc.sql("SELECT count(DISTINCT ticket_id) FROM search_index_failure"
                            + " WHERE index_name = :index AND ticket_id <= :max")
                    .param("index", target)
                    .param("max", reindex.maxTicketId())
                    .query(Long.class)
                    .single();
            long indexed = index.count(target);
            if (indexed < copied - refused) {
                throw new IllegalStateException("The new index " + target + " holds " + indexed
                        + " tickets, fewer than the " + (copied - refused) + " copied; not publishing it");
            }
        }
        Set<String> previous = index.swapAlias(target);
        reindexes.finish(reindexId, Reindexes.Status.COMPLETED, clock.instant());
        context.putString(PREVIOUS_INDICES, String.join(",", previous));
        log.info("Reindex {} published: {} → {} (was {})", reindexId, index.alias(), target, previous);
        return RepeatStatus.FINISHED;
    }

    /** Runs after the reindex was recorded COMPLETED: the relay no longer writes through the reindex alias. */
    RepeatStatus cleanup(StepContribution contribution, ChunkContext chunk) throws Exception {
        ExecutionContext context = jobContext(chunk);
        String target = context.getString(TARGET_INDEX);
        index.removeAlias(target, context.getString(WRITE_ALIAS));
        String previous = context.getString(PREVIOUS_INDICES, "");
        if (!properties.reindex().keepPreviousIndex()) {
            for (String old :
                    Arrays.stream(previous.split(",")).filter(s -> !s.isBlank()).toList()) {
                index.delete(old);
                log.info("Deleted the previous ticket index {}", old);
            }
        }
        return RepeatStatus.FINISHED;
    }

    private static void remember(ExecutionContext context, Reindexes.Reindex reindex) {
        context.putString(TARGET_INDEX, reindex.targetIndex());
        context.putString(WRITE_ALIAS, reindex.writeAlias());
        context.putLong(REINDEX_ID, reindex.id());
    }

    static ServiceDeskException reindexRunning(Reindexes.Reindex running) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.CONFLICT,
                "reindex-running",
                "A reindex is running",
                "Reindex " + running.id() + " (job execution " + running.jobExecutionId() + ") is still running;"
                        + " wait for it, restart it, or abandon it",
                java.util.Map.of(
                        "reindexId",
                        running.id(),
                        "executionId",
                        running.jobExecutionId() == null ? -1 : running.jobExecutionId()));
    }

    /** The reindex job's own context, where prepare records the target index and the reindex. */
    private static ExecutionContext jobContext(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
    }
}
