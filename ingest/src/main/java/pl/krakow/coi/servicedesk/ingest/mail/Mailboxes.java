package pl.krakow.coi.servicedesk.ingest.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Every mailbox to read: those of the configuration ({@code servicedesk.mail.mailboxes.*}, read-only here) and
 * those of the admin API ({@code mail_mailbox}). A name in the configuration hides a row of the same name.
 */
@Service
class Mailboxes {

    private final MailboxProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    Mailboxes(MailboxProperties properties, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every mailbox, by name. */
    List<MailboxDefinition> all() {
        List<MailboxDefinition> all = new ArrayList<>();
        properties
                .mailboxes()
                .forEach((name, mailbox) ->
                        all.add(new MailboxDefinition(name, MailboxDefinition.Source.PROPERTIES, mailbox)));
        for (MailboxDefinition stored : stored()) {
            if (!properties.mailboxes().containsKey(stored.name())) {
                all.add(stored);
            }
        }
        all.sort(Comparator.comparing(MailboxDefinition::name));
        return all;
    }

    Optional<MailboxDefinition> find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    boolean configured(String name) {
        return properties.mailboxes().containsKey(name);
    }

    /** Creates or replaces an API mailbox; true when it was created. */
    boolean save(String name, MailboxProperties.Mailbox m, String by) {
        return jdbc.sql("""
                        INSERT INTO mail_mailbox (name, address, host, port, security, username, auth, password_ref,
                            oauth_token_uri, oauth_client_id, oauth_client_secret_ref, oauth_scope, folder,
                            processed_folder, quarantine_folder, unknown_senders, max_message_bytes, idle,
                            poll_interval_ms, enabled, updated_by, updated_at)
                        VALUES (:name, :address, :host, :port, :security, :username, :auth, :passwordRef, :tokenUri,
                            :clientId, :clientSecretRef, :scope, :folder, :processed, :quarantine, :unknown, :max, :idle,
                            :poll, :enabled, :by, :now)
                        ON CONFLICT (name) DO UPDATE SET address = EXCLUDED.address, host = EXCLUDED.host,
                            port = EXCLUDED.port, security = EXCLUDED.security, username = EXCLUDED.username,
                            auth = EXCLUDED.auth, password_ref = EXCLUDED.password_ref,
                            oauth_token_uri = EXCLUDED.oauth_token_uri, oauth_client_id = EXCLUDED.oauth_client_id,
                            oauth_client_secret_ref = EXCLUDED.oauth_client_secret_ref,
                            oauth_scope = EXCLUDED.oauth_scope, folder = EXCLUDED.folder,
                            processed_folder = EXCLUDED.processed_folder,
                            quarantine_folder = EXCLUDED.quarantine_folder,
                            unknown_senders = EXCLUDED.unknown_senders,
                            max_message_bytes = EXCLUDED.max_message_bytes, idle = EXCLUDED.idle,
                            poll_interval_ms = EXCLUDED.poll_interval_ms, enabled = EXCLUDED.enabled,
                            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                        RETURNING (xmax = 0) AS created
                        """)
                .param("name", name)
                .param("address", m.address())
                .param("host", m.host())
                .param("port", m.port())
                .param("security", m.security().name())
                .param("username", m.username())
                .param("auth", m.auth().name())
                .param("passwordRef", m.passwordRef())
                .param("tokenUri", m.oauth().tokenUri())
                .param("clientId", m.oauth().clientId())
                .param("clientSecretRef", m.oauth().clientSecretRef())
                .param("scope", m.oauth().scope())
                .param("folder", m.folder())
                .param("processed", m.processedFolder())
                .param("quarantine", m.quarantineFolder())
                .param("unknown", m.unknownSenders().name())
                .param("max", m.maxMessageSize().toBytes())
                .param("idle", m.idle())
                .param("poll", m.pollInterval().toMillis())
                .param("enabled", m.enabled())
                .param("by", by)
                .param("now", Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
    }

    /** Removes an API mailbox; false when there was none. */
    boolean delete(String name) {
        return jdbc.sql("DELETE FROM mail_mailbox WHERE name = :name")
                        .param("name", name)
                        .update()
                == 1;
    }

    private List<MailboxDefinition> stored() {
        return jdbc.sql("SELECT * FROM mail_mailbox ORDER BY name")
                .query(Mailboxes::map)
                .list();
    }

    private static MailboxDefinition map(ResultSet rs, int row) throws SQLException {
        return new MailboxDefinition(
                rs.getString("name"),
                MailboxDefinition.Source.API,
                new MailboxProperties.Mailbox(
                        rs.getString("address"),
                        rs.getString("host"),
                        rs.getInt("port"),
                        MailboxProperties.Security.valueOf(rs.getString("security")),
                        rs.getString("username"),
                        MailboxProperties.Auth.valueOf(rs.getString("auth")),
                        rs.getString("password_ref"),
                        new MailboxProperties.OAuth(
                                rs.getString("oauth_token_uri"),
                                rs.getString("oauth_client_id"),
                                rs.getString("oauth_client_secret_ref"),
                                rs.getString("oauth_scope")),
                        rs.getString("folder"),
                        rs.getString("processed_folder"),
                        rs.getString("quarantine_folder"),
                        MailboxSettings.UnknownSenderPolicy.valueOf(rs.getString("unknown_senders")),
                        DataSize.ofBytes(rs.getLong("max_message_bytes")),
                        rs.getBoolean("idle"),
                        Duration.ofMillis(rs.getLong("poll_interval_ms")),
                        rs.getBoolean("enabled")));
    }

    /** The names of the mailboxes in the configuration. */
    Map<String, MailboxProperties.Mailbox> configuredMailboxes() {
        return properties.mailboxes();
    }
}
