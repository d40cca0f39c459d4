package pl.krakow.coi.servicedesk.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The local issuer names the configured audience in its tokens, and its decoder checks it. */
class LocalIssuerAudienceTest {

    final CurrentUser agent =
            new CurrentUser("jan.kowalski", "Jan Kowalski", EnumSet.of(Role.AGENT), Optional.of("IT-02-2"));

    @Test
    void tokensMustNameAConfiguredAudience(@TempDir Path directory) throws Exception {
        Path key = sharedKey(directory);
        LocalTokenIssuer checking = issuer(key, List.of("coi-servicedesk"), List.of());
        LocalTokenIssuer forNone = issuer(key, List.of(), List.of());
        LocalTokenIssuer forAnother = issuer(key, List.of("kadry-portal"), List.of());

        String own = checking.issue(agent).accessToken();
        assertThat(checking.decoder().decode(own).getAudience()).containsExactly("coi-servicedesk");
        assertThatThrownBy(() -> checking.decoder().decode(forNone.issue(agent).accessToken()))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("aud");
        assertThatThrownBy(
                        () -> checking.decoder().decode(forAnother.issue(agent).accessToken()))
                .isInstanceOf(JwtValidationException.class);
        assertThat(forNone.decoder()
                        .decode(forAnother.issue(agent).accessToken())
                        .getSubject())
                .as("no audience configured: aud is not checked")
                .isEqualTo("jan.kowalski");
    }

    @Test
    void springsOwnAudiencePropertyCountsToo(@TempDir Path directory) throws Exception {
        Path key = sharedKey(directory);
        LocalTokenIssuer spring = issuer(key, List.of(), List.of("api://coi-servicedesk"));
        assertThat(spring.decoder().decode(spring.issue(agent).accessToken()).getAudience())
                .containsExactly("api://coi-servicedesk");
        assertThatThrownBy(() -> spring.decoder()
                        .decode(issuer(key, List.of(), List.of()).issue(agent).accessToken()))
                .isInstanceOf(JwtValidationException.class);
    }

    private static LocalTokenIssuer issuer(Path key, List<String> audience, List<String> springAudiences) {
        ServiceDeskSecurityProperties properties = new ServiceDeskSecurityProperties(
                null, null, null, audience, new ServiceDeskSecurityProperties.LocalIssuer(true, null, null, key));
        return new LocalTokenIssuer(properties, new TokenAudience(properties.audience(), springAudiences));
    }

    private static Path sharedKey(Path directory) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path key = directory.resolve("local-issuer.pem");
        Files.writeString(key, pem, StandardCharsets.US_ASCII);
        return key;
    }
}
