package pl.krakow.coi.servicedesk.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * The local issuer's token endpoint: a local account's name and password for a bearer token. The
 * password is checked once per token, not per request. Answers 404 when an external issuer is used.
 */
@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

    private final ObjectProvider<LocalTokenIssuer> issuer;
    private final LocalAccounts accounts;

    TokenController(ObjectProvider<LocalTokenIssuer> issuer, LocalAccounts accounts) {
        this.issuer = issuer;
        this.accounts = accounts;
    }

    @PostMapping(value = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        LocalTokenIssuer localIssuer = issuer.getIfAvailable();
        if (localIssuer == null) {
            throw ServiceDeskException.notFound("Local token issuer", "(tokens come from the OIDC provider)");
        }
        CurrentUser user = accounts.authenticate(request.username(), request.password())
                .orElseThrow(() -> new ServiceDeskException(
                        ServiceDeskException.Kind.INVALID_INPUT,
                        "invalid-credentials",
                        "Invalid credentials",
                        "Unknown user or wrong password",
                        Map.of()));
        LocalTokenIssuer.IssuedToken token = localIssuer.issue(user);
        return new TokenResponse(
                token.accessToken(),
                "Bearer",
                Duration.between(Instant.now(), token.expiresAt()).toSeconds(),
                user.username(),
                user.roles().stream().map(Role::name).sorted().toList(),
                user.unit().orElse(null));
    }

    @GetMapping(value = "/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    String jwks() {
        LocalTokenIssuer localIssuer = issuer.getIfAvailable();
        if (localIssuer == null) {
            throw ServiceDeskException.notFound("Local token issuer", "(tokens come from the OIDC provider)");
        }
        return localIssuer.publicJwkSet();
    }

    record TokenRequest(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Size(max = 200) String password) {}

    record TokenResponse(
            String access_token,
            String token_type,
            long expires_in,
            String username,
            java.util.List<String> roles,
            String unit) {}
}
