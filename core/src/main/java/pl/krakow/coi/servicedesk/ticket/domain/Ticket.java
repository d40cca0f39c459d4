package pl.krakow.coi.servicedesk.ticket.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket: an incident, a service request or a security incident, from registration at the first
 * line to closure. Every state change goes through a method here that checks the lifecycle rules and
 * records a past-tense {@link TicketEvent}; the repository stores the state and appends the events
 * in one transaction.
 *
 * <p>Who may call which method (an agent of the current unit, the requester, a manager) is the
 * application layer's {@code TicketAccess} policy; this class guards what is possible in each state.
 */
public final class Ticket {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 20_000;

    private TicketState state;
    private final List<TicketEvent> pendingEvents = new ArrayList<>();
    private final List<Comment> pendingComments = new ArrayList<>();

    private Ticket(TicketState state) {
        this.state = state;
    }

    /** Rebuilds a ticket from its stored state. */
    public static Ticket restore(TicketState state) {
        return new Ticket(Objects.requireNonNull(state));
    }

    /**
     * Registers a new ticket. Every ticket enters at the first line (IT-02-2, §8.2a), a suspected security
     * incident too: its type restricts who sees it from the start, and the first line confirms it by
     * escalating it to IT-02-1 or reclassifies it.
     */
    public static Ticket register(NewTicket request, TicketNumber number, Actor actor, Instant at) {
        String title = requireText("title", request.title(), TITLE_MAX);
        String description = requireText("description", request.description(), DESCRIPTION_MAX);
        if (!number.value().startsWith(request.type().prefix() + "-")) {
            throw new IllegalArgumentException("Number " + number + " is not one of a " + request.type());
        }
        UnitCode unit = UnitCode.FIRST_LINE;
        Set<UnitCode> handledBy = new LinkedHashSet<>();
        handledBy.add(unit);
        TicketState state = new TicketState(
                null,
                number,
                request.type(),
                title,
                description,
                request.requester(),
                request.channel(),
                request.categoryCode(),
                request.configurationItemId(),
                request.impact(),
                request.urgency(),
                Priority.of(request.impact(), request.urgency()),
                TicketStatus.NEW,
                SupportLine.FIRST,
                unit,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                at,
                at,
                null,
                null,
                null,
                0,
                0,
                0,
                handledBy,
                request.externalReference(),
                0);
        Ticket ticket = new Ticket(state);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put("status", new TicketEvent.Change(null, TicketStatus.NEW.name()));
        changes.put("assignedUnit", new TicketEvent.Change(null, unit.value()));
        changes.put("priority", new TicketEvent.Change(null, state.priority().name()));
        if (request.categoryCode() != null) {
            changes.put("category", new TicketEvent.Change(null, request.categoryCode()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", request.type().name());
        details.put("channel", request.channel().name());
        if (request.requesterAssessment() != null) {
            // The requester's own view, for the first line to weigh when it sets the priority.
            details.put(
                    "requesterImpact", request.requesterAssessment().impact().name());
            details.put(
                    "requesterUrgency", request.requesterAssessment().urgency().name());
        }
        ticket.record(TicketEventType.CREATED, actor, at, changes, details);
        return ticket;
    }

    public TicketState state() {
        return state;
    }

    public Long id() {
        return state.id();
    }

    public TicketNumber number() {
        return state.number();
    }

    public TicketStatus status() {
        return state.status();
    }

    public UnitCode assignedUnit() {
        return state.assignedUnit();
    }

    /** Events recorded since the ticket was loaded or created, in order; cleared when saved. */
    public List<TicketEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    /** Comments added since the ticket was loaded or created; cleared when saved. */
    public List<Comment> pendingComments() {
        return List.copyOf(pendingComments);
    }

    /** Called by the repository once the state and pending events are stored. */
    public void saved(long id, long version) {
        state = state.withIdAndVersion(id, version);
        pendingEvents.clear();
        pendingComments.clear();
    }

    /** Gives the ticket to an agent of its current unit. */
    public void assign(String assignee, String assigneeName, Actor actor, Instant at) {
        requireOpen("assign");
        requireText("assignee", assignee, 100);
        if (assignee.equals(state.assignee())) {
            return;
        }
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put("assignee", new TicketEvent.Change(state.assignee(), assignee));
        TicketStatus status = state.status() == TicketStatus.NEW ? TicketStatus.ASSIGNED : state.status();
        changeStatus(status, changes);
        state = state.with(b -> b.assignee(assignee).assigneeName(assigneeName).status(status));
        markFirstResponse(actor, at);
        record(TicketEventType.ASSIGNED, actor, at, changes, Map.of("assigneeName", nullToEmpty(assigneeName)));
    }

    /** The assignee starts working on it. */
    public void startWork(Actor actor, Instant at) {
        if (state.status() != TicketStatus.ASSIGNED && state.status() != TicketStatus.NEW) {
            throw TicketRuleViolation.wrongStatus("start work on", state.status());
        }
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        if (state.assignee() == null) {
            changes.put("assignee", new TicketEvent.Change(null, actor.username()));
            state = state.with(b -> b.assignee(actor.username()).assigneeName(actor.displayName()));
        }
        changeStatus(TicketStatus.IN_PROGRESS, changes);
        state = state.with(b -> b.status(TicketStatus.IN_PROGRESS));
        markFirstResponse(actor, at);
        record(TicketEventType.WORK_STARTED, actor, at, changes, Map.of());
    }

    /**
     * The first line hands the ticket to the second-line unit whose competence covers it, with a full
     * comment (§8.2b) that says more than the ticket already does. The type stays: a ticket escalated to
     * IT-02-1 becomes a security incident only when it is {@linkplain #reclassify reclassified}.
     */
    public void escalate(UnitCode target, String handoverComment, Actor actor, Instant at) {
        move(target, handoverComment, true, actor, at);
    }

    /**
     * Replays an escalation recorded in another system (an import of historical tickets): the move as it
     * happened there, with the import's note, which is not a handover comment and is not judged as one.
     */
    public void escalateAsRecorded(UnitCode target, String note, Actor actor, Instant at) {
        requireReason("note", note);
        move(target, note, false, actor, at);
    }

    private void move(UnitCode target, String handoverComment, boolean judged, Actor actor, Instant at) {
        requireOpen("escalate");
        if (state.line() != SupportLine.FIRST) {
            throw TicketRuleViolation.rule(
                    "escalation-not-from-first-line",
                    "Only the first line escalates; the ticket is with " + state.assignedUnit()
                            + " (use reassign or hand back)");
        }
        if (target.equals(UnitCode.FIRST_LINE)) {
            throw TicketRuleViolation.rule("escalation-to-first-line", "The ticket is already at the first line");
        }
        if (judged) {
            SubstantiveHandoverPolicy.require(handoverComment, state.title(), state.description());
        }
        moveTo(target, actor, at, TicketEventType.ESCALATED, Map.of("handoverComment", handoverComment));
        state = state.with(b -> b.escalationCount(state.escalationCount() + 1));
        pendingComments.add(new Comment(null, actor, Comment.Visibility.INTERNAL, handoverComment, at));
    }

    /** A second-line unit passes the ticket to another competent unit, saying why (counted). */
    public void reassign(UnitCode target, String reason, Actor actor, Instant at) {
        requireOpen("reassign");
        if (state.line() == SupportLine.FIRST) {
            throw TicketRuleViolation.rule(
                    "reassign-not-from-first-line", "The first line escalates (with a handover comment) instead");
        }
        if (target.equals(UnitCode.FIRST_LINE)) {
            throw TicketRuleViolation.rule(
                    "reassign-to-first-line", "Use hand back to return a ticket to the first line");
        }
        if (target.equals(state.assignedUnit())) {
            throw TicketRuleViolation.rule("reassign-to-same-unit", "The ticket is already with " + target);
        }
        requireReason("reason", reason);
        moveTo(target, actor, at, TicketEventType.REASSIGNED, Map.of("reason", reason));
        state = state.with(b -> b.reassignmentCount(state.reassignmentCount() + 1));
        pendingComments.add(new Comment(null, actor, Comment.Visibility.INTERNAL, reason, at));
    }

    /** A second-line unit returns the ticket to the first line, saying why. */
    public void handBack(String comment, Actor actor, Instant at) {
        requireOpen("hand back");
        if (state.line() == SupportLine.FIRST) {
            throw TicketRuleViolation.rule("hand-back-at-first-line", "The ticket is already at the first line");
        }
        requireReason("comment", comment);
        moveTo(UnitCode.FIRST_LINE, actor, at, TicketEventType.HANDED_BACK, Map.of("comment", comment));
        pendingComments.add(new Comment(null, actor, Comment.Visibility.INTERNAL, comment, at));
    }

    /**
     * A second-line unit asks IT-04-2 for on-site help without giving the ticket away (§13.8). The
     * task itself is stored by the application layer.
     */
    public void requestRemoteHands(String description, Actor actor, Instant at) {
        requireOpen("request remote hands for");
        if (state.line() != SupportLine.SECOND && state.line() != SupportLine.SECURITY) {
            throw TicketRuleViolation.rule(
                    "remote-hands-not-from-second-line", "Remote hands are requested by a second-line unit");
        }
        if (state.assignedUnit().equals(UnitCode.USER_SUPPORT)) {
            throw TicketRuleViolation.rule(
                    "remote-hands-for-own-unit", "IT-04-2 does the on-site work of its own tickets itself");
        }
        requireReason("description", description);
        Set<UnitCode> handledBy = new LinkedHashSet<>(state.handledBy());
        handledBy.add(UnitCode.USER_SUPPORT);
        state = state.with(b -> b.handledBy(handledBy));
        record(
                TicketEventType.REMOTE_HANDS_REQUESTED,
                actor,
                at,
                Map.of(),
                Map.of("description", description, "toUnit", UnitCode.USER_SUPPORT.value(), "visibility", "INTERNAL"));
    }

    /** IT-04-2 reports the remote-hands task done. */
    public void remoteHandsCompleted(long taskId, String note, Actor actor, Instant at) {
        record(
                TicketEventType.REMOTE_HANDS_COMPLETED,
                actor,
                at,
                Map.of(),
                Map.of("taskId", taskId, "note", nullToEmpty(note), "visibility", "INTERNAL"));
    }

    /**
     * A remote-hands task is given to a person of the providing unit, or passed on to another.
     *
     * @param previous who had it before (null if nobody)
     */
    public void remoteHandsAssigned(
            long taskId, String previous, String assignee, String assigneeName, Actor actor, Instant at) {
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put("taskAssignee", new TicketEvent.Change(previous, assignee));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", taskId);
        data.put("assigneeName", nullToEmpty(assigneeName));
        data.put("visibility", "INTERNAL");
        record(TicketEventType.REMOTE_HANDS_ASSIGNED, actor, at, changes, data);
    }

    /**
     * A remote-hands task is called off: by hand (the requesting side no longer needs it), or because
     * the ticket was resolved, cancelled or closed.
     */
    public void remoteHandsCancelled(long taskId, String reason, Actor actor, Instant at) {
        requireReason("reason", reason);
        record(
                TicketEventType.REMOTE_HANDS_CANCELLED,
                actor,
                at,
                Map.of(),
                Map.of("taskId", taskId, "reason", reason, "visibility", "INTERNAL"));
    }

    /** The agent asks the requester something; the SLA clocks pause until the requester answers. */
    public void waitForRequester(String question, Actor actor, Instant at) {
        if (state.status() != TicketStatus.ASSIGNED
                && state.status() != TicketStatus.IN_PROGRESS
                && state.status() != TicketStatus.NEW) {
            throw TicketRuleViolation.wrongStatus("wait for the requester on", state.status());
        }
        requireReason("question", question);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        if (state.assignee() == null && actor.isAgent()) {
            // The agent who asks the requester has taken the ticket.
            changes.put("assignee", new TicketEvent.Change(null, actor.username()));
            state = state.with(b -> b.assignee(actor.username()).assigneeName(actor.displayName()));
        }
        changeStatus(TicketStatus.WAITING_FOR_REQUESTER, changes);
        state = state.with(b -> b.status(TicketStatus.WAITING_FOR_REQUESTER));
        markFirstResponse(actor, at);
        pendingComments.add(new Comment(null, actor, Comment.Visibility.PUBLIC, question, at));
        record(TicketEventType.WAITING_FOR_REQUESTER, actor, at, changes, Map.of("question", question));
    }

    /**
     * Adds a comment. A public comment by the requester on a ticket waiting for them resumes it; a
     * public comment by an agent is a response to the requester.
     */
    public void comment(String body, Comment.Visibility visibility, Actor actor, Instant at) {
        if (state.status() == TicketStatus.CLOSED || state.status() == TicketStatus.CANCELLED) {
            throw TicketRuleViolation.wrongStatus("comment on", state.status());
        }
        boolean byRequester = actor.username().equals(state.requester().username()) && !actor.isAgent();
        Comment.Visibility effective = byRequester ? Comment.Visibility.PUBLIC : visibility;
        pendingComments.add(new Comment(null, actor, effective, body, at));
        record(TicketEventType.COMMENTED, actor, at, Map.of(), Map.of("visibility", effective.name()));
        if (effective == Comment.Visibility.PUBLIC && actor.isAgent()) {
            markFirstResponse(actor, at);
        }
        if (byRequester && state.status() == TicketStatus.WAITING_FOR_REQUESTER) {
            TicketStatus resumed = state.assignee() == null ? TicketStatus.ASSIGNED : TicketStatus.IN_PROGRESS;
            Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
            changeStatus(resumed, changes);
            state = state.with(b -> b.status(resumed));
            record(TicketEventType.REQUESTER_REPLIED, actor, at, changes, Map.of());
        }
    }

    /** Resolves the ticket: by the first line (first-line resolution) or by the unit holding it. */
    public void resolve(Resolution resolution, String note, Actor actor, Instant at) {
        requireOpen("resolve");
        requireReason("resolution note", note);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changeStatus(TicketStatus.RESOLVED, changes);
        changes.put("resolution", new TicketEvent.Change(null, resolution.name()));
        state = state.with(b -> b.status(TicketStatus.RESOLVED)
                .resolution(resolution)
                .resolutionNote(note)
                .resolvedByUnit(state.assignedUnit())
                .resolvedByLine(state.line())
                .resolvedAt(at));
        markFirstResponse(actor, at);
        record(
                TicketEventType.RESOLVED,
                actor,
                at,
                changes,
                Map.of(
                        "note",
                        note,
                        "line",
                        state.line().name(),
                        "unit",
                        state.assignedUnit().value()));
    }

    /** Closes a resolved ticket (the requester confirms, or the agent after the confirmation period). */
    public void close(Actor actor, Instant at) {
        if (state.status() != TicketStatus.RESOLVED) {
            throw TicketRuleViolation.wrongStatus("close", state.status());
        }
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changeStatus(TicketStatus.CLOSED, changes);
        state = state.with(b -> b.status(TicketStatus.CLOSED).closedAt(at));
        record(TicketEventType.CLOSED, actor, at, changes, Map.of());
    }

    /** Reopens a resolved ticket with the unit that resolved it; the resolution clock resumes. */
    public void reopen(String reason, Actor actor, Instant at) {
        if (state.status() != TicketStatus.RESOLVED) {
            throw TicketRuleViolation.wrongStatus("reopen", state.status());
        }
        requireReason("reason", reason);
        TicketStatus status = state.assignee() == null ? TicketStatus.ASSIGNED : TicketStatus.IN_PROGRESS;
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changeStatus(status, changes);
        changes.put("resolution", new TicketEvent.Change(state.resolution().name(), null));
        state = state.with(b -> b.status(status)
                .resolution(null)
                .resolutionNote(null)
                .resolvedAt(null)
                .reopenCount(state.reopenCount() + 1));
        pendingComments.add(new Comment(null, actor, Comment.Visibility.PUBLIC, reason, at));
        record(TicketEventType.REOPENED, actor, at, changes, Map.of("reason", reason));
    }

    /** Cancels an open ticket (filed by mistake, withdrawn by the requester). */
    public void cancel(String reason, Actor actor, Instant at) {
        requireOpen("cancel");
        requireReason("reason", reason);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changeStatus(TicketStatus.CANCELLED, changes);
        state = state.with(b -> b.status(TicketStatus.CANCELLED).closedAt(at));
        record(TicketEventType.CANCELLED, actor, at, changes, Map.of("reason", reason));
    }

    /**
     * Escalates to the deputy director over the ticket's unit (hierarchical escalation): the ticket
     * stays with its unit; the deputy is informed. Raised once per deputy.
     */
    public boolean escalateToDeputy(UnitCode deputy, String reason, Actor actor, Instant at) {
        requireOpen("escalate to the deputy");
        if (deputy.equals(state.escalatedToDeputy())) {
            return false;
        }
        requireReason("reason", reason);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put(
                "escalatedToDeputy",
                new TicketEvent.Change(
                        state.escalatedToDeputy() == null
                                ? null
                                : state.escalatedToDeputy().value(),
                        deputy.value()));
        state = state.with(b -> b.escalatedToDeputy(deputy));
        // Internal: the requester is not told that the ticket went up the hierarchy, nor why.
        record(
                TicketEventType.ESCALATED_TO_DEPUTY,
                actor,
                at,
                changes,
                Map.of("reason", reason, "visibility", "INTERNAL"));
        return true;
    }

    /**
     * Changes what kind of ticket this is, saying why: the only way a type changes. The number changes with
     * it, so that its prefix always names the type ({@code number} is the new one, of the same year); the
     * ticket stays where it is. Making a ticket a security incident restricts who sees it from now on.
     */
    public void reclassify(TicketType type, TicketNumber number, String reason, Actor actor, Instant at) {
        requireOpen("reclassify");
        if (type == state.type()) {
            throw TicketRuleViolation.rule("reclassify-to-same-type", "The ticket already is a " + type);
        }
        if (!number.value().startsWith(type.prefix() + "-")) {
            throw new IllegalArgumentException("Number " + number + " is not one of a " + type);
        }
        requireReason("reason", reason);
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put("type", new TicketEvent.Change(state.type().name(), type.name()));
        changes.put("number", new TicketEvent.Change(state.number().value(), number.value()));
        state = state.with(b -> b.type(type).number(number));
        pendingComments.add(new Comment(null, actor, Comment.Visibility.INTERNAL, reason, at));
        record(TicketEventType.RECLASSIFIED, actor, at, changes, Map.of("reason", reason, "visibility", "INTERNAL"));
    }

    /** Changes what the ticket says and how it is classified; a changed impact or urgency re-prioritises. */
    public void update(TicketUpdate update, Actor actor, Instant at) {
        if (!state.status().isOpen()) {
            throw TicketRuleViolation.wrongStatus("update", state.status());
        }
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        String title = update.title() == null ? state.title() : requireText("title", update.title(), TITLE_MAX);
        String description = update.description() == null
                ? state.description()
                : requireText("description", update.description(), DESCRIPTION_MAX);
        diff(changes, "title", state.title(), title);
        diff(changes, "description", state.description(), description);
        String category = update.categoryCode() == null ? state.categoryCode() : update.categoryCode();
        diff(changes, "category", state.categoryCode(), category);
        Long ci = update.configurationItemId() == null ? state.configurationItemId() : update.configurationItemId();
        diff(changes, "configurationItem", str(state.configurationItemId()), str(ci));
        Impact impact = update.impact() == null ? state.impact() : update.impact();
        Urgency urgency = update.urgency() == null ? state.urgency() : update.urgency();
        Priority priority = Priority.of(impact, urgency);
        Map<String, TicketEvent.Change> priorityChanges = new LinkedHashMap<>();
        diff(priorityChanges, "impact", state.impact().name(), impact.name());
        diff(priorityChanges, "urgency", state.urgency().name(), urgency.name());
        diff(priorityChanges, "priority", state.priority().name(), priority.name());
        state = state.with(b -> b.title(title)
                .description(description)
                .categoryCode(category)
                .configurationItemId(ci)
                .impact(impact)
                .urgency(urgency)
                .priority(priority));
        if (!changes.isEmpty()) {
            record(TicketEventType.UPDATED, actor, at, changes, Map.of());
        }
        if (!priorityChanges.isEmpty()) {
            record(TicketEventType.PRIORITY_CHANGED, actor, at, priorityChanges, Map.of());
        }
    }

    /**
     * Records what happened to an attachment: added (only while comments are accepted, so not on a closed or
     * cancelled ticket), removed or quarantined (at any time). {@code data} names the file and carries its
     * {@code visibility}: an internal attachment's event is internal.
     */
    public void recordAttachment(TicketEventType type, Actor actor, Instant at, Map<String, Object> data) {
        switch (type) {
            case ATTACHMENT_ADDED -> {
                if (state.status() == TicketStatus.CLOSED || state.status() == TicketStatus.CANCELLED) {
                    throw TicketRuleViolation.wrongStatus("attach a file to", state.status());
                }
            }
            case ATTACHMENT_REMOVED, ATTACHMENT_QUARANTINED -> {}
            default -> throw new IllegalArgumentException("Not an attachment event: " + type);
        }
        if (!data.containsKey("visibility")) {
            throw new IllegalArgumentException("An attachment event needs its visibility");
        }
        record(type, actor, at, Map.of(), data);
    }

    /**
     * Records that this ticket refers to {@code linked}, and why ({@code kind}), at any status: a link is a fact
     * about the tickets, not work on them. Internal, like the moves between units: whether a requester may know the
     * other ticket depends on who they are, which the history does not decide (the links' own listing does).
     */
    public void recordLink(TicketNumber linked, String kind, Actor actor, Instant at) {
        Objects.requireNonNull(linked, "linked");
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("A link needs its kind");
        }
        if (linked.equals(state.number())) {
            throw new IllegalArgumentException("A ticket does not refer to itself");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("linkedNumber", linked.value());
        data.put("kind", kind);
        data.put("visibility", "INTERNAL");
        record(TicketEventType.LINKED, actor, at, Map.of(), data);
    }

    /** Records an SLA warning or breach (raised by the SLA timers). */
    public void recordSla(TicketEventType type, Map<String, Object> data, Instant at) {
        if (type != TicketEventType.SLA_WARNING && type != TicketEventType.SLA_BREACHED) {
            throw new IllegalArgumentException("Not an SLA event: " + type);
        }
        Map<String, Object> details = new LinkedHashMap<>(data);
        details.put("visibility", "INTERNAL");
        record(type, Actor.system("sla"), at, Map.of(), details);
    }

    private void moveTo(UnitCode target, Actor actor, Instant at, TicketEventType type, Map<String, Object> data) {
        Map<String, TicketEvent.Change> changes = new LinkedHashMap<>();
        changes.put("assignedUnit", new TicketEvent.Change(state.assignedUnit().value(), target.value()));
        SupportLine line = target.equals(UnitCode.FIRST_LINE)
                ? SupportLine.FIRST
                : target.equals(UnitCode.SECURITY) ? SupportLine.SECURITY : SupportLine.SECOND;
        if (line != state.line()) {
            changes.put("line", new TicketEvent.Change(state.line().name(), line.name()));
        }
        if (state.assignee() != null) {
            changes.put("assignee", new TicketEvent.Change(state.assignee(), null));
        }
        changeStatus(TicketStatus.ASSIGNED, changes);
        Set<UnitCode> handledBy = new LinkedHashSet<>(state.handledBy());
        handledBy.add(target);
        state = state.with(b -> b.assignedUnit(target)
                .line(line)
                .assignee(null)
                .assigneeName(null)
                .status(TicketStatus.ASSIGNED)
                .handledBy(handledBy));
        Map<String, Object> details = new LinkedHashMap<>(data);
        details.put("visibility", "INTERNAL");
        record(type, actor, at, changes, details);
    }

    private void markFirstResponse(Actor actor, Instant at) {
        if (state.firstResponseAt() == null && actor.kind() != Actor.Kind.REQUESTER) {
            state = state.with(b -> b.firstResponseAt(at));
        }
    }

    private void changeStatus(TicketStatus to, Map<String, TicketEvent.Change> changes) {
        if (to != state.status()) {
            changes.put("status", new TicketEvent.Change(state.status().name(), to.name()));
        }
    }

    private void record(
            TicketEventType type,
            Actor actor,
            Instant at,
            Map<String, TicketEvent.Change> changes,
            Map<String, Object> data) {
        state = state.with(b -> b.updatedAt(at.isAfter(state.updatedAt()) ? at : state.updatedAt()));
        pendingEvents.add(new TicketEvent(type, actor, at, changes, data));
    }

    private void requireOpen(String action) {
        if (!state.status().isOpen()) {
            throw TicketRuleViolation.wrongStatus(action, state.status());
        }
    }

    private static void requireReason(String field, String text) {
        if (text == null || text.strip().length() < 10) {
            throw TicketRuleViolation.invalidInput(
                    field.replace(' ', '-') + "-required", "A " + field + " of at least 10 characters is required");
        }
        if (text.length() > Comment.MAX_LENGTH) {
            throw TicketRuleViolation.invalidInput(
                    field.replace(' ', '-') + "-too-long", "The " + field + " is too long");
        }
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw TicketRuleViolation.invalidInput(field + "-required", "The " + field + " is required");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw TicketRuleViolation.invalidInput(
                    field + "-too-long", "The " + field + " may have at most " + max + " characters");
        }
        return stripped;
    }

    private static void diff(Map<String, TicketEvent.Change> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new TicketEvent.Change(from, to));
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** What is needed to register a ticket. */
    public record NewTicket(
            TicketType type,
            String title,
            String description,
            Requester requester,
            Channel channel,
            String categoryCode,
            Long configurationItemId,
            Impact impact,
            Urgency urgency,
            String externalReference,
            Assessment requesterAssessment) {

        public NewTicket {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(channel, "channel");
            impact = impact == null ? Impact.MEDIUM : impact;
            urgency = urgency == null ? Urgency.MEDIUM : urgency;
        }

        /** A ticket whose impact and urgency are set by whoever files it (an agent, an integration). */
        public NewTicket(
                TicketType type,
                String title,
                String description,
                Requester requester,
                Channel channel,
                String categoryCode,
                Long configurationItemId,
                Impact impact,
                Urgency urgency,
                String externalReference) {
            this(
                    type,
                    title,
                    description,
                    requester,
                    channel,
                    categoryCode,
                    configurationItemId,
                    impact,
                    urgency,
                    externalReference,
                    null);
        }
    }

    /** The impact and urgency as the requester sees them: recorded, not yet the ticket's priority. */
    public record Assessment(Impact impact, Urgency urgency) {

        public Assessment {
            impact = impact == null ? Impact.MEDIUM : impact;
            urgency = urgency == null ? Urgency.MEDIUM : urgency;
        }
    }

    /** Fields to change; null means unchanged. */
    public record TicketUpdate(
            String title,
            String description,
            String categoryCode,
            Long configurationItemId,
            Impact impact,
            Urgency urgency) {}

    /** Optional helper for callers that hold an optional unit. */
    public static Optional<UnitCode> unit(String code) {
        return code == null || code.isBlank() ? Optional.empty() : Optional.of(new UnitCode(code));
    }
}
