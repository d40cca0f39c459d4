package pl.krakow.coi.servicedesk.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are read and, in the embedded run, issued.
 *
 * @param rolesClaim claim holding the roles (a list of {@link Role} names, any case)
 * @param unitClaim claim holding the unit code
 * @param nameClaim claim holding the display name
 * @param audience the audiences this service answers to: when any is given, a token must name one of
 *     them in {@code aud} (Spring's {@code spring.security.oauth2.resourceserver.jwt.audiences} counts
 *     too); none: {@code aud} is not checked
 * @param localIssuer the built-in token issuer for the embedded run, tests and benchmarks
 */
@ConfigurationProperties("servicedesk.security")
record ServiceDeskSecurityProperties(
        String rolesClaim, String unitClaim, String nameClaim, List<String> audience, LocalIssuer localIssuer) {

    public ServiceDeskSecurityProperties {
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        unitClaim = unitClaim == null ? "unit" : unitClaim;
        nameClaim = nameClaim == null ? "name" : nameClaim;
        audience = audience == null
                ? List.of()
                : audience.stream()
                        .filter(a -> a != null && !a.isBlank())
                        .map(String::strip)
                        .toList();
        localIssuer = localIssuer == null ? new LocalIssuer(null, null, null, null) : localIssuer;
    }

    /**
     * @param enabled on by default unless an external issuer or JWK set is configured
     * @param issuer the {@code iss} of issued tokens
     * @param tokenTtl lifetime of an issued token
     * @param keyLocation PKCS#8 PEM private RSA key shared by replicas; a fresh key per start when absent
     */
    public record LocalIssuer(Boolean enabled, String issuer, Duration tokenTtl, Path keyLocation) {

        public LocalIssuer {
            issuer = issuer == null ? "urn:coi-servicedesk:local-issuer" : issuer;
            tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
        }
    }
}
