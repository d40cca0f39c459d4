package pl.krakow.coi.servicedesk.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Elasticsearch is up when its cluster is yellow or green (a red cluster cannot serve every search). */
@Component("elasticsearch")
class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

    private final ElasticsearchClient client;

    ElasticsearchHealthIndicator(QueryDeadline deadline) {
        super("Elasticsearch health check failed");
        // A frozen node must not hold the readiness probe longer than a query.
        this.client = deadline.client();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        HealthResponse health = client.cluster().health(h -> h.timeout(t -> t.time("2s")));
        builder.withDetail("cluster", health.clusterName())
                .withDetail("status", health.status().jsonValue())
                .withDetail("nodes", health.numberOfNodes());
        if (health.status() == HealthStatus.Red) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
