package pl.krakow.coi.servicedesk.reporting.kpi;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;

/** Waits until every committed ticket change is in the index and searchable (tests). */
@Component
public class IndexWaiter {

    private final JdbcClient jdbc;
    private final RestClient client;
    private final ElasticsearchProperties properties;

    IndexWaiter(JdbcClient jdbc, RestClient client, ElasticsearchProperties properties) {
        this.jdbc = jdbc;
        this.client = client;
        this.properties = properties;
    }

    public void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    boolean drained = jdbc.sql("SELECT count(*) FROM outbox")
                                    .query(Long.class)
                                    .single()
                            == 0;
                    return drained && refresh();
                });
    }

    private boolean refresh() {
        try {
            client.performRequest(new Request("POST", "/" + properties.indexName("tickets") + "/_refresh"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
