package pl.krakow.coi.servicedesk.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * Starts and steers full reindexes (admin operations): start, status, stop, restart, abandon. One
 * reindex runs at a time across all replicas.
 */
@Service
class Reindexing {

    private static final Logger log = LoggerFactory.getLogger(Reindexing.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final Reindexes reindexes;
    private final TicketIndex index;
    private final SearchProperties properties;
    private final Clock clock;

    Reindexing(
            JobOperator operator,
            JobRepository repository,
            Job ticketReindexJob,
            Reindexes reindexes,
            TicketIndex index,
            SearchProperties properties,
            Clock clock) {
        this.operator = operator;
        this.repository = repository;
        this.job = ticketReindexJob;
        this.reindexes = reindexes;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    /** The state of one reindex job execution, with the counts of its copy ranges. */
    record ReindexStatus(
            long executionId,
            String status,
            String exitCode,
            String exitMessage,
            Instant startedAt,
            Instant endedAt,
            Long reindexId,
            String targetIndex,
            String reindexState,
            long ticketsRead,
            long ticketsWritten,
            List<StepStatus> steps) {}

    record StepStatus(String name, String status, long read, long written, long commits, long rollbacks) {}

    ReindexStatus start(CurrentUser user) {
        reindexes.running().ifPresent(running -> {
            throw ReindexSteps.reindexRunning(running);
        });
        JobParameters parameters = new JobParametersBuilder()
                .addString(ReindexSteps.REQUESTED_BY, user.username(), false)
                .addLong("requestedAt", clock.millis())
                .toJobParameters();
        try {
            JobExecution execution = operator.start(job, parameters);
            log.info("Reindex requested by {}: job execution {}", user.username(), execution.getId());
            return status(execution.getId());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the reindex job: " + e.getMessage(), e);
        }
    }

    ReindexStatus status(long executionId) {
        JobExecution execution = execution(executionId);
        Optional<Reindexes.Reindex> reindex = reindexes.forJobInstance(execution.getJobInstanceId());
        List<StepStatus> steps = allStepExecutions(execution).stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new StepStatus(
                        s.getStepName(),
                        s.getStatus().name(),
                        s.getReadCount(),
                        s.getWriteCount(),
                        s.getCommitCount(),
                        s.getRollbackCount()))
                .toList();
        // Counts of the copy ranges over every execution of this job instance: a restarted range
        // resumes after its last committed chunk and counts only what it does itself.
        long read = 0;
        long written = 0;
        for (StepStatus step : steps) {
            if (step.name().startsWith(ReindexJobConfiguration.COPY_WORKER + ":")) {
                read += step.read();
                written += step.written();
            }
        }
        return new ReindexStatus(
                execution.getId(),
                execution.getStatus().name(),
                execution.getExitStatus().getExitCode(),
                execution.getExitStatus().getExitDescription(),
                instant(execution.getStartTime()),
                instant(execution.getEndTime()),
                reindex.map(Reindexes.Reindex::id).orElse(null),
                reindex.map(Reindexes.Reindex::targetIndex).orElse(null),
                reindex.map(r -> r.status().name()).orElse(null),
                read,
                written,
                steps);
    }

    ReindexStatus stop(long executionId) {
        JobExecution execution = execution(executionId);
        try {
            operator.stop(execution);
        } catch (Exception e) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "reindex-not-running",
                    "Reindex not running",
                    "Job execution " + executionId + " is " + execution.getStatus());
        }
        return status(executionId);
    }

    /**
     * Restarts a failed or stopped reindex where it stopped. An execution still marked running whose
     * heartbeat is older than {@code reindex.stale-after} (its replica died) is marked failed first.
     */
    ReindexStatus restart(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution.getStatus() == BatchStatus.ABANDONED || execution.getStatus() == BatchStatus.COMPLETED) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "reindex-not-restartable",
                    "Reindex cannot be restarted",
                    "Job execution " + executionId + " is " + execution.getStatus() + "; start a new reindex");
        }
        if (execution.getStatus().isRunning()) {
            Optional<Reindexes.Reindex> reindex = reindexes.forJobInstance(execution.getJobInstanceId());
            boolean stale = reindex.map(r -> Duration.between(r.heartbeatAt(), clock.instant())
                                    .compareTo(properties.reindex().staleAfter())
                            > 0)
                    .orElse(true);
            if (!stale) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.CONFLICT,
                        "reindex-still-running",
                        "Reindex still running",
                        "Job execution " + executionId + " is running (last heartbeat within "
                                + properties.reindex().staleAfter() + "); stop it first");
            }
            log.warn("Job execution {} was left running by a replica that is gone; marking it failed", executionId);
            execution = operator.recover(execution);
        }
        try {
            JobExecution restarted = operator.restart(execution);
            return status(restarted.getId());
        } catch (Exception e) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "reindex-not-restartable",
                    "Reindex cannot be restarted",
                    "Job execution " + executionId + " (" + execution.getStatus() + ") cannot be restarted: "
                            + e.getMessage());
        }
    }

    /** Gives a failed or stopped reindex up: the new index is deleted, the current one stays. */
    ReindexStatus abandon(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution.getStatus().isRunning()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "reindex-still-running",
                    "Reindex still running",
                    "Stop job execution " + executionId + " before abandoning it");
        }
        Optional<Reindexes.Reindex> reindex = reindexes.forJobInstance(execution.getJobInstanceId());
        if (reindex.isPresent() && reindex.get().status() == Reindexes.Status.COMPLETED) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "reindex-completed",
                    "Reindex completed",
                    "Reindex " + reindex.get().id() + " completed; there is nothing to abandon");
        }
        try {
            if (execution.getStatus() != BatchStatus.ABANDONED) {
                operator.abandon(execution);
            }
            if (reindex.isPresent()) {
                // First stop the relay writing to it, then delete it.
                reindexes.finish(reindex.get().id(), Reindexes.Status.ABANDONED, clock.instant());
                index.delete(reindex.get().targetIndex());
            }
        } catch (IOException e) {
            throw SearchUnavailable.because(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot abandon job execution " + executionId + ": " + e.getMessage(), e);
        }
        return status(executionId);
    }

    private JobExecution execution(long executionId) {
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null || !execution.getJobInstance().getJobName().equals(ReindexJobConfiguration.JOB)) {
            throw ServiceDeskException.notFound("Reindex job execution", executionId);
        }
        return execution;
    }

    private List<StepExecution> allStepExecutions(JobExecution execution) {
        return repository.getJobExecutions(execution.getJobInstance()).stream()
                .flatMap(e -> e.getStepExecutions().stream())
                .toList();
    }

    private static Instant instant(java.time.LocalDateTime time) {
        return time == null
                ? null
                : time.atZone(java.time.ZoneId.systemDefault()).toInstant();
    }
}
