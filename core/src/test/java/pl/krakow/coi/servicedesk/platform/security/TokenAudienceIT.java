package pl.krakow.coi.servicedesk.platform.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * With {@code servicedesk.security.audience} set, a token of the City Hall's provider is accepted only
 * when its {@code aud} names this service: a token issued for another application is refused.
 */
@IntegrationTest(properties = "servicedesk.security.audience=coi-servicedesk")
class TokenAudienceIT {

    static final RSAKey PROVIDER_KEY = generate();

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

    @BeforeEach
    void publishKeys() {
        provider.stubFor(get(urlEqualTo("/realms/umk/protocol/openid-connect/certs"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(PROVIDER_KEY.toPublicJWK()).toString())));
    }

    @Autowired
    RestTestClient http;

    @Test
    void aTokenForThisServiceIsAccepted() {
        status(List.of("coi-servicedesk"), 200);
        status(List.of("kadry-portal", "coi-servicedesk"), 200);
    }

    @Test
    void aTokenForAnotherApplicationOrForNoneIsRefused() {
        status(List.of("kadry-portal"), 401);
        status(null, 401);
    }

    private void status(List<String> audience, int expected) {
        http.get()
                .uri("/api/v1/tickets")
                .header("Authorization", "Bearer " + token(audience))
                .exchange()
                .expectStatus()
                .isEqualTo(expected);
    }

    private static String token(List<String> audience) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject("jan.kowalski")
                    .issuer("https://sso.um.krakow.pl/realms/umk")
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .claim("roles", List.of("AGENT"))
                    .claim("unit", "IT-02-2")
                    .claim("name", "Jan Kowalski");
            if (audience != null) {
                claims.audience(audience);
            }
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(PROVIDER_KEY.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(PROVIDER_KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("provider").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
