package pl.krakow.coi.servicedesk.search;

import java.util.Map;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** Search cannot answer now (Elasticsearch unreachable, or the index not created yet): a 503. */
final class SearchUnavailable {

    static final String TYPE = "search-unavailable";

    private SearchUnavailable() {}

    static ServiceDeskException because(Throwable cause) {
        ServiceDeskException e = new ServiceDeskException(
                ServiceDeskException.Kind.UNAVAILABLE,
                TYPE,
                "Search unavailable",
                "Search is unavailable right now; tickets can still be filed, viewed and listed, and every"
                        + " change will be searchable once search is back",
                Map.of("retryAfterSeconds", 10));
        e.initCause(cause);
        return e;
    }
}
