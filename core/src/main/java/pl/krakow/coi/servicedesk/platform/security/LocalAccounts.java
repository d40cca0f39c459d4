package pl.krakow.coi.servicedesk.platform.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * Accounts of the local issuer (the embedded run's demo users, service accounts of the benchmarks).
 * Production users authenticate at the OIDC provider and have no row here.
 */
@Repository
public class LocalAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    LocalAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    /** Creates or replaces an account. */
    public void save(CurrentUser user, String password) {
        jdbc.sql("""
                        INSERT INTO local_account (username, display_name, password_hash, roles, unit_code)
                        VALUES (:username, :displayName, :hash, :roles, :unit)
                        ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
                            password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles,
                            unit_code = EXCLUDED.unit_code, active = true
                        """)
                .param("username", user.username())
                .param("displayName", user.displayName())
                .param("hash", passwordEncoder.encode(password))
                .param("roles", user.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                .param("unit", user.unit().orElse(null))
                .update();
    }

    /** The account's identity when the password matches an active account. */
    public Optional<CurrentUser> authenticate(String username, String password) {
        return jdbc.sql("""
                        SELECT username, display_name, password_hash, roles, unit_code
                        FROM local_account WHERE username = :username AND active
                        """)
                .param("username", username)
                .query((rs, row) -> {
                    if (!passwordEncoder.matches(password, rs.getString("password_hash"))) {
                        return null;
                    }
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    Arrays.stream((String[]) rs.getArray("roles").getArray())
                            .map(Role::valueOf)
                            .forEach(roles::add);
                    return new CurrentUser(
                            rs.getString("username"),
                            rs.getString("display_name"),
                            roles,
                            Optional.ofNullable(rs.getString("unit_code")));
                })
                .optional();
    }
}
