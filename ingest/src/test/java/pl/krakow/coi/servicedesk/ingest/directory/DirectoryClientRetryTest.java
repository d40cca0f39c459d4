package pl.krakow.coi.servicedesk.ingest.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory client's retries over real HTTP (WireMock), run by Spring Framework's retry support (ADR
 * 0081): 5xx retried with backoff up to the configured attempts, a 4xx never.
 */
@ExtendWith(OutputCaptureExtension.class)
class DirectoryClientRetryTest {

    static final String ONE_UNIT = "{\"items\": [{\"code\": \"RT-01\", \"name\": \"Referat Testowy\"}],"
            + " \"page\": 0, \"size\": 500, \"totalPages\": 1}";

    @RegisterExtension
    static WireMockExtension directory = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void twoServiceUnavailableAnswersAreRetriedThenThePageIsRead(CapturedOutput output) {
        directory.stubFor(get(urlPathEqualTo("/units"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("still down"));
        directory.stubFor(get(urlPathEqualTo("/units"))
                .inScenario("flaky")
                .whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        directory.stubFor(get(urlPathEqualTo("/units"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson(ONE_UNIT)));

        long start = System.nanoTime();
        List<JsonNode> units = client(4, Duration.ofMillis(100)).all("units");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(units).hasSize(1);
        assertThat(units.get(0).get("code").asString()).isEqualTo("RT-01");
        directory.verify(3, getRequestedFor(urlPathEqualTo("/units")));
        assertThat(took).as("100 ms, then 200 ms of backoff").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // Logged by the listener of the RetryTemplate: the retries are the library's.
        assertThat(output.getAll())
                .contains("failed (attempt 1 of 4): HTTP 503; retrying")
                .contains("failed (attempt 2 of 4)")
                .doesNotContain("failed (attempt 3 of 4)");
    }

    @Test
    void aBadRequestIsNotRetriedAndSaysWhatTheDirectoryAnswered() {
        directory.stubFor(get(urlPathEqualTo("/units")).willReturn(aResponse().withStatus(400)));

        assertThatThrownBy(() -> client(4, Duration.ofMillis(100)).all("units"))
                .isExactlyInstanceOf(DirectoryClient.DirectoryUnavailable.class)
                .hasMessageContaining("The directory refused")
                .hasMessageContaining("/units?page=0")
                .hasMessageContaining("HTTP 400");
        directory.verify(1, getRequestedFor(urlPathEqualTo("/units")));
    }

    @Test
    void aDirectoryThatStaysUnavailableIsGivenUpAfterTheConfiguredAttempts() {
        directory.stubFor(get(urlPathEqualTo("/units")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client(3, Duration.ofMillis(50)).all("units"))
                .isExactlyInstanceOf(DirectoryClient.DirectoryUnavailable.class)
                .hasMessageContaining("did not answer")
                .hasMessageEndingWith("after 3 attempts: HTTP 503")
                .hasCauseInstanceOf(DirectoryClient.Transient.class);
        directory.verify(3, getRequestedFor(urlPathEqualTo("/units")));
    }

    @Test
    void theRetryPolicyRetriesTransportFailuresAndServerErrorsOnly() {
        var policy = DirectoryClient.retryPolicy(properties(4, Duration.ofSeconds(1)));
        assertThat(policy.shouldRetry(new java.net.http.HttpTimeoutException("request timed out")))
                .isTrue();
        assertThat(policy.shouldRetry(new java.net.ConnectException("Connection refused")))
                .isTrue();
        assertThat(policy.shouldRetry(new DirectoryClient.Transient("HTTP 429")))
                .isTrue();
        assertThat(policy.shouldRetry(new DirectoryClient.DirectoryUnavailable("HTTP 401", null)))
                .isFalse();
        assertThat(policy.shouldRetry(new DirectoryClient.DirectoryMalformed("no items", null)))
                .isFalse();
        // 1 s, 2 s, 4 s: the documented backoff (docs/ingest/directory.md).
        var backOff = policy.getBackOff().start();
        assertThat(List.of(backOff.nextBackOff(), backOff.nextBackOff(), backOff.nextBackOff()))
                .containsExactly(1000L, 2000L, 4000L);
    }

    private static DirectoryClient client(int maxAttempts, Duration backoff) {
        return new DirectoryClient(
                properties(maxAttempts, backoff), JsonMapper.builder().build());
    }

    private static DirectoryProperties properties(int maxAttempts, Duration backoff) {
        return new DirectoryProperties(
                URI.create(directory.baseUrl() + "/"),
                null,
                null,
                Duration.ofSeconds(5),
                // Generous: a slow first answer on a busy machine would be a timeout, retried too.
                Duration.ofSeconds(15),
                maxAttempts,
                backoff,
                null);
    }
}
