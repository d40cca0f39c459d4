package pl.krakow.coi.servicedesk.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are read and, in the embedded run, issued.
 *
 * @param rolesClaim claim holding the roles (a list of {@link Role} names, any case)
 * @param unitClaim claim holding the unit code
 * @param nameClaim claim holding the display name
 * @param localIssuer the built-in token issuer for the embedded run, tests and benchmarks
 */
@ConfigurationProperties("servicedesk.security")
public record ServiceDeskSecurityProperties(
        String rolesClaim, String unitClaim, String nameClaim, LocalIssuer localIssuer) {

    public ServiceDeskSecurityProperties {
        rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
        unitClaim = unitClaim == null ? "unit" : unitClaim;
        nameClaim = nameClaim == null ? "name" : nameClaim;
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
