package pl.krakow.coi.servicedesk.search;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.elasticsearch.QueryDeadline;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.text.PolishText;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;

/**
 * Resolved tickets that look like a given one (or like a free text), with their resolution notes:
 * the first line reads how a similar incident was resolved before escalating. A {@code more_like_this}
 * query over the analysed terms, restricted to resolved and closed tickets with a resolution note,
 * excluding the ticket itself, within the caller's visibility.
 */
@Service
class SimilarIncidents {

    static final int MAX_SIZE = 20;
    static final int MAX_TEXT_LENGTH = 10_000;

    private final ElasticsearchClient client;
    private final TicketIndex index;
    private final TicketService tickets;
    private final TicketAccess access;

    SimilarIncidents(QueryDeadline deadline, TicketIndex index, TicketService tickets, TicketAccess access) {
        this.client = deadline.client();
        this.index = index;
        this.tickets = tickets;
        this.access = access;
    }

    record Similar(
            long id,
            String number,
            String title,
            String category,
            String status,
            String resolution,
            String resolutionNote,
            String resolvedByUnit,
            Instant resolvedAt,
            double score) {}

    /** Incidents like the ticket {@code ref} (which the caller must be allowed to see). */
    List<Similar> like(String ref, int size, CurrentUser user) {
        TicketState ticket = tickets.get(ref, user);
        return search(ticket.title() + "\n" + ticket.description(), ticket.id(), size, user);
    }

    /** Incidents like a free text (e.g. what a caller is describing on the phone). */
    List<Similar> likeText(String text, int size, CurrentUser user) {
        if (text == null || text.isBlank()) {
            throw ServiceDeskException.invalid("text-required", "Give the text to compare with");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw ServiceDeskException.invalid(
                    "text-too-long", "The text may have at most " + MAX_TEXT_LENGTH + " characters");
        }
        return search(text, null, size, user);
    }

    private List<Similar> search(String text, Long exclude, int size, CurrentUser user) {
        if (size < 1 || size > MAX_SIZE) {
            throw ServiceDeskException.invalid("invalid-page-size", "size must be between 1 and " + MAX_SIZE);
        }
        String terms = String.join(" ", PolishText.terms(text));
        List<String> identifiers = PolishText.identifiers(text);
        if (terms.isBlank() && identifiers.isEmpty()) {
            return List.of();
        }
        List<Query> should = new ArrayList<>();
        if (!terms.isBlank()) {
            should.add(Query.of(q -> q.moreLikeThis(m -> m.fields(TITLE_TERMS, DESCRIPTION_TERMS, COMMENT_TERMS)
                    .like(l -> l.text(terms))
                    .analyzer(TicketIndexMapping.WHITESPACE)
                    .minTermFreq(1)
                    .minDocFreq(1)
                    .maxQueryTerms(40)
                    .minimumShouldMatch("20%"))));
        }
        if (!identifiers.isEmpty()) {
            List<FieldValue> values = identifiers.stream().map(FieldValue::of).toList();
            should.add(Query.of(q -> q.constantScore(c -> c.filter(
                            f -> f.terms(t -> t.field(IDENTIFIERS).terms(v -> v.value(values))))
                    .boost(5f))));
        }
        List<Query> filter = List.of(
                SearchVisibility.of(access.visibility(user)).query(),
                Query.of(q -> q.terms(t -> t.field(STATUS)
                        .terms(v -> v.value(List.of(
                                FieldValue.of(TicketStatus.RESOLVED.name()),
                                FieldValue.of(TicketStatus.CLOSED.name())))))),
                Query.of(q -> q.exists(e -> e.field(RESOLUTION_TERMS))));
        Query query = Query.of(q -> q.bool(b -> {
            b.should(should).minimumShouldMatch("1").filter(filter);
            if (exclude != null) {
                b.mustNot(n -> n.term(t -> t.field(ID).value(exclude)));
            }
            return b;
        }));
        SearchResponse<Map<String, Object>> response = TicketSearch.call(
                () -> client.search(s -> s.index(index.alias()).query(query).size(size), TicketSearch.SOURCE));
        List<Similar> similar = new ArrayList<>();
        for (Hit<Map<String, Object>> hit : response.hits().hits()) {
            Map<String, Object> source = hit.source();
            similar.add(new Similar(
                    ((Number) source.get(ID)).longValue(),
                    (String) source.get(NUMBER),
                    (String) source.get(TITLE),
                    (String) source.get(CATEGORY),
                    (String) source.get(STATUS),
                    (String) source.get(RESOLUTION),
                    (String) source.get(RESOLUTION_NOTE),
                    (String) source.get(RESOLVED_BY_UNIT),
                    source.get(RESOLVED_AT) == null
                            ? null
                            : Instant.parse(source.get(RESOLVED_AT).toString()),
                    hit.score() == null ? 0 : hit.score()));
        }
        return similar;
    }
}
