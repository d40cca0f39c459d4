package pl.krakow.coi.servicedesk.search;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The full reindex: a restartable Spring Batch job that builds a new versioned ticket index from
 * PostgreSQL and swaps the alias to it with no downtime (ADR 0031).
 *
 * <ol>
 *   <li>{@code ticketReindexPrepare}: creates the new index (refresh off, no replicas) behind the
 *       reindex alias and records the reindex as RUNNING; from that commit on, the outbox relay sends
 *       every ticket change to the new index as well.
 *   <li>{@code ticketReindexCopy}: the ticket ids, split into {@code partitions} ranges copied by
 *       {@code threads} workers; each worker reads ids in pages of {@code chunk-size}, loads the
 *       tickets and bulk-indexes them. A restart resumes each unfinished range after its last
 *       committed page. Retry: a chunk that Elasticsearch could not take is retried 5 times with
 *       growing pauses, then the step fails (restart it). Skip: none; documents Elasticsearch refuses
 *       for good are recorded in {@code search_index_failure} and the copy goes on.
 *   <li>{@code ticketReindexMerge}: merges the new index down to {@code merge-to-segments} segments per
 *       shard (ADR 0064), holding no database connection while Elasticsearch merges.
 *   <li>{@code ticketReindexPublish}: restores refresh and replicas, checks the document count,
 *       points the alias at the new index atomically and records the reindex as COMPLETED.
 *   <li>{@code ticketReindexCleanup}: removes the reindex alias and deletes the previous index.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class ReindexJobConfiguration {

    static final String JOB = "ticketReindex";
    static final String COPY_STEP = "ticketReindexCopy";
    static final String COPY_WORKER = "ticketReindexCopyRange";

    @Bean
    Job ticketReindexJob(
            JobRepository jobRepository,
            Step ticketReindexPrepare,
            Step ticketReindexCopy,
            Step ticketReindexMerge,
            Step ticketReindexPublish,
            Step ticketReindexCleanup) {
        return new JobBuilder(JOB, jobRepository)
                .start(ticketReindexPrepare)
                .next(ticketReindexCopy)
                .next(ticketReindexMerge)
                .next(ticketReindexPublish)
                .next(ticketReindexCleanup)
                .build();
    }

    @Bean
    Step ticketReindexPrepare(
            JobRepository jobRepository, PlatformTransactionManager transactions, ReindexSteps steps) {
        return new StepBuilder("ticketReindexPrepare", jobRepository)
                .tasklet(steps::prepare, transactions)
                .build();
    }

    @Bean
    Step ticketReindexCopy(
            JobRepository jobRepository,
            TicketIdRanges ticketIdRanges,
            Step ticketReindexCopyRange,
            ThreadPoolTaskExecutor reindexWorkers,
            SearchProperties properties) {
        return new StepBuilder(COPY_STEP, jobRepository)
                .partitioner(COPY_WORKER, ticketIdRanges)
                .step(ticketReindexCopyRange)
                .gridSize(properties.reindex().partitions())
                .taskExecutor(reindexWorkers)
                .build();
    }

    @Bean
    Step ticketReindexCopyRange(
            JobRepository jobRepository,
            PlatformTransactionManager transactions,
            JdbcPagingItemReader<Long> ticketIdReader,
            ReindexWriter reindexWriter,
            SearchProperties properties) {
        return new StepBuilder(COPY_WORKER, jobRepository)
                .<Long, Long>chunk(properties.reindex().chunkSize())
                .reader(ticketIdReader)
                .writer(reindexWriter)
                .transactionManager(transactions)
                .faultTolerant()
                .retryPolicy(RetryPolicy.builder()
                        .includes(ReindexWriter.RetryableIndexingException.class)
                        .maxRetries(5)
                        .delay(Duration.ofSeconds(1))
                        .multiplier(2)
                        .maxDelay(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @Bean
    Step ticketReindexMerge(JobRepository jobRepository, ReindexSteps steps) {
        // Only Elasticsearch works in this step; a database transaction would hold a connection for the merge.
        return new StepBuilder("ticketReindexMerge", jobRepository)
                .tasklet(steps::merge, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    Step ticketReindexPublish(
            JobRepository jobRepository, PlatformTransactionManager transactions, ReindexSteps steps) {
        return new StepBuilder("ticketReindexPublish", jobRepository)
                .tasklet(steps::publish, transactions)
                .build();
    }

    @Bean
    Step ticketReindexCleanup(
            JobRepository jobRepository, PlatformTransactionManager transactions, ReindexSteps steps) {
        return new StepBuilder("ticketReindexCleanup", jobRepository)
                .tasklet(steps::cleanup, transactions)
                .build();
    }

    /** The ranges of ticket ids, computed once per job instance (a restart reuses them). */
    @Bean
    @JobScope
    TicketIdRanges ticketIdRanges(
            JdbcClient jdbc, Reindexes reindexes, @Value("#{jobExecutionContext['reindexId']}") Long reindexId) {
        return new TicketIdRanges(jdbc, reindexes, reindexId);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<Long> ticketIdReader(
            DataSource dataSource,
            SearchProperties properties,
            @Value("#{stepExecutionContext['minId']}") Long minId,
            @Value("#{stepExecutionContext['maxId']}") Long maxId)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<Long>()
                .name("ticketIds")
                .dataSource(dataSource)
                .selectClause("SELECT id")
                .fromClause("FROM ticket")
                .whereClause("WHERE id BETWEEN :minId AND :maxId")
                .parameterValues(Map.of("minId", minId, "maxId", maxId))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(properties.reindex().chunkSize())
                .rowMapper((rs, row) -> rs.getLong(1))
                .build();
    }

    @Bean
    @StepScope
    ReindexWriter reindexWriter(
            TicketDocuments documents,
            TicketIndex index,
            IndexFailures failures,
            Reindexes reindexes,
            java.time.Clock clock,
            @Value("#{jobExecutionContext['writeAlias']}") String writeAlias,
            @Value("#{jobExecutionContext['targetIndex']}") String targetIndex,
            @Value("#{jobExecutionContext['reindexId']}") Long reindexId) {
        // Set-aside documents are recorded under the new index's name, which its publication check counts.
        return new ReindexWriter(documents, index, failures, reindexes, clock, writeAlias, targetIndex, reindexId);
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor reindexWorkers(SearchProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("search-reindex-");
        executor.setCorePoolSize(properties.reindex().threads());
        executor.setMaxPoolSize(properties.reindex().threads());
        executor.setQueueCapacity(10_000);
        return executor;
    }
}
