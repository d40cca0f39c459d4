package pl.krakow.coi.servicedesk.ticket;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.ReportingLines;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * Who may see and do what with a ticket (ADR 0005).
 *
 * <ul>
 *   <li>A requester sees and comments on their own tickets, confirms (closes), reopens or withdraws
 *       them.
 *   <li>An agent sees the tickets that their unit, or a unit reporting to it, holds or held (helping
 *       with remote hands counts), and works those their unit holds. The first line registers every
 *       ticket, so it sees every ticket that entered through it.
 *   <li>A security incident is seen by the units that hold or held it (the same rule), by IT-02-1
 *       always, by the Director and the deputies, and by the person who reported it; so the unit
 *       holding one can always act on it. Nobody else sees it: not the Chief Strategist, not admins.
 *   <li>The Director and the deputies see everything; the Chief Strategist sees all but security
 *       incidents; a unit head (a manager bound to a unit) sees what the unit or any unit under it
 *       held, following the reporting lines (IT-05 sees IT-05-1..4's tickets).
 *   <li>An admin maintains the catalogue and units and reads ordinary tickets.
 * </ul>
 *
 * <p>The rule is stated once, as a {@link Visibility}; {@link #canView}, {@link #visibilitySql} and the
 * search filter ({@code search.SearchVisibility}) are its three readings.
 */
@Component
public class TicketAccess {

    /** Things one can do to a ticket. */
    public enum Action {
        VIEW,
        COMMENT,
        COMMENT_INTERNAL,
        UPDATE,
        ASSIGN,
        START,
        WAIT_FOR_REQUESTER,
        ESCALATE,
        REASSIGN,
        HAND_BACK,
        REQUEST_REMOTE_HANDS,
        RECLASSIFY,
        RESOLVE,
        CLOSE,
        REOPEN,
        CANCEL,
        ESCALATE_TO_DEPUTY
    }

    /**
     * Which tickets a caller sees: their own; every ticket ({@code everything}); every ticket but security
     * incidents ({@code allButSecurityIncidents}); tickets that one of {@code units} holds or held; every
     * security incident ({@code allSecurityIncidents}, IT-02-1 and those over it).
     */
    public record Visibility(
            String username,
            boolean everything,
            boolean allButSecurityIncidents,
            Set<String> units,
            boolean allSecurityIncidents) {

        public Visibility {
            units = Set.copyOf(units);
        }

        /** Whether this caller sees {@code ticket}. */
        public boolean admits(TicketState ticket) {
            boolean security = ticket.type() == TicketType.SECURITY_INCIDENT;
            return ticket.requester().username().equals(username)
                    || everything
                    || (allButSecurityIncidents && !security)
                    || (allSecurityIncidents && security)
                    || ticket.handledBy().stream().anyMatch(u -> units.contains(u.value()));
        }
    }

    private final ReportingLines reportingLines;

    public TicketAccess(ReportingLines reportingLines) {
        this.reportingLines = reportingLines;
    }

    /** Which tickets {@code user} sees. */
    public Visibility visibility(CurrentUser user) {
        String unit = user.unit().orElse(null);
        boolean manager = user.has(Role.MANAGER);
        if (manager && Organisation.isDirectorOrDeputy(unit)) {
            return new Visibility(user.username(), true, false, Set.of(), false);
        }
        if (manager && (unit == null || unit.equals("IT-08"))) {
            return new Visibility(user.username(), false, true, Set.of(), false);
        }
        if ((manager || user.has(Role.AGENT)) && unit != null) {
            // A unit claim that is no unit code (an identity provider's typo) grants no unit's tickets; it
            // must not make every list of this caller fail either.
            Set<String> units = reportingLines.unitsUnder(unit).stream()
                    .filter(UnitCode::isValid)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return new Visibility(
                    user.username(), false, user.has(Role.ADMIN), units, units.contains(UnitCode.SECURITY.value()));
        }
        return new Visibility(user.username(), false, user.has(Role.ADMIN), Set.of(), false);
    }

    public boolean canView(CurrentUser user, TicketState ticket) {
        return visibility(user).admits(ticket);
    }

    /**
     * The actions {@code user} may take on {@code ticket} in its current state: what the caller is
     * permitted to do, narrowed to what the lifecycle allows now (a hint for clients).
     */
    public Set<Action> allowed(CurrentUser user, TicketState ticket) {
        Set<Action> allowed = permitted(user, ticket);
        TicketStatus status = ticket.status();
        boolean open = status.isOpen();
        allowed.removeIf(action -> switch (action) {
            case VIEW -> false;
            case COMMENT, COMMENT_INTERNAL -> status == TicketStatus.CLOSED || status == TicketStatus.CANCELLED;
            case START -> status != TicketStatus.NEW && status != TicketStatus.ASSIGNED;
            case WAIT_FOR_REQUESTER -> status == TicketStatus.WAITING_FOR_REQUESTER || !open;
            case CLOSE, REOPEN -> status != TicketStatus.RESOLVED;
            case ESCALATE -> !open || ticket.line() != SupportLine.FIRST;
            case REASSIGN, HAND_BACK -> !open || ticket.line() == SupportLine.FIRST;
            case REQUEST_REMOTE_HANDS ->
                !open
                        || ticket.line() == SupportLine.FIRST
                        || ticket.assignedUnit().equals(UnitCode.USER_SUPPORT);
            default -> !open;
        });
        return allowed;
    }

    /**
     * What {@code user} is permitted to do with {@code ticket} by their role and unit, whatever its
     * status (a ticket in the wrong status is the lifecycle's refusal, a 409, not a 403).
     */
    Set<Action> permitted(CurrentUser user, TicketState ticket) {
        Set<Action> permitted = EnumSet.noneOf(Action.class);
        if (!canView(user, ticket)) {
            return permitted;
        }
        permitted.add(Action.VIEW);
        permitted.add(Action.COMMENT);
        boolean own = isOwn(user, ticket);
        boolean worker = isWorker(user, ticket);
        if (user.hasAny(Role.AGENT, Role.MANAGER)) {
            permitted.add(Action.COMMENT_INTERNAL);
        }
        if (worker) {
            permitted.addAll(EnumSet.of(
                    Action.UPDATE,
                    Action.ASSIGN,
                    Action.START,
                    Action.WAIT_FOR_REQUESTER,
                    Action.RESOLVE,
                    Action.CANCEL,
                    Action.ESCALATE,
                    Action.REASSIGN,
                    Action.HAND_BACK,
                    Action.REQUEST_REMOTE_HANDS,
                    Action.RECLASSIFY));
        }
        if (isSecurityAgent(user) && ticket.type() == TicketType.SECURITY_INCIDENT) {
            // IT-02-1 decides what is a security incident, wherever one is.
            permitted.add(Action.RECLASSIFY);
        }
        if (worker || user.has(Role.MANAGER)) {
            permitted.add(Action.ESCALATE_TO_DEPUTY);
        }
        boolean resolver = user.has(Role.AGENT)
                && ticket.resolvedByUnit() != null
                && user.unit()
                        .map(u -> u.equals(ticket.resolvedByUnit().value()))
                        .orElse(false);
        if (own || worker || resolver) {
            permitted.add(Action.CLOSE);
            permitted.add(Action.REOPEN);
        }
        if (own) {
            permitted.add(Action.CANCEL);
        }
        return permitted;
    }

    /**
     * Refuses {@code action} unless {@code user} may take it: a 404 naming only {@code ref}, the caller's own
     * words, when the ticket is not theirs to see (the same answer as for a ticket that does not exist), a 403
     * when they see it but may not take the action.
     */
    public void require(Action action, CurrentUser user, TicketState ticket, String ref) {
        if (!canView(user, ticket)) {
            throw ServiceDeskException.notFound("Ticket", ref);
        }
        if (!permitted(user, ticket).contains(action)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "You may not " + action.name().toLowerCase().replace('_', ' ') + " ticket " + ticket.number() + " ("
                            + ticket.status() + ", with " + ticket.assignedUnit() + ")",
                    Map.of("action", action.name()));
        }
    }

    /**
     * Refuses taking a security incident out of the restricted visibility unless IT-02-1 does it, or the
     * first line at intake (before the ticket was first escalated) finds the suspicion unfounded.
     */
    public void requireReclassification(CurrentUser user, TicketState ticket, TicketType to) {
        if (ticket.type() != TicketType.SECURITY_INCIDENT || to == TicketType.SECURITY_INCIDENT) {
            return;
        }
        boolean atIntake = isWorker(user, ticket)
                && ticket.assignedUnit().equals(UnitCode.FIRST_LINE)
                && ticket.escalationCount() == 0;
        if (!isSecurityAgent(user) && !atIntake) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Only IT-02-1, or the first line at intake, decides that " + ticket.number()
                            + " is not a security incident",
                    Map.of("action", Action.RECLASSIFY.name()));
        }
    }

    /** Whether {@code user} is an agent of the unit that holds {@code ticket} now. */
    public boolean isHoldingAgent(CurrentUser user, TicketState ticket) {
        return isWorker(user, ticket);
    }

    /** Who may file tickets, and for whom. */
    public boolean mayFileForOthers(CurrentUser user) {
        return user.hasAny(Role.AGENT, Role.INTEGRATION);
    }

    /**
     * The visibility rule as SQL over the {@code ticket} table (alias {@code t}), for lists; the
     * parameter is {@code :viewer} (the units are written into the SQL: unit codes are letters, digits and
     * hyphens only).
     */
    public String visibilitySql(CurrentUser user) {
        Visibility visibility = visibility(user);
        if (visibility.everything()) {
            return "TRUE";
        }
        List<String> parts = new ArrayList<>();
        parts.add("t.requester_username = :viewer");
        if (visibility.allButSecurityIncidents()) {
            parts.add("t.type <> 'SECURITY_INCIDENT'");
        }
        if (visibility.allSecurityIncidents()) {
            parts.add("t.type = 'SECURITY_INCIDENT'");
        }
        if (!visibility.units().isEmpty()) {
            String units = visibility.units().stream()
                    .map(u -> "'" + new UnitCode(u).value() + "'")
                    .sorted()
                    .collect(Collectors.joining(", "));
            parts.add("t.handled_by_units && CAST(ARRAY[" + units + "] AS varchar[])");
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    private static boolean isSecurityAgent(CurrentUser user) {
        return user.has(Role.AGENT)
                && user.unit().map(UnitCode.SECURITY.value()::equals).orElse(false);
    }

    private static boolean isOwn(CurrentUser user, TicketState ticket) {
        return ticket.requester().username().equals(user.username());
    }

    /** An agent of the unit that holds the ticket. */
    private static boolean isWorker(CurrentUser user, TicketState ticket) {
        return user.has(Role.AGENT)
                && user.unit().map(u -> u.equals(ticket.assignedUnit().value())).orElse(false);
    }
}
