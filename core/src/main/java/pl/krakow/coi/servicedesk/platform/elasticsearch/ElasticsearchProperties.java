package pl.krakow.coi.servicedesk.platform.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection to the Elasticsearch cluster.
 *
 * @param uris node addresses; production clusters use https
 * @param username basic-auth user (with {@code password}); leave empty when using an API key
 * @param password basic-auth password
 * @param apiKey an encoded API key ({@code Authorization: ApiKey ...}), preferred over basic auth
 * @param caCertificate PEM file of the CA that signed the cluster's certificate (e.g. ECK's)
 * @param indexPrefix prefix of every index and alias this application owns
 * @param connectTimeout TCP connect timeout
 * @param socketTimeout read timeout of one request that writes or administers (bulk, index creation)
 * @param queryTimeout the longest a search or KPI query waits for the node (its connection from the pool
 *     included); then the caller answers 503 rather than hold the request thread
 */
@ConfigurationProperties("servicedesk.elasticsearch")
public record ElasticsearchProperties(
        List<URI> uris,
        String username,
        String password,
        String apiKey,
        Path caCertificate,
        String indexPrefix,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration queryTimeout) {

    public ElasticsearchProperties {
        uris = uris == null || uris.isEmpty() ? List.of(URI.create("http://localhost:9200")) : List.copyOf(uris);
        indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? "servicedesk" : indexPrefix;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofSeconds(60) : socketTimeout;
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(5) : queryTimeout;
    }

    /** The name of an index or alias of this application: {@code <prefix>-<name>}. */
    public String indexName(String name) {
        return indexPrefix + "-" + name;
    }
}
