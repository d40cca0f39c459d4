package pl.krakow.coi.servicedesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/**
 * On the application's port the metrics (ticket counts, queue sizes, licence figures) are not public:
 * {@code /actuator/prometheus} and {@code /actuator/metrics} answer admins and integrations only, while
 * the health probes stay open.
 */
@IntegrationTest
class MetricsAccessIT {

    @Autowired
    Api api;

    @Test
    void theScrapeNeedsAToken() {
        api.anonymous()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        api.anonymous().get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void requestersAndAgentsAreRefused() {
        for (var user : new pl.krakow.coi.servicedesk.platform.security.CurrentUser[] {
            TestUsers.requester("anna.nowak", "KP-01"), TestUsers.firstLine("jan.kowalski")
        }) {
            for (String uri :
                    new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.info"}) {
                api.as(user)
                        .get()
                        .uri(uri)
                        .accept(MediaType.ALL)
                        .exchange()
                        .expectStatus()
                        .isForbidden();
            }
        }
    }

    @Test
    void adminsAndIntegrationsReadThem() {
        String scrape = api.as(TestUsers.with("prometheus", null, Role.INTEGRATION))
                .get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes");
        api.as(TestUsers.admin("alicja.admin"))
                .get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theProbesStayOpen() {
        api.anonymous()
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
