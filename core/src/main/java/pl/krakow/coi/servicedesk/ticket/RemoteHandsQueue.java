package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;

/**
 * The providing unit's queue of remote-hands tasks (§13.8): the list, assignment to a person of the unit,
 * and cancellation by the requesting side. Every change is recorded as an event of the task's ticket, in
 * the transaction that makes it, with the ticket locked.
 */
@Service
class RemoteHandsQueue {

    /** At most this many tasks per page. */
    public static final int MAX_PAGE_SIZE = 100;

    private final RemoteHandsTasks tasks;
    private final TicketService tickets;
    private final People people;

    RemoteHandsQueue(RemoteHandsTasks tasks, TicketService tickets, People people) {
        this.tasks = tasks;
        this.tickets = tickets;
        this.people = people;
    }

    /**
     * A unit's tasks, soonest due first. Agents and managers see their own unit's queue, the Director and
     * the deputies any unit's.
     *
     * @param unit the providing unit (null: the caller's unit)
     * @param assignee {@code me}, a username, or {@code none} for the unassigned tasks (null: anyone's)
     */
    public RemoteHandsTasks.Page queue(
            String unit, Boolean open, String assignee, int page, int size, CurrentUser user) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page", "Page must be between 0 and 10000");
        }
        String own = user.unit().orElse(null);
        String queueUnit = unit == null || unit.isBlank() ? own : unit.trim();
        boolean member = queueUnit != null && queueUnit.equals(own) && user.hasAny(Role.AGENT, Role.MANAGER);
        boolean above = user.has(Role.MANAGER) && Organisation.isDirectorOrDeputy(own);
        if (queueUnit == null || !(member || above)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "A unit's remote-hands queue is for the unit's agents and managers, the Director and the deputies");
        }
        boolean unassigned = "none".equals(assignee);
        String person = assignee == null || assignee.isBlank() || unassigned
                ? null
                : assignee.equals("me") ? user.username() : assignee.trim();
        return tasks.queue(new RemoteHandsTasks.QueueFilter(queueUnit, open, person, unassigned, page, size));
    }

    /**
     * Gives an open task to an active person of the providing unit (the people register decides), or
     * passes it on. Agents and managers of the providing unit assign; {@code me} is the caller.
     */
    @Transactional
    public RemoteHandsTask assign(String ref, long taskId, String assignee, CurrentUser user) {
        RemoteHandsTask task = taskOf(ref, taskId, user);
        return change(task, (ticket, now) -> {
            RemoteHandsTask current = tasks.find(taskId).orElseThrow();
            boolean provider = user.hasAny(Role.AGENT, Role.MANAGER)
                    && user.unit().map(current.assignedUnit()::equals).orElse(false);
            if (!provider) {
                throw notAllowed(
                        "Only agents and managers of " + current.assignedUnit() + " assign its remote-hands tasks");
            }
            requireOpen(current);
            String username =
                    assignee == null || assignee.isBlank() || assignee.equals("me") ? user.username() : assignee.trim();
            Person person = people.find(username)
                    .filter(Person::active)
                    .filter(p -> current.assignedUnit().equals(p.unitCode()))
                    .orElseThrow(() -> new ServiceDeskException(
                            ServiceDeskException.Kind.RULE_VIOLATION,
                            "assignee-not-eligible",
                            "Not a person of the unit",
                            username + " is not an active person of " + current.assignedUnit()
                                    + " in the people register",
                            Map.of("unit", current.assignedUnit())));
            if (person.username().equals(current.assignee())) {
                return;
            }
            tasks.assign(taskId, person.username(), person.displayName(), now);
            ticket.remoteHandsAssigned(
                    taskId,
                    current.assignee(),
                    person.username(),
                    person.displayName(),
                    TicketService.actor(user),
                    now);
        });
    }

    /**
     * Calls off an open task: the requesting side (agents of the unit holding the ticket, or the person
     * who asked) no longer needs it.
     */
    @Transactional
    public RemoteHandsTask cancel(String ref, long taskId, String reason, CurrentUser user) {
        RemoteHandsTask task = taskOf(ref, taskId, user);
        return change(task, (ticket, now) -> {
            RemoteHandsTask current = tasks.find(taskId).orElseThrow();
            boolean holder = user.has(Role.AGENT)
                    && user.unit()
                            .map(u -> u.equals(ticket.assignedUnit().value()))
                            .orElse(false);
            if (!holder && !user.username().equals(current.requestedBy())) {
                throw notAllowed("Only the unit holding ticket " + ticket.number() + " or " + current.requestedBy()
                        + ", who asked, cancels the task");
            }
            requireOpen(current);
            ticket.remoteHandsCancelled(taskId, reason, TicketService.actor(user), now);
            tasks.cancel(taskId, user.username(), reason.strip(), now);
        });
    }

    private RemoteHandsTask change(RemoteHandsTask task, BiConsumer<Ticket, Instant> op) {
        tickets.change(task.ticketId(), op);
        return tasks.find(task.id()).orElseThrow();
    }

    /** The task, if it belongs to the ticket and the caller may see the ticket or provides the task. */
    private RemoteHandsTask taskOf(String ref, long taskId, CurrentUser user) {
        RemoteHandsTask task = tasks.find(taskId)
                .filter(t -> TicketNumber.looksLike(ref)
                        ? t.ticketNumber().equals(ref)
                        : ref.equals(Long.toString(t.ticketId())))
                .orElseThrow(() -> ServiceDeskException.notFound("Remote-hands task", taskId));
        boolean provider = user.unit().map(task.assignedUnit()::equals).orElse(false);
        if (!provider) {
            // Not revealing a ticket the caller may not see.
            tickets.get(ref, user);
        }
        return task;
    }

    private static void requireOpen(RemoteHandsTask task) {
        if (task.status() != RemoteHandsTask.Status.OPEN) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "task-not-open",
                    "Task not open",
                    "Task " + task.id() + " is " + task.status());
        }
    }

    private static ServiceDeskException notAllowed(String detail) {
        return new ServiceDeskException(
                ServiceDeskException.Kind.FORBIDDEN, "action-not-allowed", "Not allowed", detail);
    }
}
