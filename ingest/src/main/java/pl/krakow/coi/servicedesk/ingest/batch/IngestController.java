package pl.krakow.coi.servicedesk.ingest.batch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * The batch platform's REST API: upload a file, launch a job on it, follow, stop and restart the run,
 * download its skip report (docs/ingest/README.md).
 */
@RestController
@RequestMapping("/api/v1/ingest")
class IngestController {

    private final IngestJobs ingest;
    private final ImportJobs jobs;
    private final CurrentUsers users;

    IngestController(IngestJobs ingest, ImportJobs jobs, CurrentUsers users) {
        this.ingest = ingest;
        this.jobs = jobs;
        this.users = users;
    }

    /** A launch: which job, on which uploaded file, with which options. */
    record Launch(String job, Long fileId, Map<String, Object> options) {}

    @GetMapping("/jobs")
    List<String> jobs() {
        return jobs.names();
    }

    /** Uploads a file as the raw request body (any content type), streamed into PostgreSQL. */
    @PostMapping(value = "/files", consumes = MediaType.ALL_VALUE)
    ResponseEntity<IngestFiles.StoredFile> upload(@RequestParam String filename, HttpServletRequest request)
            throws IOException {
        IngestFiles.StoredFile file =
                ingest.upload(request.getInputStream(), filename, request.getContentType(), users.current());
        return ResponseEntity.created(URI.create("/api/v1/ingest/files/" + file.id()))
                .body(file);
    }

    @PostMapping(value = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IngestJobs.RunView> launch(@RequestBody Launch launch) {
        if (launch.job() == null || launch.fileId() == null) {
            throw pl.krakow.coi.servicedesk.platform.ServiceDeskException.invalid(
                    "launch-incomplete", "Name the job and the uploaded file (job, fileId)");
        }
        IngestJobs.RunView run = ingest.launch(launch.job(), launch.fileId(), launch.options(), users.current());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/ingest/runs/" + run.id()))
                .body(run);
    }

    @GetMapping("/runs")
    List<IngestJobs.RunView> runs(
            @RequestParam(required = false) String job, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 1000) {
            throw pl.krakow.coi.servicedesk.platform.ServiceDeskException.invalid(
                    "invalid-limit", "limit must be between 1 and 1000");
        }
        return ingest.recent(job, limit, users.current());
    }

    @GetMapping("/runs/{id}")
    IngestJobs.RunView run(@PathVariable long id) {
        return ingest.status(id, users.current());
    }

    @PostMapping("/runs/{id}/stop")
    IngestJobs.RunView stop(@PathVariable long id) {
        return ingest.stop(id, users.current());
    }

    @PostMapping("/runs/{id}/restart")
    ResponseEntity<IngestJobs.RunView> restart(@PathVariable long id) {
        return ResponseEntity.accepted().body(ingest.restart(id, users.current()));
    }

    /** The skip report as CSV: row, field, value, reason. */
    @GetMapping("/runs/{id}/skips")
    void skips(@PathVariable long id, HttpServletResponse response) throws IOException {
        var user = users.current();
        ingest.status(id, user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"run-" + id + "-skips.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        ingest.skipReport(id, out, user);
    }
}
