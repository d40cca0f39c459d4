package pl.krakow.coi.servicedesk.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * Ticket search, similar incidents, and the reindex (admins). Search answers 503 problem+json
 * ({@code search-unavailable}) while Elasticsearch is unreachable; tickets themselves never depend on it.
 */
@RestController
class SearchController {

    private final TicketSearch search;
    private final SimilarIncidents similar;
    private final Reindexing reindexing;
    private final SearchStatus status;
    private final CurrentUsers currentUsers;

    SearchController(
            TicketSearch search,
            SimilarIncidents similar,
            Reindexing reindexing,
            SearchStatus status,
            CurrentUsers currentUsers) {
        this.search = search;
        this.similar = similar;
        this.reindexing = reindexing;
        this.status = status;
        this.currentUsers = currentUsers;
    }

    /**
     * Searches the tickets the caller may see. Every facet ({@code status}, {@code priority}, {@code
     * type}, {@code unit}, {@code line}, {@code category}, {@code customerUnit}, {@code channel},
     * {@code ci}, {@code assignee}, {@code slaState}) is also a filter parameter and may be repeated.
     * {@code facets} chooses the facets to count (comma-separated or repeated; {@code none} for none); all by
     * default.
     */
    @GetMapping("/api/v1/search/tickets")
    TicketSearch.Result search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> line,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> customerUnit,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(required = false) List<String> ci,
            @RequestParam(required = false) List<String> assignee,
            @RequestParam(required = false) List<String> slaState,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) Instant updatedFrom,
            @RequestParam(required = false) Instant updatedTo,
            @RequestParam(required = false) Instant resolvedFrom,
            @RequestParam(required = false) Instant resolvedTo,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) List<String> facets) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        put(filters, "status", status);
        put(filters, "priority", priority);
        put(filters, "type", type);
        put(filters, "unit", unit);
        put(filters, "line", line);
        put(filters, "category", category);
        put(filters, "customerUnit", customerUnit);
        put(filters, "channel", channel);
        put(filters, "ci", ci);
        put(filters, "assignee", assignee);
        put(filters, "slaState", slaState);
        return search.search(
                new TicketSearch.Request(
                        q,
                        filters,
                        open,
                        createdFrom,
                        createdTo,
                        updatedFrom,
                        updatedTo,
                        resolvedFrom,
                        resolvedTo,
                        sort,
                        size,
                        after,
                        facets),
                currentUsers.current());
    }

    /** Resolved tickets like this one, with their resolution notes. */
    @GetMapping("/api/v1/tickets/{ref}/similar")
    List<SimilarIncidents.Similar> similar(@PathVariable String ref, @RequestParam(defaultValue = "5") int size) {
        return similar.like(ref, size, currentUsers.current());
    }

    /** Resolved tickets like a free text. */
    @GetMapping("/api/v1/search/similar")
    List<SimilarIncidents.Similar> similarToText(
            @RequestParam String text, @RequestParam(defaultValue = "5") int size) {
        return similar.likeText(text, size, currentUsers.current());
    }

    /** The index behind the alias, its size, the outbox lag and recent reindexes. */
    @GetMapping("/api/v1/search/status")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    Map<String, Object> status() {
        return status.describe();
    }

    @PostMapping("/api/v1/search/reindex")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Reindexing.ReindexStatus> reindex() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(reindexing.start(currentUsers.current()));
    }

    @GetMapping("/api/v1/search/reindex/{executionId}")
    @PreAuthorize("hasRole('ADMIN')")
    Reindexing.ReindexStatus reindexStatus(@PathVariable long executionId) {
        return reindexing.status(executionId);
    }

    @PostMapping("/api/v1/search/reindex/{executionId}/stop")
    @PreAuthorize("hasRole('ADMIN')")
    Reindexing.ReindexStatus stop(@PathVariable long executionId) {
        return reindexing.stop(executionId);
    }

    @PostMapping("/api/v1/search/reindex/{executionId}/restart")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Reindexing.ReindexStatus> restart(@PathVariable long executionId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(reindexing.restart(executionId));
    }

    @PostMapping("/api/v1/search/reindex/{executionId}/abandon")
    @PreAuthorize("hasRole('ADMIN')")
    Reindexing.ReindexStatus abandon(@PathVariable long executionId) {
        return reindexing.abandon(executionId);
    }

    private static void put(Map<String, List<String>> filters, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            filters.put(name, values);
        }
    }
}
