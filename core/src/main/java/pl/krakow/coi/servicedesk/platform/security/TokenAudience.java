package pl.krakow.coi.servicedesk.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The audiences a token must be meant for: {@code servicedesk.security.audience} together with
 * Spring's {@code spring.security.oauth2.resourceserver.jwt.audiences}. With none configured any
 * {@code aud} passes; otherwise a token whose {@code aud} names none of them is refused (a token the
 * provider issued for another application of the City Hall is not a key to this one).
 *
 * <p>Spring Boot applies every {@link OAuth2TokenValidator} bean to the decoder it builds for an
 * external issuer; the local issuer's decoder applies it itself and names the audiences in the tokens
 * it issues.
 */
final class TokenAudience implements OAuth2TokenValidator<Jwt> {

    private final List<String> audiences;

    TokenAudience(List<String> serviceDeskAudiences, List<String> springAudiences) {
        Set<String> all = new LinkedHashSet<>(serviceDeskAudiences);
        springAudiences.stream().filter(a -> !a.isBlank()).map(String::strip).forEach(all::add);
        this.audiences = List.copyOf(all);
    }

    /** The configured audiences; empty when {@code aud} is not checked. */
    public List<String> audiences() {
        return audiences;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (audiences.isEmpty()) {
            return OAuth2TokenValidatorResult.success();
        }
        List<String> named = token.getAudience();
        if (named != null && named.stream().anyMatch(audiences::contains)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token is not meant for this service (aud)", null));
    }
}
