package pl.krakow.coi.servicedesk.ingest.directory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the directory's paginated collections ({@code /units}, {@code /people}): every page, with a timeout
 * per request and retries with exponential backoff on timeouts, connection failures, 5xx and 429 (Spring
 * Framework's {@link RetryTemplate}, ADR 0081). A malformed answer or a 4xx fails the read at once: a sync
 * never works from a partial directory.
 */
class DirectoryClient {

    private static final Logger log = LoggerFactory.getLogger(DirectoryClient.class);

    /** The directory could not be read. */
    static class DirectoryUnavailable extends RuntimeException {
        DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The directory answered, but not in the contract's shape (docs/ingest/directory.md). */
    static class DirectoryMalformed extends DirectoryUnavailable {
        DirectoryMalformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DirectoryProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private final RetryTemplate retry;

    DirectoryClient(DirectoryProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retry = new RetryTemplate(retryPolicy(properties));
        this.retry.setRetryListener(new LogRetries(properties.maxAttempts()));
    }

    /**
     * Every item of a collection, page by page: each page an object with an {@code items} array of objects
     * and a whole {@code totalPages}; anything else is malformed (a sync must not work from a directory it
     * misread: people it missed would be deactivated).
     */
    List<JsonNode> all(String collection) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < 100_000; page++) {
            JsonNode answer = page(collection, page);
            String where = "page " + page + " of " + collection;
            JsonNode pageItems = answer.get("items");
            if (!answer.isObject() || pageItems == null || !pageItems.isArray()) {
                throw new DirectoryMalformed("The directory's " + where + " has no items array", null);
            }
            for (JsonNode item : pageItems) {
                if (!item.isObject()) {
                    throw new DirectoryMalformed(
                            "The directory's " + where + " has an item that is not an object: "
                                    + abbreviate(item.toString()),
                            null);
                }
                items.add(item);
            }
            JsonNode totalPages = answer.get("totalPages");
            if (totalPages == null || !totalPages.isIntegralNumber() || totalPages.asLong() < 0) {
                throw new DirectoryMalformed("The directory's " + where + " has no whole totalPages", null);
            }
            if (pageItems.isEmpty() || page + 1 >= totalPages.asLong()) {
                return items;
            }
        }
        throw new DirectoryMalformed("The directory's " + collection + " do not end", null);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private JsonNode page(String collection, int page) {
        URI uri = URI.create(properties.baseUrl().toString().replaceAll("/$", "") + "/" + collection + "?page=" + page
                + "&size=" + properties.pageSize());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Accept", "application/json")
                .GET();
        if (properties.token() != null && !properties.token().isBlank()) {
            request.header("Authorization", "Bearer " + properties.token());
        }
        HttpRequest get = request.build();
        try {
            return retry.execute(new Retryable<JsonNode>() {
                @Override
                public JsonNode execute() throws IOException, InterruptedException {
                    return read(uri, get);
                }

                @Override
                public String getName() {
                    return uri.toString();
                }
            });
        } catch (RetryException e) {
            if (e.getLastException() instanceof DirectoryUnavailable refused) {
                throw refused; // not retried: a refusal or a malformed answer
            }
            if (e.getLastException() instanceof InterruptedException
                    || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw new DirectoryUnavailable("Interrupted", e);
            }
            throw new DirectoryUnavailable(
                    "The directory did not answer " + uri + " after " + (e.getRetryCount() + 1) + " attempts: "
                            + describe(e.getLastException()),
                    e.getLastException());
        }
    }

    /** One attempt: the page, or {@link Transient} for what is worth another attempt. */
    private JsonNode read(URI uri, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
            try {
                return json.readTree(response.body());
            } catch (JacksonException e) {
                throw new DirectoryMalformed(
                        "The directory answered " + uri + " with malformed JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (status >= 500 || status == 429) {
            throw new Transient("HTTP " + status);
        }
        throw new DirectoryUnavailable("The directory refused " + uri + ": HTTP " + status, null);
    }

    /**
     * What is retried: timeouts and connection failures (an {@link IOException} of the HTTP client), 5xx and
     * 429; never a refusal (another 4xx) or a malformed answer.
     */
    static RetryPolicy retryPolicy(DirectoryProperties properties) {
        return RetryPolicy.builder()
                .maxRetries(properties.maxAttempts() - 1)
                .delay(properties.backoff())
                .multiplier(2)
                .includes(IOException.class)
                .build();
    }

    /** A failure as a log line or a problem's detail says it: the status alone for a {@link Transient}. */
    static String describe(Throwable failure) {
        return failure instanceof Transient ? failure.getMessage() : String.valueOf(failure);
    }

    /** A status that is worth another attempt (5xx, 429). */
    static class Transient extends IOException {
        Transient(String message) {
            super(message);
        }
    }

    /** Logs each failed attempt that is tried again. */
    private static class LogRetries implements RetryListener {

        private final int maxAttempts;

        LogRetries(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
            log.warn(
                    "Directory {} failed (attempt {} of {}): {}; retrying",
                    retryable.getName(),
                    state.getRetryCount(),
                    maxAttempts,
                    describe(state.getLastException()));
        }
    }
}
