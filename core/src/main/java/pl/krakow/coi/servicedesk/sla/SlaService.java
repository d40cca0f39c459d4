package pl.krakow.coi.servicedesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * A ticket's service levels, computed on demand from its events, the configuration revision it is
 * bound to, and the time: nothing about the clocks is stored, so the answer is always the one the
 * rules give (docs/sla.md).
 */
@Service
public class SlaService {

    private final TicketLookup tickets;
    private final TicketService ticketService;
    private final SlaTickets slaTickets;
    private final SlaConfigurations configurations;
    private final Units units;
    private final Clock clock;

    SlaService(
            TicketLookup tickets,
            TicketService ticketService,
            SlaTickets slaTickets,
            SlaConfigurations configurations,
            Units units,
            Clock clock) {
        this.tickets = tickets;
        this.ticketService = ticketService;
        this.slaTickets = slaTickets;
        this.configurations = configurations;
        this.units = units;
        this.clock = clock;
    }

    /** The service levels of a ticket the caller may see, now; with the segments if {@code explain}. */
    public TicketSla ofTicket(String ref, CurrentUser user, boolean explain) {
        TicketState ticket = ticketService.get(ref, user);
        return compute(ticket, revisionOf(ticket), clock.instant(), explain);
    }

    /** The summary shown in the ticket's representation. */
    public SlaSummary summary(TicketState ticket) {
        return summary(ticket, tickets.history(ticket.id()));
    }

    /**
     * As {@link #summary(TicketState)}, with the ticket's whole history already at hand (a ticket just
     * registered: the events its registration recorded), which is then not read again. A summary needs
     * neither the segments nor the alerts of {@link #compute}.
     */
    public SlaSummary summary(TicketState ticket, List<TicketEvent> history) {
        SlaRuleSet rules = configurations.at(revisionOf(ticket));
        SlaPolicy policy = rules.policyFor(ticket.categoryCode(), customerUnits(ticket));
        return SlaSummary.of(status(history, rules, policy, clock.instant(), false));
    }

    /** The service levels of ticket {@code id} as of {@code now}, with the revision it is bound to. */
    public TicketSla compute(long id, Instant now, boolean explain) {
        TicketState ticket = tickets.state(id).orElseThrow(() -> ServiceDeskException.notFound("Ticket", id));
        return compute(ticket, revisionOf(ticket), now, explain);
    }

    /** The service levels of {@code ticket} under the configuration of {@code revision}. */
    TicketSla compute(TicketState ticket, long revision, Instant now, boolean explain) {
        SlaRuleSet rules = configurations.at(revision);
        SlaPolicy policy = rules.policyFor(ticket.categoryCode(), customerUnits(ticket));
        SlaStatus status = status(tickets.history(ticket.id()), rules, policy, now, explain);
        return new TicketSla(
                ticket.id(), ticket.number().value(), revision, policy, status, slaTickets.alerts(ticket.id()));
    }

    private static SlaStatus status(
            List<TicketEvent> history, SlaRuleSet rules, SlaPolicy policy, Instant now, boolean explain) {
        return SlaClocks.compute(
                history,
                policy,
                rules.calendar(policy, SlaTarget.RESPONSE),
                rules.calendar(policy, SlaTarget.RESOLUTION),
                now,
                explain);
    }

    /**
     * The service levels of many tickets as of {@code now}, by ticket id: the batch variant for the
     * search index and KPIs (ADR 0010 "Consequences"). Three queries for the whole batch (events,
     * bindings, units) whatever its size; each ticket is computed under its own revision.
     */
    public Map<Long, SlaStatus> statuses(Collection<TicketState> batch, Instant now) {
        List<Long> ids = batch.stream().map(TicketState::id).toList();
        return statuses(batch, tickets.histories(ids), now);
    }

    /** As {@link #statuses(Collection, Instant)}, with the tickets' events already loaded. */
    public Map<Long, SlaStatus> statuses(
            Collection<TicketState> batch, Map<Long, List<TicketEvent>> events, Instant now) {
        Map<Long, SlaStatus> statuses = new HashMap<>();
        if (batch.isEmpty()) {
            return statuses;
        }
        Map<Long, Long> revisions =
                slaTickets.revisionsOf(batch.stream().map(TicketState::id).toList());
        Map<String, String> parents = new HashMap<>();
        units.findAll().forEach(unit -> parents.put(unit.code(), unit.parentCode()));
        long current = -1;
        for (TicketState ticket : batch) {
            List<TicketEvent> history = events.getOrDefault(ticket.id(), List.of());
            if (history.isEmpty()
                    || history.get(0).occurredAt().isAfter(now)
                    || history.get(0).type() != TicketEventType.CREATED) {
                // No clocks without the registration (a ticket written by another writer than TicketService):
                // the ticket is indexed without SLA figures rather than holding up the whole batch.
                continue;
            }
            Long revision = revisions.get(ticket.id());
            if (revision == null) {
                if (current < 0) {
                    current = configurations.currentRevision();
                }
                revision = current;
            }
            SlaRuleSet rules = configurations.at(revision);
            SlaPolicy policy = rules.policyFor(ticket.categoryCode(), customerUnits(ticket, parents::get));
            statuses.put(ticket.id(), status(history, rules, policy, now, false));
        }
        return statuses;
    }

    private long revisionOf(TicketState ticket) {
        // Every ticket is bound when it is saved; a missing binding can only be a ticket of another
        // writer than TicketService, which then follows the current configuration.
        return slaTickets.revisionOf(ticket.id()).orElseGet(configurations::currentRevision);
    }

    /**
     * The requester's customer unit and the units above it, nearest first, in one query; a unit no longer in
     * the register stands alone, as in the batch variant.
     */
    private List<String> customerUnits(TicketState ticket) {
        return ticket.requester()
                .customerUnit()
                .map(UnitCode::value)
                .map(code -> {
                    List<String> chain = units.ancestry(code);
                    return chain.isEmpty() ? List.of(code) : chain;
                })
                .orElse(List.of());
    }

    private static List<String> customerUnits(TicketState ticket, Function<String, String> parentOf) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> code = ticket.requester().customerUnit().map(UnitCode::value);
        while (code.isPresent() && seen.add(code.get())) {
            chain.add(code.get());
            code = Optional.ofNullable(parentOf.apply(code.get()));
        }
        return chain;
    }
}
