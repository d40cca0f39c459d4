package pl.krakow.coi.servicedesk.testing;

import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalTokenIssuer;

/**
 * Real HTTP calls to the application under test, as a given user, with a bearer token from the
 * local issuer (the same kind of JWT the production OIDC provider issues).
 */
public final class Api {

    private final RestTestClient client;
    private final org.springframework.beans.factory.ObjectProvider<LocalTokenIssuer> issuer;

    public Api(RestTestClient client, org.springframework.beans.factory.ObjectProvider<LocalTokenIssuer> issuer) {
        this.client = client;
        this.issuer = issuer;
    }

    /** A client whose requests carry {@code user}'s token. */
    public RestTestClient as(CurrentUser user) {
        String token = issuer.getObject().issue(user).accessToken();
        return client.mutate()
                .defaultHeaders(headers(h -> {
                    h.setBearerAuth(token);
                    h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                }))
                .build();
    }

    /**
     * A client as Prometheus scraping the application's port: an integration's token, plain text
     * accepted (the metrics are not public there, ADR 0071).
     */
    public RestTestClient scraper() {
        String token = issuer.getObject()
                .issue(new CurrentUser(
                        "prometheus",
                        "Prometheus",
                        java.util.EnumSet.of(pl.krakow.coi.servicedesk.platform.security.Role.INTEGRATION),
                        java.util.Optional.empty()))
                .accessToken();
        return client.mutate()
                .defaultHeaders(headers(h -> {
                    h.setBearerAuth(token);
                    h.setAccept(java.util.List.of(MediaType.TEXT_PLAIN, MediaType.ALL));
                }))
                .build();
    }

    /** A client without credentials. */
    public RestTestClient anonymous() {
        return client;
    }

    private static Consumer<HttpHeaders> headers(Consumer<HttpHeaders> consumer) {
        return consumer;
    }
}
