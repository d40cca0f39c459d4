package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.sla.SlaService;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Filing a ticket answers 201 from what its transaction returned: nothing that could fail runs after the
 * commit. Here every database read outside a transaction fails as it does on a connection PostgreSQL has
 * just closed; a view built after the commit would turn a filed ticket into an error, and a client
 * retrying without an Idempotency-Key would file it twice.
 */
@IntegrationTest
class TicketAnsweredFromItsTransactionIT {

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFiledTicketIsAnsweredWithoutReadingAfterTheCommit() {
        JsonNode created = api.as(anna)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Skaner nie skanuje", "description", "Skaner w pokoju 3 nie reaguje."))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(created.get("sla")).isNotNull();
        // The SLA's contribution is a property of the ticket itself, as before it was contributed (ADR 0078).
        assertThat(created.get("sla").get("response").get("state").asString()).isEqualTo("RUNNING");
        assertThat(created.has("contributed")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE title = 'Skaner nie skanuje'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @TestConfiguration
    static class DeadConnectionOutsideTransactions {

        /** SLA summaries read outside a transaction fail as on a connection closed by a restart. */
        @Bean
        static BeanPostProcessor slaReadsNeedATransaction() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof SlaService)) {
                        return bean;
                    }
                    ProxyFactory proxy = new ProxyFactory(bean);
                    proxy.setProxyTargetClass(true);
                    proxy.addAdvice((MethodInterceptor) invocation -> {
                        if (invocation.getMethod().getName().equals("summary")
                                && !TransactionSynchronizationManager.isActualTransactionActive()) {
                            throw new DataAccessResourceFailureException(
                                    "This connection has been closed (after the commit)");
                        }
                        return invocation.proceed();
                    });
                    return proxy.getProxy();
                }
            };
        }
    }
}
