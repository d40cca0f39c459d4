package pl.krakow.coi.servicedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A full reindex through the API, as an admin starts one, waited for until it completes. */
public final class Reindexing {

    private Reindexing() {}

    /**
     * Waits for the search to be up, starts a reindex and waits until it has completed; fails at once if it
     * fails, is stopped or abandoned.
     */
    public static void runToCompletion(Api api, Duration timeout) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.as(TestUsers.admin("admin"))
                        .get()
                        .uri("/api/v1/search/status")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
        long execution = api.as(TestUsers.admin("admin"))
                .post()
                .uri("/api/v1/search/reindex")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("executionId")
                .asLong();
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String status = api.as(TestUsers.admin("admin"))
                    .get()
                    .uri("/api/v1/search/reindex/" + execution)
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("status")
                    .asString();
            assertThat(status).isNotIn("FAILED", "ABANDONED", "STOPPED");
            return status.equals("COMPLETED");
        });
    }
}
