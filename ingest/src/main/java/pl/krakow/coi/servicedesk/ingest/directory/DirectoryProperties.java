package pl.krakow.coi.servicedesk.ingest.directory;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the directory sync ({@code servicedesk.ingest.directory.*}); without {@code base-url} nothing
 * is synchronised.
 *
 * @param token bearer token sent to the directory
 * @param cron when worker instances synchronise (one of them, PostgreSQL decides)
 * @param maxAttempts attempts per page request (timeouts, connection failures, 5xx, 429)
 * @param backoff pause before the second attempt, doubled for each further one
 */
@ConfigurationProperties("servicedesk.ingest.directory")
record DirectoryProperties(
        URI baseUrl,
        String token,
        Integer pageSize,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxAttempts,
        Duration backoff,
        String cron) {

    public DirectoryProperties {
        pageSize = pageSize == null ? 500 : pageSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 4 : maxAttempts;
        backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
        cron = cron == null ? "0 30 5 * * *" : cron;
    }
}
