package pl.krakow.coi.servicedesk.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;

/** Provides {@link Api} to integration tests. */
@TestConfiguration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    Api api(RestTestClient client, org.springframework.beans.factory.ObjectProvider<LocalTokenIssuer> issuer) {
        return new Api(client, issuer);
    }
}
