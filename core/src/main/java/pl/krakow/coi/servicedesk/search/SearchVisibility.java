package pl.krakow.coi.servicedesk.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * Which tickets a caller may find: {@code TicketAccess.Visibility}, the rule that {@code TicketAccess.canView}
 * and {@code TicketAccess.visibilitySql} also read, as an Elasticsearch filter inside every query (never a
 * filter on the results). Kept as a small expression so that a unit test can evaluate it against {@code
 * TicketAccess.canView} for every kind of caller and ticket.
 */
public sealed interface SearchVisibility {

    /** The filter of a caller who sees what {@code visibility} admits. */
    static SearchVisibility of(TicketAccess.Visibility visibility) {
        if (visibility.everything()) {
            return new Everything();
        }
        List<SearchVisibility> parts = new ArrayList<>();
        parts.add(new Own(visibility.username()));
        if (visibility.allButSecurityIncidents()) {
            parts.add(new NotSecurity());
        }
        if (visibility.allSecurityIncidents()) {
            parts.add(new Security());
        }
        if (!visibility.units().isEmpty()) {
            parts.add(new HandledByAnyOf(new TreeSet<>(visibility.units())));
        }
        return parts.size() == 1 ? parts.get(0) : new AnyOf(parts);
    }

    /** Whether a ticket passes the filter (for tests against {@code TicketAccess.canView}). */
    boolean test(TicketState ticket);

    /** The filter as an Elasticsearch query. */
    Query query();

    record Everything() implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return true;
        }

        public Query query() {
            return Query.of(q -> q.matchAll(m -> m));
        }
    }

    record Own(String username) implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return ticket.requester().username().equals(username);
        }

        public Query query() {
            return Query.of(q -> q.term(t -> t.field(TicketFields.REQUESTER).value(username)));
        }
    }

    record HandledByAnyOf(Set<String> units) implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return ticket.handledBy().stream().anyMatch(u -> units.contains(u.value()));
        }

        public Query query() {
            return Query.of(q -> q.terms(t -> t.field(TicketFields.HANDLED_BY)
                    .terms(v -> v.value(units.stream().map(FieldValue::of).toList()))));
        }
    }

    record Security() implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return ticket.type() == TicketType.SECURITY_INCIDENT;
        }

        public Query query() {
            return Query.of(q -> q.term(t -> t.field(TicketFields.TYPE).value(TicketType.SECURITY_INCIDENT.name())));
        }
    }

    record NotSecurity() implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return ticket.type() != TicketType.SECURITY_INCIDENT;
        }

        public Query query() {
            return Query.of(q -> q.bool(b -> b.mustNot(
                    n -> n.term(t -> t.field(TicketFields.TYPE).value(TicketType.SECURITY_INCIDENT.name())))));
        }
    }

    record AnyOf(List<SearchVisibility> parts) implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return parts.stream().anyMatch(p -> p.test(ticket));
        }

        public Query query() {
            return Query.of(q -> q.bool(
                    b -> b.should(parts.stream().map(SearchVisibility::query).toList())
                            .minimumShouldMatch("1")));
        }
    }

    record AllOf(List<SearchVisibility> parts) implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return parts.stream().allMatch(p -> p.test(ticket));
        }

        public Query query() {
            return Query.of(q -> q.bool(
                    b -> b.filter(parts.stream().map(SearchVisibility::query).toList())));
        }
    }
}
