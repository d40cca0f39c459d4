package pl.krakow.coi.servicedesk.platform.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Production authentication: tokens of an external OIDC provider, verified against its JWK set
 * (served here by WireMock), with roles and unit read from configurable claims. The local issuer is
 * off.
 */
@IntegrationTest(properties = {"servicedesk.security.roles-claim=groups", "servicedesk.security.unit-claim=department"})
class ExternalIssuerIT {

    static final RSAKey PROVIDER_KEY = generate("provider");
    static final RSAKey FOREIGN_KEY = generate("foreign");

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> provider.baseUrl() + "/realms/umk/protocol/openid-connect/certs");
    }

    @org.junit.jupiter.api.BeforeEach
    void publishKeys() {
        provider.stubFor(get(urlEqualTo("/realms/umk/protocol/openid-connect/certs"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(PROVIDER_KEY.toPublicJWK()).toString())));
    }

    @Autowired
    RestTestClient http;

    @Autowired
    ApplicationContext context;

    @Test
    void providerTokensAuthenticateWithRolesAndUnitFromClaims() {
        assertThat(context.getBeanNamesForType(LocalTokenIssuer.class))
                .as("local issuer off")
                .isEmpty();
        String token = token(PROVIDER_KEY, "jan.kowalski", List.of("agent"), "IT-02-2");
        JsonNode created = http.post()
                .uri("/api/v1/tickets")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "title",
                        "Telefon od użytkownika",
                        "description",
                        "Zgłoszenie przyjęte telefonicznie.",
                        "channel",
                        "PHONE",
                        "requester",
                        Map.of("username", "anna.nowak", "unitCode", "KP-01")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.get("allowedActions").toString())
                .as("an agent of the first line")
                .contains("escalate");
    }

    @Test
    void tokensSignedByAnotherKeyAreRejected() {
        http.get()
                .uri("/api/v1/tickets")
                .header("Authorization", "Bearer " + token(FOREIGN_KEY, "intruz", List.of("MANAGER"), "COI-DYR"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/unauthenticated");
    }

    @Test
    void anUnreachableProviderIsA503NotA500() {
        provider.resetAll();
        http.get()
                .uri("/api/v1/tickets")
                .header("Authorization", "Bearer " + token(FOREIGN_KEY, "jan.kowalski", List.of("agent"), "IT-02-2"))
                .exchange()
                .expectStatus()
                .isEqualTo(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://servicedesk.coi.krakow.pl/problems/identity-provider-unavailable");
    }

    @Test
    void theLocalTokenEndpointIsGone() {
        http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "admin", "password", "demo"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static String token(RSAKey key, String subject, List<String> groups, String department) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    new JWTClaimsSet.Builder()
                            .subject(subject)
                            .issuer("https://sso.um.krakow.pl/realms/umk")
                            .issueTime(new Date())
                            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                            .claim("groups", groups)
                            .claim("department", department)
                            .claim("name", "Jan Kowalski")
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
