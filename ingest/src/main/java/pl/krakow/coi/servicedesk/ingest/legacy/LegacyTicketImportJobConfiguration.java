package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.catalogue.Category;
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
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy ticket import ({@code legacy-ticket-import}, docs/ingest/legacy-tickets.md), two steps:
 *
 * <ol>
 *   <li>{@code legacy-ticket-import.stage}: reads the export (column mapping, date formats and the
 *       missing-value marker from the run's options), checks each row ({@link StageProcessor}) and stages
 *       it in {@code legacy_incident_row} in JDBC batches. Chunk {@code chunks.tickets × 10} rows; restart
 *       after the last committed chunk.
 *   <li>{@code legacy-ticket-import.tickets}: one item per ticket number, read in number order (restart
 *       after the last committed number); each ticket already imported is filtered out, the others are
 *       replayed in memory ({@link BuildProcessor}) and registered with their history
 *       ({@link BuildWriter}). Chunk {@code chunks.tickets} tickets.
 * </ol>
 *
 * Skip: rejected rows and tickets whose history our lifecycle refuses, up to {@code max-skips}, in the
 * skip report. Retry: none.
 */
@Configuration(proxyBeanMethods = false)
class LegacyTicketImportJobConfiguration {

    static final String JOB = "legacy-ticket-import";
    static final CsvLayout LAYOUT = new CsvLayout(StageProcessor.REQUIRED, StageProcessor.OPTIONAL, List.of(), false);

    @Bean
    Job legacyTicketImportJob(
            JobRepository jobRepository, Step legacyTicketStage, Step legacyTicketBuild, RunListener runListener) {
        return new JobBuilder(JOB, jobRepository)
                .listener(runListener)
                .start(legacyTicketStage)
                .next(legacyTicketBuild)
                .build();
    }

    @Bean
    ImportJob legacyTicketImport(Job legacyTicketImportJob, Organisation organisation) {
        return new ImportJob() {
            @Override
            public String name() {
                return JOB;
            }

            @Override
            public Job job() {
                return legacyTicketImportJob;
            }

            @Override
            public CsvLayout layout() {
                return LAYOUT;
            }

            @Override
            public Set<Role> roles() {
                return EnumSet.of(Role.INTEGRATION);
            }

            @Override
            public Map<String, String> columnMapping(Map<String, Object> options) {
                return LegacyOptions.of(options).columns();
            }

            @Override
            public void checkOptions(Map<String, Object> options) {
                LegacyOptions legacy = LegacyOptions.of(options);
                legacy.groups().forEach((group, unit) -> {
                    if (!unit.equals(UnitCode.FIRST_LINE.value())) {
                        try {
                            organisation.requireEscalationTarget(unit);
                        } catch (ServiceDeskException e) {
                            throw ServiceDeskException.invalid(
                                    "invalid-options", "Group " + group + " maps to " + unit + ": " + e.getMessage());
                        }
                    }
                });
            }
        };
    }

    @Bean
    Step legacyTicketStage(
            JobRepository jobRepository,
            PlatformTransactionManager transactions,
            CsvRowReader legacyRowReader,
            StageProcessor legacyStageProcessor,
            StageWriter legacyStageWriter,
            SkipReport legacySkipReport,
            IngestProperties properties) {
        return new StepBuilder("legacy-ticket-import.stage", jobRepository)
                .<CsvRow, IncidentUpdate>chunk(properties.chunks().tickets() * 10)
                .reader(legacyRowReader)
                .processor(legacyStageProcessor)
                .writer(legacyStageWriter)
                .transactionManager(transactions)
                .faultTolerant()
                .skipPolicy(legacySkipReport)
                .skipListener(legacySkipReport)
                .build();
    }

    @Bean
    Step legacyTicketBuild(
            JobRepository jobRepository,
            PlatformTransactionManager transactions,
            JdbcPagingItemReader<String> legacyNumberReader,
            BuildProcessor legacyBuildProcessor,
            BuildWriter legacyBuildWriter,
            SkipReport legacySkipReport,
            IngestProperties properties) {
        return new StepBuilder("legacy-ticket-import.tickets", jobRepository)
                .<String, LegacyTicket>chunk(properties.chunks().tickets())
                .reader(legacyNumberReader)
                .processor(legacyBuildProcessor)
                .writer(legacyBuildWriter)
                .transactionManager(transactions)
                .faultTolerant()
                .skipPolicy(legacySkipReport)
                .skipListener(legacySkipReport)
                .build();
    }

    @Bean
    @StepScope
    CsvRowReader legacyRowReader(
            IngestRuns runs,
            IngestFiles files,
            IngestProperties properties,
            @Value("#{jobParameters['run']}") Long runId) {
        IngestRuns.Run run = runs.find(runId).orElseThrow();
        LegacyOptions options = LegacyOptions.of(run.options());
        return new CsvRowReader(
                runId,
                run.fileId(),
                LAYOUT,
                options.columns(),
                options.missingValue(),
                files,
                runs,
                properties.spoolDirectory());
    }

    @Bean
    @StepScope
    StageProcessor legacyStageProcessor(IngestRuns runs, @Value("#{jobParameters['run']}") Long runId) {
        return new StageProcessor(
                LegacyOptions.of(runs.find(runId).orElseThrow().options()));
    }

    @Bean
    @StepScope
    StageWriter legacyStageWriter(
            JdbcTemplate jdbcTemplate, JsonMapper json, RunFence fence, @Value("#{jobParameters['run']}") Long runId) {
        return new StageWriter(jdbcTemplate, json, fence, runId);
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<String> legacyNumberReader(
            DataSource dataSource, IngestProperties properties, @Value("#{jobParameters['run']}") Long runId)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<String>()
                .name("legacyNumbers")
                .dataSource(dataSource)
                .selectClause("SELECT number")
                .fromClause("FROM legacy_incident_row")
                .whereClause("WHERE run_id = :run")
                .groupClause("GROUP BY number")
                .parameterValues(Map.of("run", runId))
                .sortKeys(Map.of("number", Order.ASCENDING))
                .pageSize(properties.chunks().tickets())
                .rowMapper((rs, row) -> rs.getString(1))
                .build();
    }

    @Bean
    @StepScope
    BuildProcessor legacyBuildProcessor(
            JdbcClient jdbc,
            JsonMapper json,
            TicketLookup tickets,
            Categories categories,
            IngestRuns runs,
            @Value("#{jobParameters['run']}") Long runId) {
        Set<String> active =
                categories.findActive().stream().map(Category::code).collect(Collectors.toSet());
        return new BuildProcessor(
                jdbc,
                json,
                tickets,
                LegacyOptions.of(runs.find(runId).orElseThrow().options()),
                active,
                runId);
    }

    @Bean
    @StepScope
    BuildWriter legacyBuildWriter(
            TicketService tickets,
            JdbcClient jdbc,
            RunFence fence,
            Clock clock,
            @Value("#{jobParameters['run']}") Long runId) {
        return new BuildWriter(tickets, jdbc, fence, clock, runId);
    }

    @Bean
    @StepScope
    SkipReport legacySkipReport(
            IngestSkips skips, IngestProperties properties, @Value("#{jobParameters['run']}") Long runId) {
        return new SkipReport(runId, properties.maxSkips(), skips);
    }
}
