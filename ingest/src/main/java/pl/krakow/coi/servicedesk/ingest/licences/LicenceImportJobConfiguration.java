package pl.krakow.coi.servicedesk.ingest.licences;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import pl.krakow.coi.servicedesk.ingest.IngestProperties;
import pl.krakow.coi.servicedesk.ingest.batch.CsvLayout;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRow;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRowReader;
import pl.krakow.coi.servicedesk.ingest.batch.ImportJob;
import pl.krakow.coi.servicedesk.ingest.batch.IngestFiles;
import pl.krakow.coi.servicedesk.ingest.batch.IngestRuns;
import pl.krakow.coi.servicedesk.ingest.batch.IngestSkips;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.ingest.batch.RunListener;
import pl.krakow.coi.servicedesk.ingest.batch.SkipReport;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The licence import ({@code licence-import}, docs/ingest/licences.md): one chunk-oriented step reading
 * the CSV file, checking each row ({@link LicenceRowProcessor}) and registering or updating the licences
 * through the licence register ({@link LicenceWriter}).
 *
 * <ul>
 *   <li>Chunk: {@code servicedesk.ingest.chunks.licences} rows (default 100); restart after the last
 *       committed chunk; a licence already imported under its key is updated, not registered again.
 *   <li>Skip: rejected rows ({@code RowRejected}: wrong values, a licence the register refuses) are
 *       skipped and reported, up to {@code servicedesk.ingest.max-skips}; anything else fails the step.
 *   <li>Retry: none (a licence file is small; restart the run).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class LicenceImportJobConfiguration {

    static final String JOB = "licence-import";
    static final CsvLayout LAYOUT =
            new CsvLayout(LicenceRowProcessor.REQUIRED, LicenceRowProcessor.OPTIONAL, List.of(), true);

    @Bean
    Job licenceImportJob(JobRepository jobRepository, Step licenceImportStep, RunListener runListener) {
        return new JobBuilder(JOB, jobRepository)
                .listener(runListener)
                .start(licenceImportStep)
                .build();
    }

    @Bean
    ImportJob licenceImport(Job licenceImportJob) {
        return ImportJob.of(JOB, licenceImportJob, LAYOUT, Role.LICENCE_ADMIN, Role.INTEGRATION);
    }

    @Bean
    Step licenceImportStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactions,
            CsvRowReader licenceRowReader,
            LicenceWriter licenceWriter,
            SkipReport licenceSkipReport,
            IngestProperties properties) {
        return new StepBuilder("licence-import.rows", jobRepository)
                .<CsvRow, LicenceRecord>chunk(properties.chunks().licences())
                .reader(licenceRowReader)
                .processor(new LicenceRowProcessor())
                .writer(licenceWriter)
                .transactionManager(transactions)
                .faultTolerant()
                .skipPolicy(licenceSkipReport)
                .skipListener(licenceSkipReport)
                .build();
    }

    @Bean
    @StepScope
    CsvRowReader licenceRowReader(
            IngestRuns runs,
            IngestFiles files,
            IngestProperties properties,
            @Value("#{jobParameters['run']}") Long runId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        return new CsvRowReader(runId, run.fileId(), LAYOUT, Map.of(), null, files, runs, properties.spoolDirectory());
    }

    @Bean
    @StepScope
    LicenceWriter licenceWriter(
            LicenceService licences,
            SoftwareCatalogue catalogue,
            JdbcClient jdbc,
            RunFence fence,
            Clock clock,
            IngestRuns runs,
            @Value("#{jobParameters['run']}") Long runId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        CurrentUser admin = new CurrentUser(
                run.requestedBy(),
                "Licence import (run " + runId + ")",
                EnumSet.of(Role.LICENCE_ADMIN, Role.INTEGRATION),
                Optional.of("IT-04-3"));
        return new LicenceWriter(licences, catalogue, jdbc, fence, clock, runId, admin);
    }

    @Bean
    @StepScope
    SkipReport licenceSkipReport(
            IngestSkips skips, IngestProperties properties, @Value("#{jobParameters['run']}") Long runId) {
        return new SkipReport(runId, properties.maxSkips(), skips);
    }
}
