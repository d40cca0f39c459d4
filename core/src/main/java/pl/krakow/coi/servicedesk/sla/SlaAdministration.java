package pl.krakow.coi.servicedesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Maintaining the SLA configuration (admins): calendars and policies, each change a new audited
 * revision; and the explicit, audited recomputation that applies the changes to open tickets.
 *
 * <p>A change does not alter the service levels of existing tickets by itself: each ticket follows
 * the revision it was bound to when registered (closed tickets keep theirs for good, so past
 * compliance never changes behind anyone's back). New tickets follow the current revision at once.
 */
@Service
class SlaAdministration {

    static final String CALENDAR = "CALENDAR";
    static final String POLICY = "POLICY";

    private final SlaConfigurations configurations;
    private final SlaTickets slaTickets;
    private final SlaRecomputations recomputations;
    private final SlaService sla;
    private final TicketLookup tickets;
    private final Categories categories;
    private final Units units;
    private final Clock clock;

    SlaAdministration(
            SlaConfigurations configurations,
            SlaTickets slaTickets,
            SlaRecomputations recomputations,
            SlaService sla,
            TicketLookup tickets,
            Categories categories,
            Units units,
            Clock clock) {
        this.configurations = configurations;
        this.slaTickets = slaTickets;
        this.recomputations = recomputations;
        this.sla = sla;
        this.tickets = tickets;
        this.categories = categories;
        this.units = units;
        this.clock = clock;
    }

    public List<Versioned<BusinessCalendar>> calendars() {
        return configurations.calendars();
    }

    public Versioned<BusinessCalendar> calendar(String code) {
        return configurations.calendar(code).orElseThrow(() -> ServiceDeskException.notFound("Calendar", code));
    }

    public List<Versioned<SlaPolicy>> policies() {
        return configurations.policies();
    }

    public Versioned<SlaPolicy> policy(String code) {
        return configurations.policy(code).orElseThrow(() -> ServiceDeskException.notFound("SLA policy", code));
    }

    /** The latest configuration changes, newest first. */
    public List<ConfigRevision> revisions(int limit) {
        return configurations.history(limit);
    }

    /** The configuration as of a revision (what a ticket bound to it follows). */
    public SlaRuleSet ruleSet(long revision) {
        if (revision < 1 || revision > configurations.currentRevision()) {
            throw ServiceDeskException.notFound("SLA configuration revision", revision);
        }
        return configurations.at(revision);
    }

    @Transactional
    public Versioned<BusinessCalendar> createCalendar(BusinessCalendar calendar, CurrentUser user) {
        configurations.lockForChange();
        if (configurations.calendar(calendar.code()).isPresent()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "calendar-exists",
                    "Calendar exists",
                    "Calendar " + calendar.code() + " exists; change it with PUT");
        }
        long revision = configurations.newRevision(
                CALENDAR, calendar.code(), "CREATED", user.username(), clock.instant(), ConfigDiff.describe(calendar));
        configurations.insertCalendar(calendar, revision);
        return calendar(calendar.code());
    }

    @Transactional
    public Versioned<BusinessCalendar> updateCalendar(
            String code, BusinessCalendar calendar, long expectedRevision, CurrentUser user) {
        requireSameCode(code, calendar.code());
        configurations.lockForChange();
        Versioned<BusinessCalendar> current = calendar(code);
        requireRevision("Calendar " + code, current.revision(), expectedRevision);
        List<String> changes = ConfigDiff.between(current.value(), calendar);
        if (changes.isEmpty()) {
            return current;
        }
        long revision = configurations.newRevision(
                CALENDAR, code, "UPDATED", user.username(), clock.instant(), String.join("; ", changes));
        configurations.insertCalendar(calendar, revision);
        return calendar(code);
    }

    @Transactional
    public Versioned<SlaPolicy> createPolicy(SlaPolicy policy, CurrentUser user) {
        configurations.lockForChange();
        if (configurations.policyCodeUsed(policy.code())) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "policy-exists",
                    "Policy exists",
                    "SLA policy " + policy.code() + " exists or existed; change it with PUT or choose another code");
        }
        List<SlaPolicy> after = new ArrayList<>(currentPolicies());
        after.add(policy);
        validate(policy, after);
        long revision = configurations.newRevision(
                POLICY, policy.code(), "CREATED", user.username(), clock.instant(), ConfigDiff.describe(policy));
        configurations.insertPolicy(policy, revision, false);
        return policy(policy.code());
    }

    @Transactional
    public Versioned<SlaPolicy> updatePolicy(String code, SlaPolicy policy, long expectedRevision, CurrentUser user) {
        requireSameCode(code, policy.code());
        configurations.lockForChange();
        Versioned<SlaPolicy> current = policy(code);
        requireRevision("SLA policy " + code, current.revision(), expectedRevision);
        List<SlaPolicy> after = new ArrayList<>(currentPolicies());
        after.removeIf(p -> p.code().equals(code));
        after.add(policy);
        validate(policy, after);
        List<String> changes = ConfigDiff.between(current.value(), policy);
        if (changes.isEmpty()) {
            return current;
        }
        long revision = configurations.newRevision(
                POLICY, code, "UPDATED", user.username(), clock.instant(), String.join("; ", changes));
        configurations.insertPolicy(policy, revision, false);
        return policy(code);
    }

    @Transactional
    public void deletePolicy(String code, long expectedRevision, CurrentUser user) {
        configurations.lockForChange();
        Versioned<SlaPolicy> current = policy(code);
        requireRevision("SLA policy " + code, current.revision(), expectedRevision);
        if (current.value().scope().isDefault()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.RULE_VIOLATION,
                    "default-policy-required",
                    "Default policy required",
                    "Policy " + code + " is the default (it covers every ticket no other policy covers); change it"
                            + " instead of deleting it");
        }
        long revision = configurations.newRevision(
                POLICY,
                code,
                "DELETED",
                user.username(),
                clock.instant(),
                "deleted " + ConfigDiff.describe(current.value()));
        configurations.insertPolicy(current.value(), revision, true);
    }

    /**
     * Applies the current configuration to every open ticket that follows an older revision: computes
     * each ticket's service levels before and after, rebinds it, asks the timers to check it, and
     * stores who did it, when, why, which changes were applied and what changed for each ticket. With
     * {@code dryRun} only the comparison is returned, nothing is stored.
     */
    @Transactional
    public Recomputation recompute(String reason, boolean dryRun, CurrentUser user) {
        if (reason == null || reason.strip().length() < 10 || reason.length() > 2000) {
            throw ServiceDeskException.invalid(
                    "reason-required", "A recomputation needs a reason of 10 to 2000 characters (it is audited)");
        }
        configurations.lockForChange();
        Instant now = clock.instant();
        long to = configurations.currentRevision();
        List<SlaTickets.Binding> bindings = slaTickets.lockOpenBoundBefore(to);
        List<Recomputation.TicketChange> changes = new ArrayList<>();
        long oldest = to;
        for (SlaTickets.Binding binding : bindings) {
            TicketState ticket = tickets.state(binding.ticketId()).orElseThrow();
            TicketSla before = sla.compute(ticket, binding.revision(), now, false);
            TicketSla after = sla.compute(ticket, to, now, false);
            Recomputation.Outcome was = outcome(before);
            Recomputation.Outcome is = outcome(after);
            changes.add(new Recomputation.TicketChange(
                    ticket.id(),
                    ticket.number().value(),
                    binding.revision(),
                    before.policy().code(),
                    after.policy().code(),
                    was,
                    is,
                    !was.equals(is)
                            || !before.policy().code().equals(after.policy().code())));
            oldest = Math.min(oldest, binding.revision());
        }
        Recomputation recomputation = new Recomputation(
                null,
                user.username(),
                now,
                reason.strip(),
                to,
                configurations.revisions(oldest, to),
                changes.size(),
                (int) changes.stream()
                        .filter(Recomputation.TicketChange::changed)
                        .count(),
                changes);
        if (dryRun) {
            return recomputation;
        }
        for (SlaTickets.Binding binding : bindings) {
            slaTickets.rebind(binding.ticketId(), to, now);
        }
        long id = recomputations.insert(recomputation);
        return recomputations.find(id).orElseThrow();
    }

    public List<Recomputation> recomputations(int limit) {
        return recomputations.latest(limit);
    }

    public Recomputation recomputation(long id) {
        return recomputations.find(id).orElseThrow(() -> ServiceDeskException.notFound("Recomputation", id));
    }

    private static Recomputation.Outcome outcome(TicketSla sla) {
        SlaSummary summary = SlaSummary.of(sla.status());
        return new Recomputation.Outcome(summary.response(), summary.resolution());
    }

    private List<SlaPolicy> currentPolicies() {
        return configurations.policies().stream().map(Versioned::value).toList();
    }

    /** A policy's calendars, category and customer unit must exist; scopes are unique; one default. */
    private void validate(SlaPolicy policy, List<SlaPolicy> after) {
        for (String calendar : List.of(policy.responseCalendar(), policy.resolutionCalendar())) {
            if (configurations.calendar(calendar).isEmpty()) {
                throw ServiceDeskException.invalid("unknown-calendar", "There is no calendar " + calendar);
            }
        }
        String category = policy.scope().categoryCode();
        if (category != null && categories.find(category).isEmpty()) {
            throw ServiceDeskException.invalid("unknown-category", "There is no service category " + category);
        }
        String unit = policy.scope().customerUnit();
        if (unit != null) {
            Optional<Unit> found = units.find(unit);
            if (found.isEmpty()) {
                throw ServiceDeskException.invalid("unknown-unit", "There is no unit " + unit);
            }
        }
        long sameScope =
                after.stream().filter(p -> p.scope().equals(policy.scope())).count();
        if (sameScope > 1) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.RULE_VIOLATION,
                    "duplicate-policy-scope",
                    "Duplicate policy scope",
                    "Another policy already covers " + policy.scope(),
                    Map.of("scope", policy.scope().toString()));
        }
        if (after.stream().noneMatch(p -> p.scope().isDefault())) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.RULE_VIOLATION,
                    "default-policy-required",
                    "Default policy required",
                    "One policy must cover every ticket no other policy covers (no category, no customer unit)");
        }
    }

    private static void requireSameCode(String path, String body) {
        if (!path.equals(body)) {
            throw ServiceDeskException.invalid("code-mismatch", "The body's code must be " + path);
        }
    }

    private static void requireRevision(String what, long current, long expected) {
        if (current != expected) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.STALE_VERSION,
                    "stale-version",
                    "Stale version",
                    what + " is at revision " + current + ", not " + expected + "; fetch it again and retry",
                    Map.of("currentVersion", current));
        }
    }
}
