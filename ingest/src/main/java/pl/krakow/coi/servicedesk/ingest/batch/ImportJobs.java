package pl.krakow.coi.servicedesk.ingest.batch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** The import jobs of this application, by name. */
@Component
class ImportJobs {

    private final Map<String, ImportJob> jobs = new TreeMap<>();

    ImportJobs(List<ImportJob> all) {
        all.forEach(job -> jobs.put(job.name(), job));
    }

    public ImportJob require(String name) {
        ImportJob job = jobs.get(name);
        if (job == null) {
            throw ServiceDeskException.invalid(
                    "unknown-job",
                    "There is no import job " + name + "; the jobs are " + String.join(", ", jobs.keySet()));
        }
        return job;
    }

    public List<String> names() {
        return List.copyOf(jobs.keySet());
    }
}
