package pl.krakow.coi.servicedesk.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientOptions;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;

/**
 * The deadline of a query that a caller waits for (search, similar tickets, KPIs, readiness):
 * {@code servicedesk.elasticsearch.query-timeout}. A node that does not answer in time (down, frozen,
 * overloaded) fails the request with an {@link java.io.IOException}, which the callers turn into 503;
 * without it a frozen node would hold the request thread for the socket timeout of writes.
 */
public final class QueryDeadline {

    private final ElasticsearchClient client;
    private final RequestOptions options;
    private final Duration timeout;

    QueryDeadline(ElasticsearchClient client, Duration connectTimeout, Duration timeout) {
        this.timeout = timeout;
        int millis = Math.toIntExact(timeout.toMillis());
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(Math.toIntExact(Math.min(connectTimeout.toMillis(), timeout.toMillis())))
                .setConnectionRequestTimeout(millis)
                .setSocketTimeout(millis)
                .build();
        RestClientOptions defaults = client._transportOptions() instanceof RestClientOptions current
                ? current
                : new RestClientOptions(RequestOptions.DEFAULT, false);
        RestClientOptions.Builder builder = defaults.toBuilder();
        builder.restClientRequestOptionsBuilder().setRequestConfig(config);
        RestClientOptions withDeadline = builder.build();
        this.options = withDeadline.restClientRequestOptions();
        this.client = client.withTransportOptions(withDeadline);
    }

    /** The client whose every request waits at most the deadline. */
    public ElasticsearchClient client() {
        return client;
    }

    /** Gives a low-level request the deadline. */
    public Request apply(Request request) {
        RequestOptions.Builder builder = request.getOptions().toBuilder();
        builder.setRequestConfig(options.getRequestConfig());
        request.setOptions(builder);
        return request;
    }

    public Duration timeout() {
        return timeout;
    }
}
