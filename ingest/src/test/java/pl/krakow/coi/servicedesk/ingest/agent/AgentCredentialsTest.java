package pl.krakow.coi.servicedesk.ingest.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AgentCredentialsTest {

    /** The real encoders, counting the (expensive) checks. */
    static final class CountingEncoder implements PasswordEncoder {
        final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    }

    static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void aBcryptPasswordIsCheckedOnceThenTheSameCredentialsAreRecognisedWithoutRehashing() {
        CountingEncoder encoder = new CountingEncoder();
        AgentCredentials credentials =
                new AgentCredentials("agent", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret"), encoder);

        Authentication first = credentials.authenticate(basic("agent", "s3cret"));
        Authentication second = credentials.authenticate(basic("agent", "s3cret"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("agent");
        assertThat(second.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_INTEGRATION");
        assertThat(second.getCredentials()).as("the password is not kept").isNull();
        assertThat(encoder.checks).as("bcrypt ran for the first request only").hasValue(1);
    }

    @Test
    void wrongCredentialsAreRefusedAndAlwaysPayTheFullCheckEvenAfterASuccess() {
        CountingEncoder encoder = new CountingEncoder();
        AgentCredentials credentials =
                new AgentCredentials("agent", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret"), encoder);
        credentials.authenticate(basic("agent", "s3cret"));

        assertThatThrownBy(() -> credentials.authenticate(basic("agent", "s3cret2")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credentials.authenticate(basic("agent2", "s3cret")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> credentials.authenticate(basic("agent", "")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.checks).hasValue(4);
    }

    @Test
    void aPlainPasswordIsComparedAsItIsAndNoUserMeansNoAgentIsLetIn() {
        AgentCredentials plain = new AgentCredentials("agent", "{noop}pass");
        assertThat(plain.authenticate(basic("agent", "pass")).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> plain.authenticate(basic("agent", "Pass")))
                .isInstanceOf(BadCredentialsException.class);

        AgentCredentials none = new AgentCredentials(null, null);
        assertThatThrownBy(() -> none.authenticate(basic("agent", "pass"))).isInstanceOf(BadCredentialsException.class);
    }
}
