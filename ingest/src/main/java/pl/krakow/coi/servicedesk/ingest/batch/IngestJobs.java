package pl.krakow.coi.servicedesk.ingest.batch;

import java.io.InputStream;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.ingest.IngestProperties;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The use cases of the batch platform: upload a file, launch a job on it (queued for a worker), follow a
 * run, stop it, restart it, read its skip report. Runs are steered through {@code ingest_run}, so any
 * replica answers for any run.
 */
@Service
class IngestJobs {

    private final IngestFiles files;
    private final IngestRuns runs;
    private final IngestSkips skips;
    private final ImportJobs jobs;
    private final JobRepository repository;
    private final IngestProperties properties;
    private final Clock clock;

    IngestJobs(
            IngestFiles files,
            IngestRuns runs,
            IngestSkips skips,
            ImportJobs jobs,
            JobRepository repository,
            IngestProperties properties,
            Clock clock) {
        this.files = files;
        this.runs = runs;
        this.skips = skips;
        this.jobs = jobs;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts of one step over every execution of the run (a restart counts only what it does itself). */
    public record StepCounts(
            String name,
            String status,
            long read,
            long written,
            long filtered,
            long readSkips,
            long processSkips,
            long writeSkips,
            long commits,
            long rollbacks) {

        public long skipped() {
            return readSkips + processSkips + writeSkips;
        }

        /** The status alone: the counts of a partitioned step are its parts'. */
        StepCounts statusOnly() {
            return new StepCounts(name, status, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * A run as the API shows it.
     *
     * @param read rows read from the file (all executions); {@code skipped} rows skipped (skip report)
     * @param written items written by the job's last step
     * @param progressPercent rows handled (read or skipped) of the rows the file has
     * @param rowsPerSecond rows handled per second by the current (or last) execution
     */
    public record RunView(
            long id,
            String job,
            String status,
            long fileId,
            String filename,
            String sha256,
            Map<String, Object> options,
            int attempt,
            String worker,
            Long jobExecutionId,
            String batchStatus,
            String exitCode,
            String message,
            Long totalRows,
            long read,
            long written,
            long filtered,
            long skipped,
            double progressPercent,
            double rowsPerSecond,
            String requestedBy,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt,
            Instant heartbeatAt,
            List<StepCounts> steps) {}

    public IngestFiles.StoredFile upload(InputStream content, String filename, String contentType, CurrentUser user) {
        requireImporter(user);
        if (filename == null || filename.isBlank() || filename.length() > 255) {
            throw ServiceDeskException.invalid("filename-required", "Name the file (filename, 1 to 255 characters)");
        }
        return files.store(
                content,
                filename.strip(),
                contentType,
                properties.maxFileSize().toBytes(),
                user.username(),
                clock.instant());
    }

    /**
     * Queues a run of {@code jobName} on a stored file, after checking its header and encoding (400) and that
     * the same job does not already run on the same content (409).
     */
    public RunView launch(String jobName, long fileId, Map<String, Object> options, CurrentUser user) {
        ImportJob job = jobs.require(jobName);
        requireRole(job, user);
        IngestFiles.StoredFile file =
                files.find(fileId).orElseThrow(() -> ServiceDeskException.notFound("File", fileId));
        Map<String, Object> opts = options == null ? Map.of() : options;
        job.checkOptions(opts);
        CsvFiles.checkHead(files.head(fileId, 64 * 1024), job.layout(), job.columnMapping(opts));
        try {
            long id = runs.queue(job.name(), fileId, file.sha256(), opts, user.username(), clock.instant());
            return view(runs.find(id).orElseThrow());
        } catch (DuplicateKeyException e) {
            IngestRuns.Run active = runs.active(job.name(), file.sha256()).orElse(null);
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "run-in-progress",
                    "Run in progress",
                    "Job " + job.name() + " already runs on this file (same content)"
                            + (active == null ? "" : ": run " + active.id() + " is " + active.status()),
                    active == null ? Map.of() : Map.of("runId", active.id()));
        }
    }

    public RunView status(long runId, CurrentUser user) {
        IngestRuns.Run run = require(runId);
        requireReader(run, user);
        return view(run);
    }

    public List<RunView> recent(String job, int limit, CurrentUser user) {
        if (limit < 1 || limit > 100) {
            throw ServiceDeskException.invalid("invalid-page-size", "limit is 1 to 100");
        }
        requireImporterOrManager(user);
        return runs.recent(job, limit).stream().map(this::view).toList();
    }

    /** Stops a run: a queued one at once, a running one at its next chunk (its worker ends it STOPPED). */
    public RunView stop(long runId, CurrentUser user) {
        IngestRuns.Run run = require(runId);
        requireRole(jobs.require(run.job()), user);
        if (runs.stopQueued(runId, clock.instant())) {
            return view(require(runId));
        }
        // Whatever the run was when read above: a worker may have claimed it since (QUEUED → RUNNING).
        if (!runs.stopping(runId)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "run-not-running",
                    "Run not running",
                    "Run " + runId + " is " + require(runId).status());
        }
        // The run's row says STOPPING; the job reads it in each chunk's fence and ends STOPPED after that chunk
        // (RunFence). JobOperator.stop is not used: it and the job's own start update the execution's row under
        // optimistic locking, and whichever loses either drops the stop or fails the run.
        return view(require(runId));
    }

    /** Queues a failed or stopped run again: a worker restarts it from its last committed chunk. */
    public RunView restart(long runId, CurrentUser user) {
        IngestRuns.Run run = require(runId);
        requireRole(jobs.require(run.job()), user);
        if (run.jobExecutionId() != null) {
            JobExecution execution = repository.getJobExecution(run.jobExecutionId());
            if (execution != null && execution.getStatus() == BatchStatus.COMPLETED) {
                throw notRestartable(run);
            }
        }
        try {
            if (!runs.requeue(runId, clock.instant())) {
                throw notRestartable(run);
            }
        } catch (DuplicateKeyException e) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "run-in-progress",
                    "Run in progress",
                    "Another run of " + run.job() + " on the same file is active; stop it first");
        }
        return view(require(runId));
    }

    public void skipReport(long runId, Writer out, CurrentUser user) {
        IngestRuns.Run run = require(runId);
        requireReader(run, user);
        skips.writeCsv(runId, out);
    }

    private static ServiceDeskException notRestartable(IngestRuns.Run run) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.CONFLICT,
                "run-not-restartable",
                "Run cannot be restarted",
                "Run " + run.id() + " is " + run.status() + "; only a failed or stopped run is restarted");
    }

    RunView view(IngestRuns.Run run) {
        IngestFiles.StoredFile file = files.find(run.fileId()).orElse(null);
        List<StepCounts> steps = new ArrayList<>();
        JobExecution latest = null;
        List<JobExecution> executions = new ArrayList<>();
        if (run.jobInstanceId() != null) {
            JobInstance instance = repository.getJobInstance(run.jobInstanceId());
            if (instance != null) {
                executions.addAll(repository.getJobExecutions(instance));
                executions.sort(Comparator.comparing(JobExecution::getId));
                // The parts of a partitioned step ("step:part0", …) count as the step; the partitioned step's own
                // execution adds only its status (its counts are the parts' sum).
                Map<String, StepCounts> byStep = new LinkedHashMap<>();
                for (JobExecution execution : executions) {
                    latest = execution;
                    List<StepExecution> ordered = ordered(execution);
                    for (StepExecution s : ordered) {
                        if (!partitioned(s, ordered)) {
                            byStep.merge(step(s), counts(s), IngestJobs::add);
                        }
                    }
                    for (StepExecution s : ordered) {
                        if (partitioned(s, ordered)) {
                            byStep.merge(step(s), counts(s).statusOnly(), IngestJobs::add);
                        }
                    }
                }
                steps.addAll(byStep.values());
            }
        }
        StepCounts first = steps.isEmpty() ? null : steps.get(0);
        StepCounts last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        long read = first == null ? 0 : first.read();
        long skipped = steps.stream().mapToLong(StepCounts::skipped).sum();
        long handled = read + (first == null ? 0 : first.readSkips());
        if (latest != null && first != null) {
            // Rows consumed up to the last commit, kept by the reader of each part: a chunk that was rolled back
            // and read again by a restart counts once. A part that a restart did not run again kept its count in
            // an earlier execution.
            Map<String, Long> consumedByPart = new LinkedHashMap<>();
            for (JobExecution execution : executions) {
                for (StepExecution s : ordered(execution)) {
                    if (step(s).equals(first.name()) && s.getExecutionContext().containsKey(CsvRowReader.CONSUMED)) {
                        consumedByPart.put(
                                s.getStepName(), s.getExecutionContext().getLong(CsvRowReader.CONSUMED));
                    }
                }
            }
            if (!consumedByPart.isEmpty()) {
                long consumed = consumedByPart.values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                handled = consumed;
                read = Math.max(0, consumed - first.readSkips());
            }
        }
        double progress;
        if (run.status() == IngestRuns.Status.COMPLETED) {
            progress = 100.0;
        } else if (run.totalRows() == null || run.totalRows() == 0) {
            progress = 0.0;
        } else {
            progress = Math.min(100.0, Math.round(1000.0 * handled / run.totalRows()) / 10.0);
        }
        double rate = 0;
        if (latest != null && !latest.getStepExecutions().isEmpty()) {
            List<StepExecution> ordered = ordered(latest);
            StepExecution step = ordered.get(0);
            LocalDateTime start = step.getStartTime();
            LocalDateTime end = step.getEndTime() != null ? step.getEndTime() : LocalDateTime.now();
            long rows = ordered.stream()
                    .filter(s -> step(s).equals(step(step)) && !partitioned(s, ordered))
                    .mapToLong(s -> s.getReadCount() + s.getReadSkipCount())
                    .sum();
            if (start != null) {
                double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
                rate = Math.round(rows / seconds * 10) / 10.0;
            }
        }
        return new RunView(
                run.id(),
                run.job(),
                run.status().name(),
                run.fileId(),
                file == null ? null : file.filename(),
                run.sha256(),
                run.options(),
                run.attempt(),
                run.worker(),
                run.jobExecutionId(),
                latest == null ? null : latest.getStatus().name(),
                latest == null ? null : latest.getExitStatus().getExitCode(),
                run.message(),
                run.totalRows(),
                read,
                last == null ? 0 : last.written(),
                steps.stream().mapToLong(StepCounts::filtered).sum(),
                skipped,
                progress,
                rate,
                run.requestedBy(),
                run.queuedAt(),
                run.startedAt(),
                run.finishedAt(),
                run.heartbeatAt(),
                steps);
    }

    private static List<StepExecution> ordered(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .toList();
    }

    /** The step a step execution counts for: a part of a partitioned step counts for that step. */
    private static String step(StepExecution s) {
        String name = s.getStepName();
        int part = name.indexOf(':');
        return part < 0 ? name : name.substring(0, part);
    }

    /** Whether the execution is a partitioned step's own, next to its parts' executions. */
    private static boolean partitioned(StepExecution s, List<StepExecution> executions) {
        String prefix = s.getStepName() + ":";
        return executions.stream().anyMatch(other -> other.getStepName().startsWith(prefix));
    }

    private static StepCounts counts(StepExecution s) {
        return new StepCounts(
                step(s),
                s.getStatus().name(),
                s.getReadCount(),
                s.getWriteCount(),
                s.getFilterCount(),
                s.getReadSkipCount(),
                s.getProcessSkipCount(),
                s.getWriteSkipCount(),
                s.getCommitCount(),
                s.getRollbackCount());
    }

    private static StepCounts add(StepCounts a, StepCounts b) {
        return new StepCounts(
                a.name(),
                b.status(),
                a.read() + b.read(),
                a.written() + b.written(),
                a.filtered() + b.filtered(),
                a.readSkips() + b.readSkips(),
                a.processSkips() + b.processSkips(),
                a.writeSkips() + b.writeSkips(),
                a.commits() + b.commits(),
                a.rollbacks() + b.rollbacks());
    }

    static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private IngestRuns.Run require(long runId) {
        return runs.find(runId).orElseThrow(() -> ServiceDeskException.notFound("Run", runId));
    }

    private static void requireRole(ImportJob job, CurrentUser user) {
        if (!user.has(Role.ADMIN) && job.roles().stream().noneMatch(user::has)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Job " + job.name() + " is run by " + job.roles() + " or an admin");
        }
    }

    private void requireReader(IngestRuns.Run run, CurrentUser user) {
        if (!user.has(Role.MANAGER)) {
            requireRole(jobs.require(run.job()), user);
        }
    }

    private static void requireImporter(CurrentUser user) {
        if (!user.hasAny(Role.ADMIN, Role.CMDB_ADMIN, Role.LICENCE_ADMIN, Role.INTEGRATION)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Files are uploaded by admins, the CMDB and licence admins and integrations");
        }
    }

    private static void requireImporterOrManager(CurrentUser user) {
        if (!user.has(Role.MANAGER)) {
            requireImporter(user);
        }
    }
}
