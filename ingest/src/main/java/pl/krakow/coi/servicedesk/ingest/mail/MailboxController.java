package pl.krakow.coi.servicedesk.ingest.mail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * The admins' mailboxes ({@code /api/v1/admin/mailboxes}, docs/ingest/email.md): every mailbox read, those of the
 * configuration (read-only here) and those defined here, each with its status (which replica reads it, the last
 * successful read, the last error, IDLE or polling). A mailbox defined here holds references to its secrets
 * ({@code env:VAR}, {@code file:/path}), never a secret: a body with a password or client secret is refused.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class MailboxController {

    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";

    private final Mailboxes mailboxes;
    private final MailboxStatuses statuses;
    private final CurrentUsers currentUsers;
    private final ObjectProvider<MailboxReaders> readers;

    MailboxController(
            Mailboxes mailboxes,
            MailboxStatuses statuses,
            CurrentUsers currentUsers,
            ObjectProvider<MailboxReaders> readers) {
        this.mailboxes = mailboxes;
        this.statuses = statuses;
        this.currentUsers = currentUsers;
        this.readers = readers;
    }

    /** The OAuth client of an XOAUTH2 mailbox as the API shows and takes it (a reference to its secret). */
    record OAuthBody(String tokenUri, String clientId, String clientSecretRef, String scope, String clientSecret) {}

    /** A mailbox as an admin writes it; {@code password} and {@code oauth.clientSecret} are refused. */
    record MailboxBody(
            String address,
            String host,
            Integer port,
            String security,
            String username,
            String auth,
            String passwordRef,
            String password,
            OAuthBody oauth,
            String folder,
            String processedFolder,
            String quarantineFolder,
            String unknownSenders,
            String maxMessageSize,
            Boolean idle,
            String pollInterval,
            Boolean enabled) {}

    /** How a mailbox is being read. */
    record StatusView(
            String holder,
            Instant leaseExpiresAt,
            boolean idleInUse,
            Instant lastReadAt,
            String lastError,
            Instant lastErrorAt) {}

    /** The OAuth client as listed: references only. */
    record OAuthView(String tokenUri, String clientId, String clientSecretRef, String scope) {}

    /** A mailbox as listed. */
    record MailboxView(
            String name,
            String source,
            boolean readOnly,
            String address,
            String host,
            int port,
            String security,
            String username,
            String auth,
            String passwordRef,
            OAuthView oauth,
            String folder,
            String processedFolder,
            String quarantineFolder,
            String unknownSenders,
            long maxMessageBytes,
            boolean idle,
            String pollInterval,
            boolean enabled,
            StatusView status) {}

    @GetMapping("/api/v1/admin/mailboxes")
    List<MailboxView> list() {
        Map<String, MailboxStatuses.Status> all = statuses.all();
        return mailboxes.all().stream()
                .map(m -> view(m, all.getOrDefault(m.name(), MailboxStatuses.Status.NONE)))
                .toList();
    }

    @GetMapping("/api/v1/admin/mailboxes/{name}")
    MailboxView get(@PathVariable String name) {
        MailboxDefinition definition =
                mailboxes.find(name).orElseThrow(() -> ServiceDeskException.notFound("Mailbox", name));
        return view(definition, statuses.all().getOrDefault(name, MailboxStatuses.Status.NONE));
    }

    @PutMapping("/api/v1/admin/mailboxes/{name}")
    ResponseEntity<MailboxView> put(@PathVariable String name, @RequestBody MailboxBody body) {
        if (!name.matches(NAME)) {
            throw ServiceDeskException.invalid(
                    "invalid-mailbox-name",
                    "A mailbox name has 1 to 63 lower-case letters, digits and hyphens, starting with a letter or"
                            + " digit");
        }
        requireWritable(name);
        if (body == null) {
            throw ServiceDeskException.invalid("invalid-mailbox", "A mailbox needs a body");
        }
        if (body.password() != null || (body.oauth() != null && body.oauth().clientSecret() != null)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.RULE_VIOLATION,
                    "inline-secret-refused",
                    "Secret refused",
                    "The API stores references to secrets, never secrets: give passwordRef or"
                            + " oauth.clientSecretRef as env:VAR or file:/path (the secret is not stored)");
        }
        MailboxProperties.Mailbox mailbox = validate(body);
        String address = mailbox.address().toLowerCase(Locale.ROOT);
        for (MailboxDefinition other : mailboxes.all()) {
            if (!other.name().equals(name)
                    && other.mailbox().address() != null
                    && other.mailbox().address().strip().equalsIgnoreCase(address)) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.RULE_VIOLATION,
                        "mailbox-address-taken",
                        "Address taken",
                        "Mailbox " + other.name() + " already receives " + address,
                        Map.of("mailbox", other.name()));
            }
        }
        boolean created = mailboxes.save(name, mailbox, currentUsers.current().username());
        readers.ifAvailable(MailboxReaders::wake);
        MailboxView view = get(name);
        return created
                ? ResponseEntity.created(URI.create("/api/v1/admin/mailboxes/" + name))
                        .body(view)
                : ResponseEntity.ok(view);
    }

    @DeleteMapping("/api/v1/admin/mailboxes/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        requireWritable(name);
        if (!mailboxes.delete(name)) {
            throw ServiceDeskException.notFound("Mailbox", name);
        }
        statuses.forget(name);
        readers.ifAvailable(MailboxReaders::wake);
        return ResponseEntity.noContent().build();
    }

    private void requireWritable(String name) {
        if (mailboxes.configured(name)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "mailbox-configured",
                    "Mailbox in the configuration",
                    "Mailbox " + name + " is defined by servicedesk.mail.mailboxes." + name
                            + " and is changed there, not through the API");
        }
    }

    /** The body as a mailbox, or a 400 listing every invalid field. */
    private static MailboxProperties.Mailbox validate(MailboxBody body) {
        List<Map<String, String>> errors = new ArrayList<>();
        String address = trim(body.address());
        if (address == null || address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(error("address", "one e-mail address, the desk's address this mailbox receives"));
        }
        String host = trim(body.host());
        if (host == null || host.length() > 253 || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            errors.add(error("host", "a host name or address"));
        }
        if (body.port() != null && (body.port() < 1 || body.port() > 65535)) {
            errors.add(error("port", "1 to 65535"));
        }
        MailboxProperties.Security security = parse(
                MailboxProperties.Security.class,
                body.security(),
                MailboxProperties.Security.IMAPS,
                "security",
                errors);
        String username = trim(body.username());
        if (username == null || username.length() > 254) {
            errors.add(error("username", "required, at most 254 characters"));
        }
        MailboxProperties.Auth auth =
                parse(MailboxProperties.Auth.class, body.auth(), MailboxProperties.Auth.BASIC, "auth", errors);
        OAuthBody oauth = body.oauth() == null ? new OAuthBody(null, null, null, null, null) : body.oauth();
        if (auth == MailboxProperties.Auth.BASIC) {
            if (!SecretReferences.valid(body.passwordRef())) {
                errors.add(error("passwordRef", "a secret reference: env:VAR or file:/absolute/path"));
            }
        } else if (auth == MailboxProperties.Auth.XOAUTH2) {
            if (!tokenUri(oauth.tokenUri())) {
                errors.add(error("oauth.tokenUri", "an https URI (http only for localhost)"));
            }
            if (trim(oauth.clientId()) == null || oauth.clientId().length() > 200) {
                errors.add(error("oauth.clientId", "required, at most 200 characters"));
            }
            if (!SecretReferences.valid(oauth.clientSecretRef())) {
                errors.add(error("oauth.clientSecretRef", "a secret reference: env:VAR or file:/absolute/path"));
            }
            if (oauth.scope() != null && oauth.scope().length() > 500) {
                errors.add(error("oauth.scope", "at most 500 characters"));
            }
        }
        for (Map.Entry<String, String> folder : Map.of(
                        "folder", String.valueOf(body.folder()),
                        "processedFolder", String.valueOf(body.processedFolder()),
                        "quarantineFolder", String.valueOf(body.quarantineFolder()))
                .entrySet()) {
            String value = folder.getValue();
            if (!"null".equals(value)
                    && (value.isBlank() || value.length() > 200 || value.chars().anyMatch(c -> c < 32))) {
                errors.add(error(folder.getKey(), "a folder name of 1 to 200 printable characters"));
            }
        }
        MailboxSettings.UnknownSenderPolicy unknown = parse(
                MailboxSettings.UnknownSenderPolicy.class,
                body.unknownSenders(),
                MailboxSettings.UnknownSenderPolicy.CREATE_EXTERNAL,
                "unknownSenders",
                errors);
        DataSize max = null;
        if (body.maxMessageSize() != null) {
            try {
                max = DataSize.parse(body.maxMessageSize().strip());
                if (max.toBytes() < 1024
                        || max.toBytes() > DataSize.ofMegabytes(200).toBytes()) {
                    errors.add(error("maxMessageSize", "1KB to 200MB"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(error("maxMessageSize", "a size such as 25MB"));
            }
        }
        Duration poll = null;
        if (body.pollInterval() != null) {
            try {
                poll = DurationStyle.detectAndParse(body.pollInterval().strip());
                if (poll.compareTo(Duration.ofSeconds(1)) < 0 || poll.compareTo(Duration.ofHours(24)) > 0) {
                    errors.add(error("pollInterval", "1s to 24h"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(error("pollInterval", "a duration such as 30s or PT30S"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.INVALID_INPUT,
                    "invalid-mailbox",
                    "Invalid mailbox",
                    "The mailbox has invalid values",
                    Map.of("errors", errors));
        }
        return new MailboxProperties.Mailbox(
                address,
                host,
                body.port(),
                security,
                username,
                auth,
                auth == MailboxProperties.Auth.BASIC ? body.passwordRef() : null,
                auth == MailboxProperties.Auth.XOAUTH2
                        ? new MailboxProperties.OAuth(
                                oauth.tokenUri(),
                                oauth.clientId().strip(),
                                oauth.clientSecretRef(),
                                trim(oauth.scope()))
                        : null,
                body.folder(),
                body.processedFolder(),
                body.quarantineFolder(),
                unknown,
                max,
                body.idle(),
                poll,
                body.enabled());
    }

    private static boolean tokenUri(String value) {
        if (value == null || value.length() > 1000) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                return false;
            }
            if ("https".equals(uri.getScheme())) {
                return true;
            }
            return "http".equals(uri.getScheme())
                    && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, String value, E fallback, String field, List<Map<String, String>> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .toList();
            errors.add(error(field, "one of " + String.join(", ", names)));
            return null;
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** A reference as listed: a configured value that is not a reference may be a secret written there by mistake. */
    private static String shown(String reference) {
        if (reference == null) {
            return null;
        }
        return SecretReferences.valid(reference) ? reference : "(not a reference; not shown)";
    }

    static MailboxView view(MailboxDefinition definition, MailboxStatuses.Status status) {
        MailboxProperties.Mailbox m = definition.mailbox();
        boolean oauth = m.auth() == MailboxProperties.Auth.XOAUTH2;
        return new MailboxView(
                definition.name(),
                definition.source().name(),
                definition.source() == MailboxDefinition.Source.PROPERTIES,
                m.address(),
                m.host(),
                m.port(),
                m.security().name(),
                m.username(),
                m.auth().name(),
                oauth ? null : shown(m.passwordRef()),
                oauth
                        ? new OAuthView(
                                m.oauth().tokenUri(),
                                m.oauth().clientId(),
                                shown(m.oauth().clientSecretRef()),
                                m.oauth().scope())
                        : null,
                m.folder(),
                m.processedFolder(),
                m.quarantineFolder(),
                m.unknownSenders().name(),
                m.maxMessageSize().toBytes(),
                m.idle(),
                m.pollInterval().toString(),
                m.enabled(),
                new StatusView(
                        status.holder(),
                        status.leaseExpiresAt(),
                        status.idle(),
                        status.lastReadAt(),
                        status.lastError(),
                        status.lastErrorAt()));
    }
}
