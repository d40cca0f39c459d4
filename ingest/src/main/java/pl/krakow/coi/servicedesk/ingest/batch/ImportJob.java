package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.job.Job;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * An import the platform can launch on an uploaded CSV file: each job's {@code @Configuration} defines
 * one as a bean. The platform checks the file's header against {@link #layout()} before queueing a run.
 */
public interface ImportJob {

    /** The job's name in the API ({@code asset-import}); also its Spring Batch job name. */
    String name();

    Job job();

    CsvLayout layout();

    /** Who may launch it (admins may launch every job). */
    Set<Role> roles();

    /** Our column name → the file's, from the run's options (a configurable column mapping). */
    default Map<String, String> columnMapping(Map<String, Object> options) {
        return Map.of();
    }

    /** Refuses options the job cannot work with (400), before the run is queued. */
    default void checkOptions(Map<String, Object> options) {}

    /** The job parameter that names the run. */
    String RUN = "run";

    /** An import with the default column mapping and options. */
    static ImportJob of(String name, Job job, CsvLayout layout, Role... roles) {
        Set<Role> allowed = Set.of(roles);
        return new ImportJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Job job() {
                return job;
            }

            @Override
            public CsvLayout layout() {
                return layout;
            }

            @Override
            public Set<Role> roles() {
                return allowed;
            }
        };
    }
}
