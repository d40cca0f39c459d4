package pl.krakow.coi.servicedesk.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues RS256 JWTs shaped like those of the production OIDC provider (subject, name, roles, unit),
 * for the embedded run, the tests and the benchmarks. Replicas share a key through
 * {@code servicedesk.security.local-issuer.key-location}; otherwise each start makes a new key.
 */
public class LocalTokenIssuer {

    private final ServiceDeskSecurityProperties properties;
    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    private final TokenAudience audience;

    LocalTokenIssuer(ServiceDeskSecurityProperties properties, TokenAudience audience) {
        this.properties = properties;
        this.audience = audience;
        KeyPair pair = properties.localIssuer().keyLocation() == null
                ? generate()
                : load(properties.localIssuer().keyLocation());
        this.key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey(pair.getPrivate())
                .keyID("local-" + Integer.toHexString(pair.getPublic().hashCode()))
                .build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    /** A signed token for {@code user}, valid for the configured lifetime. */
    public IssuedToken issue(CurrentUser user) {
        Instant now = Instant.now();
        Instant expires = now.plus(properties.localIssuer().tokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.localIssuer().issuer())
                .subject(user.username())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expires)
                .claim(properties.nameClaim(), user.displayName())
                .claim(
                        properties.rolesClaim(),
                        user.roles().stream().map(Role::name).sorted().toList());
        user.unit().ifPresent(unit -> claims.claim(properties.unitClaim(), unit));
        if (!audience.audiences().isEmpty()) {
            claims.audience(audience.audiences());
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256)
                                .keyId(key.getKeyID())
                                .build(),
                        claims.build()))
                .getTokenValue();
        return new IssuedToken(token, expires);
    }

    JwtDecoder decoder() {
        try {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
            // The default claim converter first tries the issuer as a java.net.URL; our issuer is a URN, and
            // each failed attempt looks for a "urn" protocol handler through every jar of the class path (a visible
            // share of each request's CPU: BENCHMARKS.md, "Figures behind code"). The claim ends up a string anyway.
            decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                    Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
            decoder.setJwtValidator(new org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator<>(
                    org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithIssuer(
                            properties.localIssuer().issuer()),
                    audience));
            return decoder;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key set, served for clients that verify tokens themselves. */
    public String publicJwkSet() {
        return new JWKSet(List.of(key.toPublicJWK())).toString();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair load(java.nio.file.Path location) {
        try {
            String pem = Files.readString(location, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load the local issuer key from " + location, e);
        }
    }

    /** A bearer token and when it expires. */
    public record IssuedToken(String accessToken, Instant expiresAt) {}
}
