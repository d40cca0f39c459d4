package pl.krakow.coi.servicedesk.platform.web;

import java.net.URI;

/**
 * Stable problem types. Each {@code type} of a problem response is {@link #BASE} followed by a slug;
 * clients may switch on it. The slugs are documented in docs/api/problems.md.
 */
public final class ProblemTypes {

    public static final String BASE = "https://servicedesk.coi.krakow.pl/problems/";

    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String CONFLICT = "conflict";
    public static final String STALE_VERSION = "stale-version";
    public static final String PRECONDITION_REQUIRED = "precondition-required";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    public static final String DATABASE_UNAVAILABLE = "database-unavailable";
    public static final String INVALID_VALUE = "invalid-value";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemTypes() {}

    public static URI uri(String slug) {
        return URI.create(BASE + slug);
    }
}
