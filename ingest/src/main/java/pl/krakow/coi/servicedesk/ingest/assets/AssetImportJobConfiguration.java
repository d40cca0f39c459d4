package pl.krakow.coi.servicedesk.ingest.assets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import pl.krakow.coi.servicedesk.cmdb.CiBulkUpsert;
import pl.krakow.coi.servicedesk.cmdb.CiClassService;
import pl.krakow.coi.servicedesk.ingest.IngestProperties;
import pl.krakow.coi.servicedesk.ingest.batch.CsvLayout;
import pl.krakow.coi.servicedesk.ingest.batch.CsvPartitioner;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRow;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRowReader;
import pl.krakow.coi.servicedesk.ingest.batch.ImportJob;
import pl.krakow.coi.servicedesk.ingest.batch.IngestFiles;
import pl.krakow.coi.servicedesk.ingest.batch.IngestRuns;
import pl.krakow.coi.servicedesk.ingest.batch.IngestSkips;
import pl.krakow.coi.servicedesk.ingest.batch.LocalRuns;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.ingest.batch.RunListener;
import pl.krakow.coi.servicedesk.ingest.batch.SkipReport;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The CI/asset import ({@code asset-import}, docs/ingest/assets.md): a partitioned step (ADR 0065) whose
 * {@link CsvPartitioner} checks the CSV file and splits it into parts of contiguous rows, and whose parts run side
 * by side, each a chunk-oriented step reading its rows ({@link CsvRowReader}), checking each row like the CMDB
 * does ({@link AssetRowProcessor}) and upserting the chunk in bulk through the CMDB's identity rules
 * ({@link AssetWriter}).
 *
 * <ul>
 *   <li>Parts: up to {@code servicedesk.ingest.partitions.assets} (default: the processors, at most 4), each of
 *       at least {@code servicedesk.ingest.partitions.min-rows} rows; a file in which two parts would name the
 *       same device is imported in one part, in its order.
 *   <li>Chunk: {@code servicedesk.ingest.chunks.assets} rows (default 2000) per transaction; each part's
 *       position is saved with each of its commits, so a restart resumes each part after its last committed
 *       chunk.
 *   <li>Skip: a row rejected by the reader, the processor or the writer ({@code RowRejected}: a wrong
 *       value, an ambiguous identity) is skipped and listed in the skip report, up to
 *       {@code servicedesk.ingest.max-skips}; anything else fails the step.
 *   <li>Retry: a chunk that lost a race (optimistic lock, deadlock, serialisation, a device another source
 *       registered meanwhile) is retried 3 times; each attempt runs in a savepoint of the chunk's transaction
 *       (the CMDB's bulk upsert), so a retry starts from what the chunk's earlier attempts had not written.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AssetImportJobConfiguration {

    static final String JOB = "asset-import";

    /** The partitioned step, and the name of its parts' step ({@code asset-import.rows:part0}, …). */
    static final String ROWS = JOB + ".rows";

    static final CsvLayout LAYOUT = new CsvLayout(List.of("class"), AssetRowProcessor.COLUMNS, List.of("attr."), true);

    @Bean
    Job assetImportJob(JobRepository jobRepository, Step assetImportStep, RunListener runListener) {
        return new JobBuilder(JOB, jobRepository)
                .listener(runListener)
                .start(assetImportStep)
                .build();
    }

    @Bean
    ImportJob assetImport(Job assetImportJob) {
        return ImportJob.of(JOB, assetImportJob, LAYOUT, Role.CMDB_ADMIN, Role.INTEGRATION);
    }

    @Bean
    Step assetImportStep(
            JobRepository jobRepository,
            Step assetImportPart,
            CsvPartitioner assetPartitioner,
            IngestProperties properties) {
        return new StepBuilder(ROWS, jobRepository)
                .partitioner(ROWS, assetPartitioner)
                .step(assetImportPart)
                .gridSize(properties.partitions().assets())
                .taskExecutor(new SimpleAsyncTaskExecutor(JOB + "-"))
                .listener(CsvPartitioner.spoolCleaner(properties.spoolDirectory()))
                .build();
    }

    @Bean
    @StepScope
    CsvPartitioner assetPartitioner(
            IngestRuns runs,
            IngestFiles files,
            IngestProperties properties,
            @Value("#{jobParameters['run']}") Long runId,
            @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        return new CsvPartitioner(
                runId,
                jobExecutionId,
                run.fileId(),
                LAYOUT,
                files,
                runs,
                properties.spoolDirectory(),
                properties.partitions().minRows(),
                AssetRowProcessor::deviceKeys);
    }

    /** One part of the file: its rows, in order, in chunks. */
    @Bean
    Step assetImportPart(
            JobRepository jobRepository,
            PlatformTransactionManager transactions,
            CsvRowReader assetRowReader,
            AssetRowProcessor assetRowProcessor,
            AssetWriter assetWriter,
            SkipReport assetSkipReport,
            IngestProperties properties) {
        return new StepBuilder(ROWS, jobRepository)
                .<CsvRow, AssetRecord>chunk(properties.chunks().assets())
                .reader(assetRowReader)
                .processor(assetRowProcessor)
                .writer(assetWriter)
                .transactionManager(transactions)
                .faultTolerant()
                .skipPolicy(assetSkipReport)
                .skipListener(assetSkipReport)
                .retryPolicy(RetryPolicy.builder()
                        .includes(TransientDataAccessException.class, DuplicateKeyException.class)
                        .maxRetries(3)
                        .delay(Duration.ofMillis(200))
                        .build())
                .build();
    }

    @Bean
    @StepScope
    CsvRowReader assetRowReader(
            IngestRuns runs,
            IngestFiles files,
            IngestProperties properties,
            @Value("#{jobParameters['run']}") Long runId,
            @Value("#{stepExecutionContext['csv.start']}") Long start,
            @Value("#{stepExecutionContext['csv.count']}") Long count,
            @Value("#{stepExecution.jobExecution.id}") Long jobExecutionId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        return CsvRowReader.part(
                runId, jobExecutionId, run.fileId(), LAYOUT, files, runs, properties.spoolDirectory(), start, count);
    }

    @Bean
    @StepScope
    AssetRowProcessor assetRowProcessor(CiClassService classes, Organisation organisation) {
        return new AssetRowProcessor(classes.all(), organisation.units());
    }

    @Bean
    @StepScope
    AssetWriter assetWriter(
            CiBulkUpsert cmdb,
            RunFence fence,
            IngestRuns runs,
            IngestFiles files,
            @Value("#{jobParameters['run']}") Long runId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        String filename =
                files.find(run.fileId()).map(IngestFiles.StoredFile::filename).orElse("?");
        CurrentUser actor = new CurrentUser(
                run.requestedBy(),
                "Import " + filename + " (run " + runId + ")",
                Set.of(Role.INTEGRATION),
                Optional.empty());
        return new AssetWriter(cmdb, fence, runId, "import:" + filename, actor);
    }

    @Bean
    @StepScope
    SkipReport assetSkipReport(
            IngestSkips skips,
            LocalRuns local,
            IngestProperties properties,
            @Value("#{jobParameters['run']}") Long runId) {
        return new SkipReport(runId, properties.maxSkips(), skips, local.skipped(runId));
    }
}
