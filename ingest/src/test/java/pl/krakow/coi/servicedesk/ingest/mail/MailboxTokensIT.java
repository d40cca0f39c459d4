package pl.krakow.coi.servicedesk.ingest.mail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client-credentials grant of XOAUTH2 mailboxes against a token endpoint played by WireMock: the form it posts,
 * the token kept until shortly before it expires, and failures that name the endpoint's error code, never the
 * secret.
 */
class MailboxTokensIT {

    static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";
    static final String SECRET = "Client-Secret-Value~99";
    static final String SCOPE = "https://outlook.office365.com/.default";

    WireMockServer endpoint;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    OAuthTokens tokens;

    @BeforeEach
    void start() {
        endpoint = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        endpoint.start();
        tokens = new OAuthTokens(JsonMapper.builder().build(), clock, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        endpoint.stop();
    }

    String uri() {
        return "http://localhost:" + endpoint.port() + TOKEN_PATH;
    }

    @Test
    void postsTheClientCredentialsFormAndKeepsTheTokenUntilShortlyBeforeItExpires() throws Exception {
        endpoint.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"token-1\"}")));

        assertThat(tokens.token(uri(), "client-a", SECRET, SCOPE)).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(50));
        assertThat(tokens.token(uri(), "client-a", SECRET, SCOPE)).isEqualTo("token-1");
        endpoint.verify(
                1,
                postRequestedFor(urlEqualTo(TOKEN_PATH))
                        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                        .withRequestBody(containing("grant_type=client_credentials"))
                        .withRequestBody(containing("client_id=client-a"))
                        .withRequestBody(containing("client_secret=Client-Secret-Value%7E99"))
                        .withRequestBody(containing("scope=https%3A%2F%2Foutlook.office365.com%2F.default")));

        // Within two minutes of its expiry a new one is asked for.
        endpoint.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"token-2\"}")));
        clock.advance(Duration.ofMinutes(8));
        assertThat(tokens.token(uri(), "client-a", SECRET, SCOPE)).isEqualTo("token-2");
        endpoint.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        // Forgotten (the server refused it): asked for again at once.
        tokens.forget(uri(), "client-a", SECRET, SCOPE);
        tokens.token(uri(), "client-a", SECRET, SCOPE);
        endpoint.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aShortLivedTokenIsKeptForHalfItsLife() throws Exception {
        endpoint.stubFor(
                post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"expires_in\":60,\"access_token\":\"short\"}")));
        tokens.token(uri(), "client-b", SECRET, SCOPE);
        clock.advance(Duration.ofSeconds(29));
        tokens.token(uri(), "client-b", SECRET, SCOPE);
        endpoint.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        clock.advance(Duration.ofSeconds(2));
        tokens.token(uri(), "client-b", SECRET, SCOPE);
        endpoint.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRefusalNamesTheErrorCodeButNeverTheSecret() {
        endpoint.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                                + " secret provided: " + SECRET + "\"}")));

        assertThatThrownBy(() -> tokens.token(uri(), "client-c", SECRET, SCOPE))
                .isInstanceOf(OAuthTokens.TokenUnavailable.class)
                .hasMessageContaining("401 (invalid_client)")
                .hasMessageContaining("client-c")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void anAnswerWithoutATokenIsAFailure() {
        endpoint.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token_type\":\"Bearer\"}")));
        assertThatThrownBy(() -> tokens.token(uri(), "client-d", SECRET, SCOPE))
                .isInstanceOf(OAuthTokens.TokenUnavailable.class)
                .hasMessageContaining("without an access_token");
    }

    @Test
    void secretReferencesResolveFilesAndVariablesTrimmed() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("secret", ".txt");
        java.nio.file.Files.writeString(file, "  s3cret \n");
        SecretReferences references = new SecretReferences(name -> name.equals("IMAP_PASSWORD") ? " from-env\n" : null);
        assertThat(references.resolve("file:" + file)).isEqualTo("s3cret");
        assertThat(references.resolve("env:IMAP_PASSWORD")).isEqualTo("from-env");
        assertThatThrownBy(() -> references.resolve("env:MISSING")).hasMessageContaining("env:MISSING");
        // A value that is not a reference may be a secret pasted in by mistake: not repeated.
        assertThatThrownBy(() -> references.resolve("hunter2"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThat(SecretReferences.valid("file:relative")).isFalse();
        assertThat(SecretReferences.valid("env:1X")).isFalse();
        java.nio.file.Files.delete(file);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
