package pl.krakow.coi.servicedesk.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * The job repository on PostgreSQL under concurrency (ADR 0062): jobs started from several threads while others
 * run all complete (with Spring Batch's SERIALIZABLE default, a job's thread creating its step execution while
 * another thread created a job execution aborted at random and failed that job), and two executions of one
 * instance cannot run at once even when both got past Spring Batch's own check.
 */
@IntegrationTest
class BatchRepositoryConcurrencyIT {

    @Autowired
    JobOperator operator;

    @Autowired
    JobRepository repository;

    @Autowired
    Job concurrencyProbe;

    @Test
    void jobsStartedWhileOthersRunAllComplete() throws Exception {
        List<Long> ids = new ArrayList<>();
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> started = IntStream.range(0, 45)
                    .mapToObj(i -> starters.submit(() -> operator.start(
                                    concurrencyProbe,
                                    new JobParametersBuilder()
                                            .addLong("probe", (long) i)
                                            .toJobParameters())
                            .getId()))
                    .toList();
            for (Future<Long> id : started) {
                ids.add(id.get());
            }
        } finally {
            starters.shutdown();
        }
        for (long id : ids) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !repository.getJobExecution(id).isRunning());
            JobExecution execution = repository.getJobExecution(id);
            assertThat(execution.getStatus())
                    .as("execution %d: %s", id, execution.getExitStatus().getExitDescription())
                    .isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getStepExecutions().iterator().next().getWriteCount())
                    .isEqualTo(40);
        }
    }

    @Test
    void aSecondRunningExecutionOfOneInstanceIsRefusedByTheDatabase() {
        JobParameters parameters =
                new JobParametersBuilder().addString("probe", "twice").toJobParameters();
        JobInstance instance = repository.createJobInstance("concurrencyProbe", parameters);
        // Two launchers that both found no running execution (the race Spring Batch's check cannot close
        // outside SERIALIZABLE) both create one: the second is refused.
        JobExecution first = repository.createJobExecution(instance, parameters, new ExecutionContext());
        assertThat(first.getStatus()).isEqualTo(BatchStatus.STARTING);
        assertThatThrownBy(() -> repository.createJobExecution(instance, parameters, new ExecutionContext()))
                .isInstanceOf(DataIntegrityViolationException.class);

        // Once the first has ended, the instance may run again (a restart).
        first.setStatus(BatchStatus.FAILED);
        first.setEndTime(java.time.LocalDateTime.now());
        repository.update(first);
        assertThat(repository.createJobExecution(instance, parameters, new ExecutionContext()))
                .extracting(JobExecution::getStatus)
                .isEqualTo(BatchStatus.STARTING);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Jobs {

        /** Forty items in chunks of two: twenty chunk transactions, each updating the step execution. */
        @Bean
        Job concurrencyProbe(
                JobRepository jobRepository,
                PlatformTransactionManager transactionManager,
                ListItemReader<Integer> concurrencyProbeItems) {
            return new JobBuilder("concurrencyProbe", jobRepository)
                    .start(new StepBuilder("concurrencyProbeStep", jobRepository)
                            .<Integer, Integer>chunk(2)
                            .transactionManager(transactionManager)
                            .reader(concurrencyProbeItems)
                            .writer(chunk -> {})
                            .build())
                    .build();
        }

        @Bean
        @StepScope
        ListItemReader<Integer> concurrencyProbeItems() {
            return new ListItemReader<>(IntStream.range(0, 40).boxed().toList());
        }
    }
}
