package pl.krakow.coi.servicedesk.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * Which tickets a caller may find: the rule of {@code TicketAccess.visibilitySql}, as an Elasticsearch
 * filter inside every query (never a filter on the results). Kept as a small expression so that a unit
 * test can evaluate it against {@code TicketAccess.canView} for every kind of caller and ticket.
 */
public sealed interface SearchVisibility {

    /** The filter for {@code user}, mirroring {@code TicketAccess.visibilitySql}. */
    static SearchVisibility of(CurrentUser user) {
        SearchVisibility own = new Own(user.username());
        String unit = user.unit().orElse(null);
        boolean securityUnit = UnitCode.SECURITY.value().equals(unit);
        if (user.has(Role.MANAGER)) {
            if (Organisation.isDirectorOrDeputy(unit)) {
                return new Everything();
            }
            if (unit == null || unit.equals("IT-08")) {
                return new AnyOf(List.of(own, new NotSecurity()));
            }
            return new AnyOf(List.of(own, handledBy(unit, securityUnit)));
        }
        if (user.has(Role.AGENT) && unit != null) {
            return new AnyOf(List.of(own, handledBy(unit, securityUnit)));
        }
        if (user.has(Role.ADMIN)) {
            return new AnyOf(List.of(own, new NotSecurity()));
        }
        return own;
    }

    private static SearchVisibility handledBy(String unit, boolean securityUnit) {
        return securityUnit ? new HandledBy(unit) : new AllOf(List.of(new HandledBy(unit), new NotSecurity()));
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

    record HandledBy(String unit) implements SearchVisibility {
        public boolean test(TicketState ticket) {
            return ticket.handledBy().contains(new UnitCode(unit));
        }

        public Query query() {
            return Query.of(q -> q.term(t -> t.field(TicketFields.HANDLED_BY).value(unit)));
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
