package pl.krakow.coi.servicedesk.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import pl.krakow.coi.servicedesk.platform.web.ProblemTypes;

/**
 * Every API call carries a bearer JWT; the service is stateless. Health probes, the OpenAPI document,
 * the token endpoint of the local issuer and the dashboard's static files are open. The metrics
 * (ticket counts per unit and type, queue sizes, licence figures) are not: {@code /actuator/metrics}
 * is for admins and integrations, and so are the software bill of materials {@code /actuator/sbom}
 * (every library and its version: a map for an attacker, ADR 0083) and {@code /actuator/prometheus} on the
 * application's port;
 * only when the actuator has a management port of its own ({@code management.server.port}, which
 * the Ingress does not route, ADR 0071) may Prometheus scrape it without a token. Unauthenticated and
 * forbidden calls get problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(ServiceDeskSecurityProperties.class)
class SecurityConfiguration {

    /** Who may read the metrics and the SBOM: operators and machine clients. */
    private static final String[] METRICS_READERS = {Role.ADMIN.name(), Role.INTEGRATION.name()};

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ServiceDeskSecurityProperties properties, Environment environment) throws Exception {
        JwtCurrentUserConverter converter = new JwtCurrentUserConverter(properties);
        // With a management port of its own, the application's port serves no actuator at all: an open scrape
        // path is then reachable only on the management port.
        boolean scrapeOnManagementPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/api/v1/auth/**",
                                    "/error")
                            .permitAll();
                    if (scrapeOnManagementPort) {
                        requests.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    requests.requestMatchers(
                                    "/actuator/prometheus",
                                    "/actuator/metrics",
                                    "/actuator/metrics/**",
                                    "/actuator/sbom",
                                    "/actuator/sbom/**")
                            .hasAnyRole(METRICS_READERS)
                            .requestMatchers("/api/**", "/actuator/**")
                            .authenticated()
                            .anyRequest()
                            .permitAll();
                })
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler((request, response, e) -> {
                                    if (e instanceof AuthenticationServiceException) {
                                        // The identity provider (its key set) cannot be reached: not the caller's
                                        // fault.
                                        problem(
                                                response,
                                                503,
                                                "identity-provider-unavailable",
                                                "Identity provider unavailable",
                                                "Tokens cannot be verified right now; try again shortly");
                                    } else {
                                        problem(
                                                response,
                                                401,
                                                ProblemTypes.UNAUTHENTICATED,
                                                "Unauthenticated",
                                                "A valid bearer token is required");
                                    }
                                });
                                return filter;
                            }
                        })
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                ProblemTypes.UNAUTHENTICATED,
                                "Unauthenticated",
                                "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> problem(
                                response, 403, ProblemTypes.FORBIDDEN, "Forbidden", "You are not allowed to do this")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                ProblemTypes.UNAUTHENTICATED,
                                "Unauthenticated",
                                "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> problem(
                                response, 403, ProblemTypes.FORBIDDEN, "Forbidden", "You are not allowed to do this")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Applied by Spring Boot to the decoder of an external issuer, and by the local issuer's decoder. */
    @Bean
    TokenAudience tokenAudience(ServiceDeskSecurityProperties properties, Environment environment) {
        return new TokenAudience(
                properties.audience(),
                Binder.get(environment)
                        .bind("spring.security.oauth2.resourceserver.jwt.audiences", Bindable.listOf(String.class))
                        .orElse(List.of()));
    }

    @Bean
    @Conditional(LocalIssuerCondition.class)
    LocalTokenIssuer localTokenIssuer(ServiceDeskSecurityProperties properties, TokenAudience audience) {
        return new LocalTokenIssuer(properties, audience);
    }

    @Bean
    @Conditional(LocalIssuerCondition.class)
    JwtDecoder localJwtDecoder(LocalTokenIssuer issuer) {
        return issuer.decoder();
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"" + ProblemTypes.BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }
}
