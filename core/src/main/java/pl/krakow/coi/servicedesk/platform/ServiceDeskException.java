package pl.krakow.coi.servicedesk.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller can act on, with a stable problem type. Domain code throws subclasses; the
 * web adapter renders them as RFC 9457 problem details ({@code type} = base URI + {@link #type()}).
 */
public class ServiceDeskException extends RuntimeException {

    /** What kind of failure this is; the web adapter maps each kind to one HTTP status. */
    public enum Kind {
        INVALID_INPUT,
        NOT_FOUND,
        FORBIDDEN,
        CONFLICT,
        STALE_VERSION,
        RULE_VIOLATION,
        PAYLOAD_TOO_LARGE,
        UNAVAILABLE,
        /** The content is of a type the service refuses (415). */
        UNSUPPORTED_MEDIA_TYPE,
        /** The resource existed and was removed (410). */
        GONE
    }

    private final Kind kind;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;

    public ServiceDeskException(Kind kind, String type, String title, String detail) {
        this(kind, type, title, detail, Map.of());
    }

    public ServiceDeskException(Kind kind, String type, String title, String detail, Map<String, ?> properties) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.properties = new LinkedHashMap<>(properties);
    }

    public Kind kind() {
        return kind;
    }

    /** The stable problem type slug, e.g. {@code escalation-requires-handover}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    public static ServiceDeskException notFound(String what, Object id) {
        return new ServiceDeskException(
                Kind.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist", Map.of("id", id));
    }

    public static ServiceDeskException invalid(String type, String detail) {
        return new ServiceDeskException(Kind.INVALID_INPUT, type, "Invalid input", detail);
    }
}
