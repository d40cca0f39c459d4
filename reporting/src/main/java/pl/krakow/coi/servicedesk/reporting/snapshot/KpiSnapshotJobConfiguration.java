package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiReport;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiService;

/**
 * The daily KPI snapshot: a Spring Batch job on the platform's repository (ADR 0030), one instance per
 * City Hall day (job parameter {@code day}).
 *
 * <p>Step {@code kpiSnapshotStep}: items are the scopes of the day (every ticket, every ticket but
 * security incidents, then each support unit: the tickets it handled); each is computed from PostgreSQL (the system of record: a snapshot does not depend on the
 * index) and upserted into {@code kpi_snapshot}, five scopes per chunk. Restartable: a failed
 * execution restarted recomputes the day, and the upsert makes rewriting a scope harmless; a completed
 * day is not run again (its job instance is complete). Retry and skip: none; a failure fails the
 * execution, which the next scheduled run or an admin restarts.
 */
@Configuration(proxyBeanMethods = false)
class KpiSnapshotJobConfiguration {

    static final String JOB = "kpiSnapshot";
    static final String STEP = "kpiSnapshotStep";
    static final String DAY = "day";

    @Bean
    Job kpiSnapshotJob(JobRepository jobRepository, Step kpiSnapshotStep) {
        return new JobBuilder(JOB, jobRepository).start(kpiSnapshotStep).build();
    }

    @Bean
    Step kpiSnapshotStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            ListItemReader<String> kpiSnapshotScopes,
            ItemProcessor<String, KpiSnapshots.Snapshot> kpiSnapshotProcessor,
            ItemWriter<KpiSnapshots.Snapshot> kpiSnapshotWriter) {
        return new StepBuilder(STEP, jobRepository)
                .<String, KpiSnapshots.Snapshot>chunk(5)
                .transactionManager(transactionManager)
                .reader(kpiSnapshotScopes)
                .processor(kpiSnapshotProcessor)
                .writer(kpiSnapshotWriter)
                .build();
    }

    /** Every ticket, then each unit that takes tickets. */
    @Bean
    @StepScope
    ListItemReader<String> kpiSnapshotScopes(Organisation organisation) {
        List<String> scopes = new ArrayList<>();
        scopes.add(KpiSnapshots.ALL);
        scopes.add(KpiSnapshots.ALL_BUT_SECURITY);
        for (Unit unit : organisation.units()) {
            if (unit.active() && unit.supportRole() != Unit.SupportRole.NONE) {
                scopes.add(unit.code());
            }
        }
        return new ListItemReader<>(scopes);
    }

    @Bean
    @StepScope
    ItemProcessor<String, KpiSnapshots.Snapshot> kpiSnapshotProcessor(
            KpiService kpis, Clock clock, @Value("#{jobParameters['day']}") LocalDate day) {
        return scope -> {
            KpiQuery query = KpiQuery.of(day, day.plusDays(1));
            KpiReport report;
            if (scope.equals(KpiSnapshots.ALL)) {
                report = kpis.unrestricted(query, KpiService.Source.DATABASE);
            } else if (scope.equals(KpiSnapshots.ALL_BUT_SECURITY)) {
                report = kpis.withoutSecurityIncidents(query);
            } else {
                report = kpis.unrestricted(
                        query.withFilter(KpiQuery.Dimension.UNIT, List.of(scope)), KpiService.Source.DATABASE);
            }
            return new KpiSnapshots.Snapshot(day, scope, SnapshotFigures.of(report), clock.instant());
        };
    }

    @Bean
    @StepScope
    ItemWriter<KpiSnapshots.Snapshot> kpiSnapshotWriter(
            KpiSnapshots snapshots, @Value("#{stepExecution.jobExecutionId}") Long execution) {
        return chunk -> chunk.forEach(snapshot -> snapshots.save(snapshot, execution));
    }
}
