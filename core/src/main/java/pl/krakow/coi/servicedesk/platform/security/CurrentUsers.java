package pl.krakow.coi.servicedesk.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** The caller of the current request. */
@Component
public class CurrentUsers {

    private final JwtCurrentUserConverter converter;

    CurrentUsers(ServiceDeskSecurityProperties properties) {
        this.converter = new JwtCurrentUserConverter(properties);
    }

    public CurrentUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return converter.currentUser(token.getToken());
        }
        throw new ServiceDeskException(
                ServiceDeskException.Kind.FORBIDDEN, "unauthenticated", "Unauthenticated", "No authenticated caller");
    }
}
