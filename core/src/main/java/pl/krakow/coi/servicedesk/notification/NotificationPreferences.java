package pl.krakow.coi.servicedesk.notification;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The kinds of notification each person turned off ({@code notification_opt_out}). */
@Repository
class NotificationPreferences {

    private final JdbcClient jdbc;

    NotificationPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The kinds the person turned off. */
    Set<NotificationKind> turnedOff(String username) {
        Set<NotificationKind> off = EnumSet.noneOf(NotificationKind.class);
        jdbc.sql("SELECT kind FROM notification_opt_out WHERE username = :u")
                .param("u", username)
                .query(String.class)
                .list()
                .forEach(kind -> {
                    // A kind removed from the code since: ignored, not an error.
                    try {
                        off.add(NotificationKind.valueOf(kind));
                    } catch (IllegalArgumentException e) {
                        // nothing to add
                    }
                });
        return off;
    }

    /** Whether the person turned this kind off. */
    boolean isTurnedOff(String username, NotificationKind kind) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM notification_opt_out WHERE username = :u AND kind = :kind)")
                .param("u", username)
                .param("kind", kind.name())
                .query(Boolean.class)
                .single();
    }

    /**
     * Turns a kind on or off for the person.
     *
     * @throws IllegalArgumentException when turning off a mandatory kind
     */
    void set(String username, NotificationKind kind, boolean enabled) {
        if (enabled) {
            jdbc.sql("DELETE FROM notification_opt_out WHERE username = :u AND kind = :kind")
                    .param("u", username)
                    .param("kind", kind.name())
                    .update();
        } else {
            if (kind.mandatory()) {
                throw new IllegalArgumentException(kind + " is mandatory");
            }
            jdbc.sql("""
                            INSERT INTO notification_opt_out (username, kind) VALUES (:u, :kind)
                            ON CONFLICT DO NOTHING
                            """).param("u", username).param("kind", kind.name()).update();
        }
    }
}
