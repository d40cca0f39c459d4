package pl.krakow.coi.servicedesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import tools.jackson.databind.JsonNode;

/** The batch platform's API as tests use it: upload, launch, wait, read the skip report. */
public final class IngestCalls {

    private final Api api;
    private final JsonCalls json;

    public IngestCalls(Api api) {
        this.api = api;
        this.json = new JsonCalls(api);
    }

    public JsonCalls json() {
        return json;
    }

    public long upload(CurrentUser user, String filename, byte[] content) {
        var result = api.as(user)
                .post()
                .uri("/api/v1/ingest/files?filename={name}", filename)
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(content)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return result.get("id").asLong();
    }

    public long upload(CurrentUser user, String filename, String content) {
        return upload(user, filename, content.getBytes(StandardCharsets.UTF_8));
    }

    public JsonCalls.Response launch(CurrentUser user, String job, long fileId, Map<String, Object> options) {
        return json.post(user, "/api/v1/ingest/runs", Map.of("job", job, "fileId", fileId, "options", options));
    }

    /** Uploads and launches; the run's id. */
    public long start(CurrentUser user, String job, String filename, String content, Map<String, Object> options) {
        long file = upload(user, filename, content);
        return launch(user, job, file, options).expect(202).id();
    }

    public JsonNode run(CurrentUser user, long runId) {
        return json.get(user, "/api/v1/ingest/runs/{id}", runId).expect(200).body();
    }

    /** Waits until the run is COMPLETED, FAILED or STOPPED; its final view. */
    public JsonNode await(CurrentUser user, long runId) {
        return await(user, runId, Duration.ofSeconds(120));
    }

    public JsonNode await(CurrentUser user, long runId, Duration timeout) {
        return await(user, runId, timeout, Duration.ofMillis(200));
    }

    /** Waits, asking every {@code poll}, until the run is COMPLETED, FAILED or STOPPED; its final view. */
    public JsonNode await(CurrentUser user, long runId, Duration timeout, Duration poll) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(timeout).pollInterval(poll).until(() -> {
            last[0] = run(user, runId);
            String status = last[0].get("status").asString();
            return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("STOPPED");
        });
        return last[0];
    }

    public JsonNode completed(CurrentUser user, long runId) {
        JsonNode run = await(user, runId);
        assertThat(run.get("status").asString()).as("run %s", run).isEqualTo("COMPLETED");
        return run;
    }

    public String skipReport(CurrentUser user, long runId) {
        return api.as(user)
                .get()
                .uri("/api/v1/ingest/runs/{id}/skips", runId)
                .accept(MediaType.parseMediaType("text/csv"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
