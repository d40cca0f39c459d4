package pl.krakow.coi.servicedesk.platform.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The local issuer is on when {@code servicedesk.security.local-issuer.enabled} says so, or, when
 * that is unset, when no external issuer, JWK set or public key is configured.
 */
class LocalIssuerCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String explicit = environment.getProperty("servicedesk.security.local-issuer.enabled");
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit);
        }
        String jwt = "spring.security.oauth2.resourceserver.jwt.";
        return !environment.containsProperty(jwt + "issuer-uri")
                && !environment.containsProperty(jwt + "jwk-set-uri")
                && !environment.containsProperty(jwt + "public-key-location");
    }
}
