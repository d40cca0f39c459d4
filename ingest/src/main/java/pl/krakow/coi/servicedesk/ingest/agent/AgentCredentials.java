package pl.krakow.coi.servicedesk.ingest.agent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks the agents' HTTP Basic credentials (ADR 0059). Agents send them with every request, and a
 * {@code {bcrypt}} password is slow to check by design: with thousands of agents that alone would cap the
 * intake far below what the rest of an inventory costs (figures: ADR 0059, BENCHMARKS.md). So after a
 * successful check the credentials are remembered for {@link #REMEMBERED} as an HMAC-SHA-256 under a key
 * drawn at start (never the password, never a plain hash of it), and a request presenting the same
 * credentials is compared in constant time against that. Wrong credentials never match it and always pay
 * the full check, so guessing stays as slow as the stored hash makes it. The stored value is never
 * rewritten (no password "upgrade": a {@code {noop}} password from a Secret stays what the Secret says).
 */
final class AgentCredentials implements AuthenticationProvider {

    /** How long a successful check is remembered. */
    static final Duration REMEMBERED = Duration.ofMinutes(10);

    private record Verified(byte[] mac, long expiresAtNanos) {}

    private final String username;
    private final String encodedPassword;
    private final PasswordEncoder encoder;
    private final SecretKeySpec key;
    private final AtomicReference<Verified> verified = new AtomicReference<>();

    /**
     * @param username the agents' user; null: no agent is let in
     * @param encodedPassword its password as a Spring Security encoded value ({@code {bcrypt}…}, {@code {noop}…})
     */
    AgentCredentials(String username, String encodedPassword) {
        this(username, encodedPassword, PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    AgentCredentials(String username, String encodedPassword, PasswordEncoder encoder) {
        this.username = username;
        this.encoder = encoder;
        this.encodedPassword = encodedPassword;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (username == null || encodedPassword == null || name == null || credentials == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        String password = credentials.toString();
        byte[] mac = mac(name, password);
        Verified known = verified.get();
        boolean ok = known != null
                && System.nanoTime() - known.expiresAtNanos() < 0
                && MessageDigest.isEqual(known.mac(), mac);
        if (!ok) {
            // Both checks always run: the time taken does not tell whether the user name was right.
            boolean user = MessageDigest.isEqual(
                    username.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
            boolean secret = encoder.matches(password, encodedPassword);
            ok = user && secret;
            if (ok) {
                verified.set(new Verified(mac, System.nanoTime() + REMEMBERED.toNanos()));
            }
        }
        if (!ok) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                name, null, List.of(new SimpleGrantedAuthority("ROLE_INTEGRATION")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String name, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(name.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
