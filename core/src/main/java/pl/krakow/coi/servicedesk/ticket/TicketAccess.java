package pl.krakow.coi.servicedesk.ticket;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * Who may see and do what with a ticket.
 *
 * <ul>
 *   <li>A requester sees and comments on their own tickets, confirms (closes), reopens or withdraws
 *       them.
 *   <li>An agent sees the tickets their unit holds or handled (the first line registers every
 *       ticket, so it sees all but security incidents) and works those their unit holds.
 *   <li>Security incidents are seen only by IT-02-1, the Director and the deputies (and by the
 *       person who reported one, who sees their own report).
 *   <li>The Director and the deputies see everything; the Chief Strategist sees all but security
 *       incidents; a unit head (a manager bound to an IT unit) sees what the unit handled.
 *   <li>An admin maintains the catalogue and units and reads ordinary tickets.
 * </ul>
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
        RESOLVE,
        CLOSE,
        REOPEN,
        CANCEL,
        ESCALATE_TO_DEPUTY
    }

    public boolean canView(CurrentUser user, TicketState ticket) {
        if (isOwn(user, ticket)) {
            return true;
        }
        boolean security = ticket.type() == TicketType.SECURITY_INCIDENT;
        String unit = user.unit().orElse(null);
        if (user.has(Role.MANAGER)) {
            if (Organisation.isDirectorOrDeputy(unit)) {
                return true;
            }
            if (unit == null || unit.equals("IT-08")) {
                return !security;
            }
            return handled(ticket, unit) && (!security || unit.equals(UnitCode.SECURITY.value()));
        }
        if (user.has(Role.AGENT) && unit != null) {
            return handled(ticket, unit) && (!security || unit.equals(UnitCode.SECURITY.value()));
        }
        return user.has(Role.ADMIN) && !security;
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
                    Action.REQUEST_REMOTE_HANDS));
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

    public void require(Action action, CurrentUser user, TicketState ticket) {
        if (!canView(user, ticket)) {
            // Not revealing that the ticket exists.
            throw ServiceDeskException.notFound("Ticket", ticket.number().value());
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

    /** Who may file tickets, and for whom. */
    public boolean mayFileForOthers(CurrentUser user) {
        return user.hasAny(Role.AGENT, Role.INTEGRATION);
    }

    /**
     * The visibility rule as SQL over the {@code ticket} table (alias {@code t}), for lists; the
     * parameters are {@code :viewer} and {@code :viewerUnit}.
     */
    public String visibilitySql(CurrentUser user) {
        String own = "t.requester_username = :viewer";
        String unit = user.unit().orElse(null);
        String notSecurity = "t.type <> 'SECURITY_INCIDENT'";
        String handled = "t.handled_by_units @> ARRAY[CAST(:viewerUnit AS varchar)]";
        boolean securityUnit = UnitCode.SECURITY.value().equals(unit);
        if (user.has(Role.MANAGER)) {
            if (Organisation.isDirectorOrDeputy(unit)) {
                return "TRUE";
            }
            if (unit == null || unit.equals("IT-08")) {
                return "(" + own + " OR " + notSecurity + ")";
            }
            return "(" + own + " OR (" + handled + (securityUnit ? "" : " AND " + notSecurity) + "))";
        }
        if (user.has(Role.AGENT) && unit != null) {
            return "(" + own + " OR (" + handled + (securityUnit ? "" : " AND " + notSecurity) + "))";
        }
        if (user.has(Role.ADMIN)) {
            return "(" + own + " OR " + notSecurity + ")";
        }
        return own;
    }

    private static boolean isOwn(CurrentUser user, TicketState ticket) {
        return ticket.requester().username().equals(user.username());
    }

    private static boolean handled(TicketState ticket, String unit) {
        return ticket.handledBy().contains(new UnitCode(unit));
    }

    /** An agent of the unit that holds the ticket. */
    private static boolean isWorker(CurrentUser user, TicketState ticket) {
        return user.has(Role.AGENT)
                && user.unit().map(u -> u.equals(ticket.assignedUnit().value())).orElse(false);
    }
}
