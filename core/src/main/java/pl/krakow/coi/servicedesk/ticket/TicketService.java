package pl.krakow.coi.servicedesk.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.catalogue.Category;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.ticket.TicketAccess.Action;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/**
 * The ticket use cases. Each runs in one transaction: the ticket row is locked, the caller's right
 * checked ({@link TicketAccess}), an If-Match version compared, the domain operation applied, and
 * state, events, comments and an outbox row stored together.
 */
@Service
public class TicketService {

    /** City Hall time: the year in a ticket number is the year of registration in Warsaw. */
    public static final ZoneId CITY_HALL_ZONE = ZoneId.of("Europe/Warsaw");

    private final Tickets tickets;
    private final TicketAccess access;
    private final IdempotencyKeys idempotencyKeys;
    private final RemoteHandsTasks tasks;
    private final Organisation organisation;
    private final Units units;
    private final Categories categories;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<ConfigurationItemSupport> configurationItems;
    private final RemoteHandsTarget remoteHandsTarget;
    private final People people;
    private final TicketLinks links;

    TicketService(
            Tickets tickets,
            TicketAccess access,
            IdempotencyKeys idempotencyKeys,
            RemoteHandsTasks tasks,
            Organisation organisation,
            Units units,
            Categories categories,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectProvider<ConfigurationItemSupport> configurationItems,
            RemoteHandsTarget remoteHandsTarget,
            People people,
            TicketLinks links) {
        this.people = people;
        this.links = links;
        this.tickets = tickets;
        this.access = access;
        this.idempotencyKeys = idempotencyKeys;
        this.tasks = tasks;
        this.organisation = organisation;
        this.units = units;
        this.categories = categories;
        this.events = events;
        this.clock = clock;
        this.configurationItems = configurationItems;
        this.remoteHandsTarget = remoteHandsTarget;
    }

    /** What a caller asks for when filing a ticket. */
    public record RegisterTicket(
            TicketType type,
            String title,
            String description,
            Channel channel,
            String categoryCode,
            Long configurationItemId,
            Impact impact,
            Urgency urgency,
            RequesterDetails requester) {}

    /** The person a ticket is filed for, when an agent files it for someone (phone, e-mail). */
    public record RequesterDetails(String username, String displayName, String unitCode) {}

    /**
     * A registered ticket; {@code replayed} when an earlier request with the same idempotency key made it;
     * {@code history} its events so far (for a new ticket, those its registration recorded).
     */
    public record Registration(TicketState ticket, boolean replayed, List<TicketEvent> history) {}

    @Transactional
    public Registration register(RegisterTicket command, CurrentUser user, String idempotencyKey) {
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
                throw ServiceDeskException.invalid(
                        "invalid-idempotency-key", "Idempotency-Key must have 1 to 200 characters");
            }
            String hash = hash(command);
            if (!idempotencyKeys.claim(user.username(), idempotencyKey, hash)) {
                IdempotencyKeys.Used used =
                        idempotencyKeys.find(user.username(), idempotencyKey).orElseThrow();
                if (!used.requestHash().equals(hash)) {
                    throw new ServiceDeskException(
                            ServiceDeskException.Kind.RULE_VIOLATION,
                            "idempotency-key-reused",
                            "Idempotency key reused",
                            "This Idempotency-Key was used for a different request");
                }
                return new Registration(
                        tickets.find(used.ticketId()).orElseThrow().state(), true, tickets.history(used.ticketId()));
            }
        }
        Instant now = clock.instant();
        Ticket ticket = Ticket.register(newTicket(command, user), nextNumber(command, now), actor(user), now);
        List<TicketEvent> history = save(ticket);
        if (idempotencyKey != null) {
            idempotencyKeys.bind(user.username(), idempotencyKey, ticket.id());
        }
        return new Registration(ticket.state(), false, history);
    }

    /**
     * Registers a ticket with explicit times and actor (imports of historical tickets, monitoring,
     * demo data); it is subject to the same rules.
     */
    @Transactional
    public Ticket registerAt(Ticket.NewTicket request, Actor actor, Instant at) {
        if (request.configurationItemId() != null) {
            requireConfigurationItem(request.configurationItemId());
        }
        Ticket ticket = Ticket.register(
                request,
                tickets.nextNumber(request.type(), at.atZone(CITY_HALL_ZONE).getYear()),
                actor,
                at);
        save(ticket);
        return ticket;
    }

    /**
     * Registers a ticket and replays its history in one transaction (imports of historical tickets,
     * demo data): {@code history} calls the ticket's operations with their own actors and times.
     */
    @Transactional
    public Ticket registerWithHistory(
            Ticket.NewTicket request, Actor actor, Instant at, java.util.function.Consumer<Ticket> history) {
        if (request.configurationItemId() != null) {
            requireConfigurationItem(request.configurationItemId());
        }
        Ticket ticket = Ticket.register(
                request,
                tickets.nextNumber(request.type(), at.atZone(CITY_HALL_ZONE).getYear()),
                actor,
                at);
        history.accept(ticket);
        save(ticket);
        return ticket;
    }

    /**
     * A system (monitoring) notes something on an open ticket, as an internal comment; a ticket no longer open is
     * left as it is.
     */
    @Transactional
    public TicketState noteAs(Actor system, long ticketId, String note) {
        requireSystem(system);
        return change(ticketId, (ticket, at) -> {
            if (ticket.status().isOpen()) {
                ticket.comment(note, Comment.Visibility.INTERNAL, system, at);
            }
        });
    }

    /**
     * A system saw the cause of an open ticket clear (monitoring: the alert resolved): it resolves the ticket as
     * fixed, saying so; a ticket no longer open is left as it is.
     */
    @Transactional
    public TicketState resolveAs(Actor system, long ticketId, String note) {
        requireSystem(system);
        return change(ticketId, (ticket, at) -> {
            if (ticket.status().isOpen()) {
                ticket.resolve(Resolution.FIXED, note, system, at);
            }
        });
    }

    /**
     * A system saw the cause of a ticket return (monitoring: the alert fired again): a resolved ticket is reopened,
     * an open one gets the note as an internal comment, and a closed or cancelled one is left as it is.
     */
    @Transactional
    public TicketState reopenAs(Actor system, long ticketId, String note) {
        requireSystem(system);
        return change(ticketId, (ticket, at) -> {
            if (ticket.status() == TicketStatus.RESOLVED) {
                ticket.reopen(note, system, at);
            } else if (ticket.status().isOpen()) {
                ticket.comment(note, Comment.Visibility.INTERNAL, system, at);
            }
        });
    }

    /** Records an SLA warning or breach in the ticket's history (the SLA's timers). */
    @Transactional
    public TicketState recordSla(long ticketId, TicketEventType type, Map<String, Object> data) {
        return change(ticketId, (ticket, at) -> ticket.recordSla(type, data, at));
    }

    /**
     * Records an attachment's arrival, removal or quarantine in the ticket's history (the attachment module, which
     * has checked the caller's rights through {@link TicketAccess} before): {@code data} has the attachment's id,
     * file name, size and visibility.
     */
    @Transactional
    public TicketState recordAttachment(long ticketId, TicketEventType type, Actor actor, Map<String, Object> data) {
        return change(ticketId, (ticket, at) -> ticket.recordAttachment(type, actor, at, data));
    }

    /**
     * Whether {@code user} reads the internal side of the tickets they see (internal comments, internal
     * attachments): support staff do, requesters never.
     */
    public boolean seesInternal(CurrentUser user) {
        return isStaff(user);
    }

    private static void requireSystem(Actor actor) {
        if (actor.kind() != Actor.Kind.SYSTEM) {
            throw new IllegalArgumentException(actor.username() + " is no system; people act through TicketAccess");
        }
    }

    /**
     * Applies a change to the locked ticket and saves it, without {@link TicketAccess}: for the use cases above
     * and the ticket capability's own processes (remote hands), never for another capability.
     */
    @Transactional
    TicketState change(long id, BiConsumer<Ticket, Instant> change) {
        Ticket ticket = tickets.lock(id).orElseThrow(() -> ServiceDeskException.notFound("Ticket", id));
        change.accept(ticket, clock.instant());
        save(ticket);
        return ticket.state();
    }

    public TicketState get(String ref, CurrentUser user) {
        Ticket ticket = find(ref);
        access.require(Action.VIEW, user, ticket.state(), ref);
        return ticket.state();
    }

    /**
     * The ticket as {@code user} may read it: a requester (who is not staff) does not learn that it was
     * escalated to a deputy director, which is internal.
     */
    public TicketState asSeenBy(TicketState ticket, CurrentUser user) {
        return isStaff(user) ? ticket : ticket.with(b -> b.escalatedToDeputy(null));
    }

    public List<Tickets.StoredEvent> history(String ref, CurrentUser user) {
        TicketState ticket = get(ref, user);
        boolean staff = isStaff(user);
        return tickets.events(ticket.id()).stream()
                .filter(e -> staff || isPublic(e.event()))
                .map(e -> staff ? e : new Tickets.StoredEvent(e.id(), e.seq(), publicView(e.event())))
                .toList();
    }

    /**
     * Whether a requester may see the event: not one marked internal, and never the moves between units, remote
     * hands, reclassification, escalation to a deputy, SLA alerts or links to other tickets (the links' listing
     * shows a requester the linked tickets they may see), whatever older events were marked.
     */
    private static boolean isPublic(TicketEvent event) {
        return event.isPublic()
                && switch (event.type()) {
                    case ESCALATED,
                            REASSIGNED,
                            HANDED_BACK,
                            REMOTE_HANDS_REQUESTED,
                            REMOTE_HANDS_COMPLETED,
                            RECLASSIFIED,
                            ESCALATED_TO_DEPUTY,
                            SLA_WARNING,
                            SLA_BREACHED,
                            LINKED -> false;
                    default -> true;
                };
    }

    private static boolean isStaff(CurrentUser user) {
        return user.hasAny(Role.AGENT, Role.MANAGER, Role.ADMIN);
    }

    /** A link of a ticket as a caller sees it: the other ticket, and which way the link points. */
    record LinkedTicket(String direction, TicketState other, TicketLink.Kind kind, Instant createdAt) {}

    /**
     * The links from ({@code OUTGOING}) and to ({@code INCOMING}) a ticket the caller sees, leaving out those whose
     * other ticket the caller may not see: a requester never learns that a stranger's ticket mentions theirs.
     */
    List<LinkedTicket> links(String ref, CurrentUser user) {
        TicketState ticket = get(ref, user);
        List<TicketLinks.Stored> stored = links.of(ticket.id());
        Map<Long, TicketState> others = tickets
                .findAll(stored.stream()
                        .map(l -> l.ticketId() == ticket.id() ? l.linkedTicketId() : l.ticketId())
                        .toList())
                .stream()
                .collect(java.util.stream.Collectors.toMap(TicketState::id, t -> t));
        TicketAccess.Visibility visibility = access.visibility(user);
        return stored.stream()
                .map(l -> {
                    boolean outgoing = l.ticketId() == ticket.id();
                    TicketState other = others.get(outgoing ? l.linkedTicketId() : l.ticketId());
                    return other == null || !visibility.admits(other)
                            ? null
                            : new LinkedTicket(outgoing ? "OUTGOING" : "INCOMING", other, l.kind(), l.createdAt());
                })
                .filter(Objects::nonNull)
                .toList();
    }

    public List<Comment> comments(String ref, CurrentUser user) {
        TicketState ticket = get(ref, user);
        boolean staff = isStaff(user);
        return tickets.comments(ticket.id()).stream()
                .filter(c -> staff || c.visibility() == Comment.Visibility.PUBLIC)
                .toList();
    }

    public java.util.Set<Action> allowedActions(TicketState ticket, CurrentUser user) {
        return access.allowed(user, ticket);
    }

    /**
     * Assigns the ticket to the caller ({@code me}, or none given) or to another person, who must be an
     * active person of the holding unit in the people register; the register's name is recorded, not
     * the one the client sent. The caller's own unit comes from the token, which is what allows them
     * to assign at all ({@link TicketAccess}).
     */
    @Transactional
    public TicketState assign(String ref, Long ifMatch, String assignee, String assigneeName, CurrentUser user) {
        boolean self =
                assignee == null || assignee.isBlank() || assignee.equals("me") || assignee.equals(user.username());
        String who = self ? user.username() : assignee.strip();
        return act(ref, ifMatch, user, Action.ASSIGN, (t, now) -> {
            String name = self
                    ? user.displayName()
                    : eligibleAssignee(who, t.assignedUnit().value()).displayName();
            t.assign(who, name, actor(user), now);
        });
    }

    /** The person {@code username} if the register lists them as active in {@code unit}; a 422 otherwise. */
    private Person eligibleAssignee(String username, String unit) {
        Optional<Person> person = people.find(username);
        String why;
        if (person.isEmpty()) {
            why = "is not in the people register";
        } else if (!person.get().active()) {
            why = "is no longer active";
        } else if (!unit.equals(person.get().unitCode())) {
            why = "is not a member of " + unit
                    + (person.get().unitCode() == null
                            ? ""
                            : " (the register has " + person.get().unitCode() + ")");
        } else {
            return person.get();
        }
        throw new ServiceDeskException(
                ServiceDeskException.Kind.RULE_VIOLATION,
                "assignee-not-eligible",
                "Assignee not eligible",
                username + " " + why + "; a ticket is assigned to an active person of the unit holding it (" + unit
                        + ")",
                Map.of("assignee", username, "unit", unit));
    }

    @Transactional
    public TicketState start(String ref, Long ifMatch, CurrentUser user) {
        return act(ref, ifMatch, user, Action.START, (t, now) -> t.startWork(actor(user), now));
    }

    @Transactional
    public TicketState escalate(String ref, Long ifMatch, String unit, String handoverComment, CurrentUser user) {
        Unit target = organisation.requireEscalationTarget(unit);
        return act(
                ref,
                ifMatch,
                user,
                Action.ESCALATE,
                (t, now) -> t.escalate(new UnitCode(target.code()), handoverComment, actor(user), now));
    }

    @Transactional
    public TicketState reassign(String ref, Long ifMatch, String unit, String reason, CurrentUser user) {
        Unit target = organisation.requireEscalationTarget(unit);
        return act(
                ref,
                ifMatch,
                user,
                Action.REASSIGN,
                (t, now) -> t.reassign(new UnitCode(target.code()), reason, actor(user), now));
    }

    /**
     * Changes the ticket's type, with a reason, and gives it a number of the new type; its former number
     * still finds it. Only the unit holding it, or IT-02-1 for a security incident, reclassifies; only IT-02-1,
     * or the first line at intake, takes a ticket out of the security incidents.
     */
    @Transactional
    public TicketState reclassify(String ref, Long ifMatch, TicketType type, String reason, CurrentUser user) {
        if (type == null) {
            throw ServiceDeskException.invalid("type-required", "The new type is required");
        }
        return act(ref, ifMatch, user, Action.RECLASSIFY, (t, now) -> {
            access.requireReclassification(user, t.state(), type);
            if (type == t.state().type()) {
                // Refused by the ticket, before a number is drawn.
                t.reclassify(type, t.number(), reason, actor(user), now);
            }
            int year = t.state().createdAt().atZone(CITY_HALL_ZONE).getYear();
            t.reclassify(type, tickets.nextNumber(type, year), reason, actor(user), now);
        });
    }

    @Transactional
    public TicketState handBack(String ref, Long ifMatch, String comment, CurrentUser user) {
        return act(ref, ifMatch, user, Action.HAND_BACK, (t, now) -> t.handBack(comment, actor(user), now));
    }

    @Transactional
    public RemoteHandsTask requestRemoteHands(String ref, Long ifMatch, String description, CurrentUser user) {
        TicketState state = act(
                ref,
                ifMatch,
                user,
                Action.REQUEST_REMOTE_HANDS,
                (t, now) -> t.requestRemoteHands(description, actor(user), now));
        Instant now = clock.instant();
        long taskId = tasks.open(
                state.id(),
                user.username(),
                state.assignedUnit().value(),
                description,
                now,
                remoteHandsTarget.dueAt(now));
        return tasks.find(taskId).orElseThrow();
    }

    @Transactional
    public RemoteHandsTask completeRemoteHands(String ref, long taskId, String note, CurrentUser user) {
        Ticket ticket = lock(ref);
        RemoteHandsTask task = tasks.find(taskId)
                .filter(t -> t.ticketId() == ticket.id())
                .orElseThrow(() -> ServiceDeskException.notFound("Remote-hands task", taskId));
        if (!user.has(Role.AGENT)
                || !user.unit().map(u -> u.equals(task.assignedUnit())).orElse(false)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Only agents of " + task.assignedUnit() + " complete remote-hands tasks");
        }
        if (task.assignee() != null && !task.assignee().equals(user.username())) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "action-not-allowed",
                    "Not allowed",
                    "Task " + taskId + " is assigned to " + task.assignee() + ", who completes it");
        }
        Instant now = clock.instant();
        if (!tasks.complete(taskId, user.username(), note, now)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "task-not-open",
                    "Task not open",
                    "Task " + taskId + " is not open");
        }
        ticket.remoteHandsCompleted(taskId, note, actor(user), now);
        save(ticket);
        return tasks.find(taskId).orElseThrow();
    }

    public List<RemoteHandsTask> tasks(String ref, CurrentUser user) {
        return tasks.ofTicket(get(ref, user).id());
    }

    @Transactional
    public TicketState waitForRequester(String ref, Long ifMatch, String question, CurrentUser user) {
        return act(
                ref,
                ifMatch,
                user,
                Action.WAIT_FOR_REQUESTER,
                (t, now) -> t.waitForRequester(question, actor(user), now));
    }

    @Transactional
    public TicketState comment(String ref, Long ifMatch, String body, boolean internal, CurrentUser user) {
        return act(
                ref,
                ifMatch,
                user,
                internal ? Action.COMMENT_INTERNAL : Action.COMMENT,
                (t, now) -> t.comment(
                        body, internal ? Comment.Visibility.INTERNAL : Comment.Visibility.PUBLIC, actor(user), now));
    }

    @Transactional
    public TicketState resolve(String ref, Long ifMatch, Resolution resolution, String note, CurrentUser user) {
        Objects.requireNonNull(resolution, "resolution");
        return act(ref, ifMatch, user, Action.RESOLVE, (t, now) -> t.resolve(resolution, note, actor(user), now));
    }

    @Transactional
    public TicketState close(String ref, Long ifMatch, CurrentUser user) {
        return act(ref, ifMatch, user, Action.CLOSE, (t, now) -> t.close(actor(user), now));
    }

    @Transactional
    public TicketState reopen(String ref, Long ifMatch, String reason, CurrentUser user) {
        return act(ref, ifMatch, user, Action.REOPEN, (t, now) -> t.reopen(reason, actor(user), now));
    }

    @Transactional
    public TicketState cancel(String ref, Long ifMatch, String reason, CurrentUser user) {
        return act(ref, ifMatch, user, Action.CANCEL, (t, now) -> t.cancel(reason, actor(user), now));
    }

    /** Hierarchical escalation by hand: to the deputy over the ticket's unit. */
    @Transactional
    public TicketState escalateToDeputy(String ref, Long ifMatch, String reason, CurrentUser user) {
        return act(ref, ifMatch, user, Action.ESCALATE_TO_DEPUTY, (t, now) -> {
            Unit deputy = organisation
                    .deputyOver(t.assignedUnit().value())
                    .orElseThrow(() -> new ServiceDeskException(
                            ServiceDeskException.Kind.RULE_VIOLATION,
                            "no-deputy-over-unit",
                            "No deputy over the unit",
                            "Unit " + t.assignedUnit() + " reports to no deputy director"));
            t.escalateToDeputy(new UnitCode(deputy.code()), reason, actor(user), now);
        });
    }

    /**
     * Hierarchical escalation by the SLA timers: to the deputy over the ticket's unit, once.
     *
     * @return whether the ticket was escalated now (false if it already was, or is not open)
     */
    @Transactional
    public boolean escalateToDeputyOnBreach(long ticketId, String reason) {
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> ServiceDeskException.notFound("Ticket", ticketId));
        if (!ticket.status().isOpen()) {
            return false;
        }
        Optional<Unit> deputy = organisation.deputyOver(ticket.assignedUnit().value());
        if (deputy.isEmpty()
                || !ticket.escalateToDeputy(
                        new UnitCode(deputy.get().code()), reason, Actor.system("sla"), clock.instant())) {
            return false;
        }
        save(ticket);
        return true;
    }

    /**
     * Escalation by a system process (monitoring's auto-escalation), through the same guard as an agent's
     * escalation: the target must be an active unit that takes tickets ({@link
     * Organisation#requireEscalationTarget}), and the ticket's rules apply (only from the first line, with a
     * substantive handover comment). Refused as an agent's escalation would be, with the same problem type.
     */
    @Transactional
    public TicketState escalateAs(Actor actor, long ticketId, String unit, String handoverComment) {
        Unit target = organisation.requireEscalationTarget(unit);
        Ticket ticket = tickets.lock(ticketId).orElseThrow(() -> ServiceDeskException.notFound("Ticket", ticketId));
        ticket.escalate(new UnitCode(target.code()), handoverComment, actor, clock.instant());
        save(ticket);
        return ticket.state();
    }

    @Transactional
    public TicketState update(String ref, long ifMatch, Ticket.TicketUpdate update, CurrentUser user) {
        if (update.categoryCode() != null) {
            requireCategory(update.categoryCode());
        }
        if (update.configurationItemId() != null) {
            requireConfigurationItem(update.configurationItemId());
        }
        return act(ref, ifMatch, user, Action.UPDATE, (t, now) -> t.update(update, actor(user), now));
    }

    private TicketState act(String ref, Long ifMatch, CurrentUser user, Action action, BiConsumer<Ticket, Instant> op) {
        Ticket ticket = lock(ref);
        access.require(action, user, ticket.state(), ref);
        if (ifMatch != null && ifMatch != ticket.state().version()) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.STALE_VERSION,
                    "stale-version",
                    "Stale version",
                    "Ticket " + ticket.number() + " is at version "
                            + ticket.state().version() + ", not " + ifMatch + "; fetch it again and retry",
                    Map.of("currentVersion", ticket.state().version()));
        }
        op.accept(ticket, clock.instant());
        save(ticket);
        return ticket.state();
    }

    /**
     * Saves the ticket and announces the change: {@link TicketChanged} for the listeners in this process,
     * a {@link TicketEventRecorded} per recorded event for other capabilities; returns the events it recorded.
     */
    private List<TicketEvent> save(Ticket ticket) {
        cancelRemoteHandsOfEndedTicket(ticket);
        List<TicketEvent> recorded = ticket.pendingEvents();
        List<Comment> comments = ticket.pendingComments();
        List<Tickets.StoredEvent> stored = tickets.save(ticket);
        events.publishEvent(new TicketChanged(ticket.state(), recorded));
        // For other capabilities, through the event publication registry (ADR 0079).
        TicketEventRecorded.of(ticket.state(), stored, comments, clock.instant())
                .forEach(events::publishEvent);
        return recorded;
    }

    /**
     * A resolved, cancelled or closed ticket needs no more remote hands: its open tasks are cancelled,
     * by whoever ended it, when it ended, in the same transaction.
     */
    private void cancelRemoteHandsOfEndedTicket(Ticket ticket) {
        if (ticket.id() == null) {
            return;
        }
        Optional<TicketEvent> end = ticket.pendingEvents().stream()
                .filter(e -> e.type() == TicketEventType.RESOLVED
                        || e.type() == TicketEventType.CANCELLED
                        || e.type() == TicketEventType.CLOSED)
                .reduce((first, second) -> second);
        if (end.isEmpty()) {
            return;
        }
        TicketEvent ended = end.get();
        String reason = "The ticket was " + ended.type().name().toLowerCase(java.util.Locale.ROOT);
        for (RemoteHandsTask task : tasks.openOfTicket(ticket.id())) {
            if (tasks.cancel(task.id(), ended.actor().username(), reason, ended.occurredAt())) {
                ticket.remoteHandsCancelled(task.id(), reason, ended.actor(), ended.occurredAt());
            }
        }
    }

    private Ticket find(String ref) {
        Optional<Ticket> ticket = TicketNumber.looksLike(ref)
                ? tickets.findByNumber(ref)
                : parseId(ref).flatMap(tickets::find);
        return ticket.orElseThrow(() -> ServiceDeskException.notFound("Ticket", ref));
    }

    private Ticket lock(String ref) {
        long id = TicketNumber.looksLike(ref)
                ? tickets.findByNumber(ref).map(Ticket::id).orElse(-1L)
                : parseId(ref).orElse(-1L);
        return tickets.lock(id).orElseThrow(() -> ServiceDeskException.notFound("Ticket", ref));
    }

    private static Optional<Long> parseId(String ref) {
        try {
            return Optional.of(Long.parseLong(ref));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Ticket.NewTicket newTicket(RegisterTicket command, CurrentUser user) {
        Category category = command.categoryCode() == null ? null : requireCategory(command.categoryCode());
        if (command.configurationItemId() != null) {
            requireConfigurationItem(command.configurationItemId());
        }
        TicketType type = command.type() != null
                ? command.type()
                : category != null ? TicketType.valueOf(category.ticketType()) : TicketType.INCIDENT;
        Requester requester;
        if (command.requester() != null && !command.requester().username().equals(user.username())) {
            if (!access.mayFileForOthers(user)) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.FORBIDDEN,
                        "filing-for-others-not-allowed",
                        "Not allowed",
                        "Only agents and integrations file tickets for other people");
            }
            RequesterDetails details = command.requester();
            requester = new Requester(details.username(), details.displayName(), knownUnit(details.unitCode()));
        } else {
            requester = new Requester(
                    user.username(), user.displayName(), knownUnit(user.unit().orElse(null)));
        }
        if (!access.mayFileForOthers(user)) {
            // A requester files through the portal, for themselves: the ticket enters at the first line (§8.2a),
            // which confirms the type and sets the priority; the requester's impact and urgency are their view.
            if (command.channel() != null && command.channel() != Channel.PORTAL) {
                throw ServiceDeskException.invalid(
                        "channel-not-allowed",
                        "A ticket filed by its requester came through the portal; " + command.channel()
                                + " is recorded by the first line or an integration");
            }
            return new Ticket.NewTicket(
                    type,
                    command.title(),
                    command.description(),
                    requester,
                    Channel.PORTAL,
                    category == null ? null : category.code(),
                    command.configurationItemId(),
                    null,
                    null,
                    null,
                    command.impact() == null && command.urgency() == null
                            ? null
                            : new Ticket.Assessment(command.impact(), command.urgency()));
        }
        Channel channel = command.channel() != null
                ? command.channel()
                : user.has(Role.INTEGRATION) ? Channel.API : Channel.PORTAL;
        return new Ticket.NewTicket(
                type,
                command.title(),
                command.description(),
                requester,
                channel,
                category == null ? null : category.code(),
                command.configurationItemId(),
                command.impact(),
                command.urgency(),
                null);
    }

    private TicketNumber nextNumber(RegisterTicket command, Instant now) {
        TicketType type = command.type();
        if (type == null && command.categoryCode() != null) {
            type = categories
                    .find(command.categoryCode())
                    .map(c -> TicketType.valueOf(c.ticketType()))
                    .orElse(TicketType.INCIDENT);
        }
        return tickets.nextNumber(
                type == null ? TicketType.INCIDENT : type,
                now.atZone(CITY_HALL_ZONE).getYear());
    }

    private void requireConfigurationItem(long id) {
        ConfigurationItemSupport cmdb = configurationItems.getIfAvailable();
        if (cmdb != null && cmdb.find(id).isEmpty()) {
            throw ServiceDeskException.invalid("unknown-configuration-item", "There is no configuration item " + id);
        }
    }

    private Category requireCategory(String code) {
        return categories
                .find(code)
                .filter(Category::active)
                .orElseThrow(() -> ServiceDeskException.invalid(
                        "unknown-category", "There is no active catalogue category " + code));
    }

    private Optional<UnitCode> knownUnit(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return units.find(code).map(u -> new UnitCode(u.code()));
    }

    /** The actor recorded for {@code user}'s actions. */
    public static Actor actor(CurrentUser user) {
        Actor.Kind kind = user.has(Role.AGENT)
                ? Actor.Kind.AGENT
                : user.has(Role.MANAGER)
                        ? Actor.Kind.MANAGER
                        : user.has(Role.INTEGRATION) ? Actor.Kind.SYSTEM : Actor.Kind.REQUESTER;
        return new Actor(user.username(), user.displayName(), user.unit().flatMap(Ticket::unit), kind);
    }

    private static TicketEvent publicView(TicketEvent event) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(event.data());
        data.keySet()
                .retainAll(List.of(
                        "type",
                        "channel",
                        "visibility",
                        "reason",
                        "question",
                        "attachmentId",
                        "filename",
                        "size",
                        "signature"));
        return new TicketEvent(event.type(), event.actor(), event.occurredAt(), event.changes(), data);
    }

    private static String hash(RegisterTicket command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(command.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
