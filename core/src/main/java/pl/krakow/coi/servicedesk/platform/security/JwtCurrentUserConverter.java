package pl.krakow.coi.servicedesk.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads roles and unit from a JWT's claims (names configurable) into authorities and a {@link CurrentUser}. */
final class JwtCurrentUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final ServiceDeskSecurityProperties properties;

    JwtCurrentUserConverter(ServiceDeskSecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        CurrentUser user = currentUser(jwt);
        List<GrantedAuthority> authorities = user.roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, user.username());
    }

    CurrentUser currentUser(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaim(properties.rolesClaim());
        Collection<?> values = claim instanceof Collection<?> collection
                ? collection
                : claim instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
        for (Object value : values) {
            String name = String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.startsWith("ROLE_")) {
                name = name.substring(5);
            }
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return new CurrentUser(
                jwt.getSubject(),
                jwt.getClaimAsString(properties.nameClaim()),
                roles,
                Optional.ofNullable(jwt.getClaimAsString(properties.unitClaim())));
    }
}
