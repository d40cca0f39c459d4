package pl.krakow.coi.servicedesk.platform.batch;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.configuration.support.ScopeConfiguration;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Isolation;

/**
 * The Spring Batch infrastructure, wired by hand: Spring Boot 4.1 has no batch module on the mirror
 * we build from (ADR 0001, ADR 0030).
 *
 * <ul>
 *   <li>{@link JobRepository}: JDBC, on the application's PostgreSQL; the schema is the Flyway
 *       migration {@code V90__batch_job_repository.sql}, so several replicas share one repository.
 *   <li>{@link JobRegistry}: every {@code Job} bean of the context, registered by name, so that an
 *       execution can be restarted by its id.
 *   <li>{@code JobOperator}: starts jobs asynchronously on the {@code batchJobLauncher} threads, and
 *       stops, restarts, abandons and recovers them.
 *   <li>Step and job scopes ({@code @StepScope}, {@code @JobScope}).
 * </ul>
 *
 * Jobs are defined by each capability in a {@code @Configuration} of their own, with {@code
 * JobBuilder}/{@code StepBuilder} and this repository.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchProperties.class)
@Import(ScopeConfiguration.class)
class BatchConfiguration {

    @Bean
    JdbcJobRepositoryFactoryBean jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactionManager);
        factory.setDatabaseType("POSTGRES");
        // Not SERIALIZABLE (Spring Batch's default for create*, which since 6.0 includes createStepExecution on
        // the job's own thread): on PostgreSQL those transactions abort at random when jobs start while others
        // run. One running execution per instance is a unique index instead (V91, ADR 0062); one instance per
        // name and key was always one (JOB_INST_UN).
        factory.setIsolationLevelForCreateEnum(Isolation.READ_COMMITTED);
        return factory;
    }

    @Bean
    MapJobRegistry jobRegistry() {
        return new MapJobRegistry();
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor batchJobLauncher(BatchProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("batch-job-");
        executor.setCorePoolSize(properties.launcherThreads());
        executor.setMaxPoolSize(properties.launcherThreads());
        executor.setQueueCapacity(100);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationMillis(properties.shutdownWait().toMillis());
        return executor;
    }

    @Bean
    JobOperatorFactoryBean jobOperator(
            JobRepository jobRepository,
            JobRegistry jobRegistry,
            PlatformTransactionManager transactionManager,
            ThreadPoolTaskExecutor batchJobLauncher) {
        JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
        factory.setJobRepository(jobRepository);
        factory.setJobRegistry(jobRegistry);
        factory.setTransactionManager(transactionManager);
        factory.setTaskExecutor(batchJobLauncher);
        return factory;
    }
}
