package pl.krakow.coi.servicedesk.ingest.agent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import pl.krakow.coi.servicedesk.platform.web.ProblemTypes;

/**
 * Inventory agents authenticate with HTTP Basic, the only scheme FusionInventory and GLPI agents speak
 * (they answer a {@code 401} with {@code WWW-Authenticate: Basic} by sending {@code --user} and
 * {@code --password}). This chain covers only {@code /api/v1/inventory/**}; every other API keeps its bearer
 * tokens. Without {@code servicedesk.ingest.agent.username} no agent is let in. A successful check is
 * remembered for a while ({@link AgentCredentials}, ADR 0059): agents authenticate with every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentSecurityConfiguration {

    static final String REALM = "COI Service Desk inventory";

    @Bean
    @Order(1)
    SecurityFilterChain inventoryAgentSecurity(HttpSecurity http, AgentProperties properties) throws Exception {
        String password = properties.password() == null || properties.password().startsWith("{")
                ? properties.password()
                : "{noop}" + properties.password();
        AgentCredentials credentials = new AgentCredentials(properties.username(), password);
        http.securityMatcher("/api/v1/inventory/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("INTEGRATION"))
                .authenticationManager(new ProviderManager(credentials))
                .httpBasic(basic -> basic.authenticationEntryPoint(AgentSecurityConfiguration::challenge))
                .exceptionHandling(
                        exceptions -> exceptions.authenticationEntryPoint(AgentSecurityConfiguration::challenge));
        return http.build();
    }

    /**
     * The Basic challenge, written directly (no error dispatch that could add a second
     * {@code WWW-Authenticate} header: the agents read the realm from the only one).
     */
    private static void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"" + ProblemTypes.BASE + ProblemTypes.UNAUTHENTICATED
                        + "\",\"title\":\"Unauthenticated\",\"status\":401,"
                        + "\"detail\":\"Inventory agents authenticate with HTTP Basic\"}");
    }
}
