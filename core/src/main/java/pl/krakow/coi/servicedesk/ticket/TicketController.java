package pl.krakow.coi.servicedesk.ticket;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Tickets. A ticket is addressed by its id or its number ({@code INC-2026-000123}). Responses carry
 * the version as ETag. Field updates (PATCH) require If-Match; actions accept it and answer 412 when
 * it is stale (they always check the ticket's current state, so they never overwrite silently).
 * Creation accepts an Idempotency-Key: a repeated POST with the same key returns the same ticket.
 */
@RestController
@RequestMapping("/api/v1/tickets")
class TicketController {

    private final TicketService service;
    private final TicketQueries queries;
    private final CurrentUsers currentUsers;
    private final TicketViewMapper mapper;
    private final List<TicketViewContributor> contributors;
    private final TransactionTemplate transaction;

    TicketController(
            TicketService service,
            TicketQueries queries,
            CurrentUsers currentUsers,
            TicketViewMapper mapper,
            ObjectProvider<TicketViewContributor> contributors,
            TransactionTemplate transaction) {
        this.transaction = transaction;
        this.service = service;
        this.queries = queries;
        this.currentUsers = currentUsers;
        this.mapper = mapper;
        this.contributors = contributors.orderedStream().toList();
    }

    @PostMapping
    ResponseEntity<TicketDtos.TicketView> create(
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody TicketDtos.CreateTicketRequest request) {
        CurrentUser user = currentUsers.current();
        // The answer is built inside the registration's transaction: once it commits, nothing is left that
        // could fail (a lost connection after the commit would answer an error for a ticket that exists,
        // and a client retrying without an Idempotency-Key would file it twice).
        Created created = transaction.execute(status -> created(request, idempotencyKey, user));
        TicketState ticket = created.registration().ticket();
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.id()))
                .eTag(ETags.of(ticket.version()))
                .header(
                        "Idempotent-Replayed",
                        Boolean.toString(created.registration().replayed()))
                .body(created.view());
    }

    private Created created(TicketDtos.CreateTicketRequest request, String idempotencyKey, CurrentUser user) {
        TicketService.Registration registration = service.register(
                new TicketService.RegisterTicket(
                        request.type(),
                        request.title(),
                        request.description(),
                        request.channel(),
                        request.categoryCode(),
                        request.configurationItemId(),
                        request.impact(),
                        request.urgency(),
                        request.requester() == null
                                ? null
                                : new TicketService.RequesterDetails(
                                        request.requester().username(),
                                        request.requester().displayName(),
                                        request.requester().unitCode())),
                user,
                idempotencyKey);
        TicketState ticket = registration.ticket();
        return new Created(registration, view(ticket, user, registration.history()));
    }

    private record Created(TicketService.Registration registration, TicketDtos.TicketView view) {}

    @GetMapping("/{ref}")
    ResponseEntity<TicketDtos.TicketView> get(@PathVariable String ref) {
        CurrentUser user = currentUsers.current();
        return ok(service.get(ref, user), user);
    }

    @GetMapping
    TicketDtos.TicketPage list(
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String line,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) String requester,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "created") String sort) {
        TicketQueries.Page result = queries.list(
                new TicketFilter(
                        unit,
                        status,
                        assignee,
                        line,
                        type,
                        priority,
                        requester,
                        category,
                        channel,
                        open,
                        createdFrom,
                        createdTo,
                        page,
                        size,
                        sort),
                currentUsers.current());
        return new TicketDtos.TicketPage(
                result.items().stream().map(mapper::toSummary).toList(), result.page(), result.size(), result.total());
    }

    @PatchMapping("/{ref}")
    ResponseEntity<TicketDtos.TicketView> update(
            @PathVariable String ref,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody TicketDtos.UpdateTicketRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(
                service.update(
                        ref,
                        ETags.parse(ifMatch),
                        new Ticket.TicketUpdate(
                                request.title(),
                                request.description(),
                                request.categoryCode(),
                                request.configurationItemId(),
                                request.impact(),
                                request.urgency()),
                        user),
                user);
    }

    @GetMapping("/{ref}/history")
    List<TicketDtos.EventView> history(@PathVariable String ref) {
        return service.history(ref, currentUsers.current()).stream()
                .map(mapper::toView)
                .toList();
    }

    @GetMapping("/{ref}/links")
    List<TicketDtos.LinkView> links(@PathVariable String ref) {
        return service.links(ref, currentUsers.current()).stream()
                .map(l -> new TicketDtos.LinkView(
                        l.direction(),
                        l.other().id(),
                        l.other().number().value(),
                        l.other().title(),
                        l.other().status().name(),
                        l.kind().name(),
                        l.createdAt()))
                .toList();
    }

    @GetMapping("/{ref}/comments")
    List<TicketDtos.CommentView> comments(@PathVariable String ref) {
        return service.comments(ref, currentUsers.current()).stream()
                .map(mapper::toView)
                .toList();
    }

    @PostMapping("/{ref}/comments")
    ResponseEntity<TicketDtos.TicketView> comment(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketDtos.CommentRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.comment(ref, version(ifMatch), request.body(), request.internal(), user), user);
    }

    @PostMapping("/{ref}/assign")
    ResponseEntity<TicketDtos.TicketView> assign(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) TicketDtos.AssignRequest request) {
        CurrentUser user = currentUsers.current();
        String assignee = request == null ? null : request.assignee();
        String name = request == null ? null : request.assigneeName();
        return ok(service.assign(ref, version(ifMatch), assignee, name, user), user);
    }

    @PostMapping("/{ref}/start")
    ResponseEntity<TicketDtos.TicketView> start(
            @PathVariable String ref, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CurrentUser user = currentUsers.current();
        return ok(service.start(ref, version(ifMatch), user), user);
    }

    @PostMapping("/{ref}/escalate")
    ResponseEntity<TicketDtos.TicketView> escalate(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketDtos.EscalateRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.escalate(ref, version(ifMatch), request.unit(), request.handoverComment(), user), user);
    }

    @PostMapping("/{ref}/reassign")
    ResponseEntity<TicketDtos.TicketView> reassign(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketDtos.ReassignRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.reassign(ref, version(ifMatch), request.unit(), request.reason(), user), user);
    }

    @PostMapping("/{ref}/reclassify")
    ResponseEntity<TicketDtos.TicketView> reclassify(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketDtos.ReclassifyRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.reclassify(ref, version(ifMatch), request.type(), request.reason(), user), user);
    }

    @PostMapping("/{ref}/hand-back")
    ResponseEntity<TicketDtos.TicketView> handBack(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.handBack(ref, version(ifMatch), request.text(), user), user);
    }

    @PostMapping("/{ref}/remote-hands")
    ResponseEntity<RemoteHandsTask> remoteHands(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        RemoteHandsTask task =
                service.requestRemoteHands(ref, version(ifMatch), request.text(), currentUsers.current());
        return ResponseEntity.status(HttpStatus.CREATED).body(task);
    }

    @GetMapping("/{ref}/remote-hands")
    List<RemoteHandsTask> remoteHandsTasks(@PathVariable String ref) {
        return service.tasks(ref, currentUsers.current());
    }

    @PostMapping("/{ref}/remote-hands/{taskId}/complete")
    RemoteHandsTask completeRemoteHands(
            @PathVariable String ref,
            @PathVariable long taskId,
            @Valid @RequestBody TicketDtos.CompleteTaskRequest request) {
        return service.completeRemoteHands(ref, taskId, request.note(), currentUsers.current());
    }

    @PostMapping("/{ref}/wait-for-requester")
    ResponseEntity<TicketDtos.TicketView> waitForRequester(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.waitForRequester(ref, version(ifMatch), request.text(), user), user);
    }

    @PostMapping("/{ref}/resolve")
    ResponseEntity<TicketDtos.TicketView> resolve(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TicketDtos.ResolveRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.resolve(ref, version(ifMatch), request.resolution(), request.note(), user), user);
    }

    @PostMapping("/{ref}/close")
    ResponseEntity<TicketDtos.TicketView> close(
            @PathVariable String ref, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CurrentUser user = currentUsers.current();
        return ok(service.close(ref, version(ifMatch), user), user);
    }

    @PostMapping("/{ref}/reopen")
    ResponseEntity<TicketDtos.TicketView> reopen(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.reopen(ref, version(ifMatch), request.text(), user), user);
    }

    @PostMapping("/{ref}/cancel")
    ResponseEntity<TicketDtos.TicketView> cancel(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.cancel(ref, version(ifMatch), request.text(), user), user);
    }

    @PostMapping("/{ref}/escalate-to-deputy")
    ResponseEntity<TicketDtos.TicketView> escalateToDeputy(
            @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TicketDtos.TextRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(service.escalateToDeputy(ref, version(ifMatch), request.text(), user), user);
    }

    private ResponseEntity<TicketDtos.TicketView> ok(TicketState ticket, CurrentUser user) {
        return ResponseEntity.ok().eTag(ETags.of(ticket.version())).body(view(ticket, user));
    }

    private TicketDtos.TicketView view(TicketState ticket, CurrentUser user) {
        return view(ticket, user, null);
    }

    /** @param history the ticket's whole history when already at hand, else null */
    private TicketDtos.TicketView view(TicketState ticket, CurrentUser user, List<TicketEvent> history) {
        Map<String, Object> contributed = new LinkedHashMap<>();
        for (TicketViewContributor contributor : contributors) {
            contributed.put(
                    contributor.name(),
                    history == null ? contributor.contribute(ticket) : contributor.contribute(ticket, history));
        }
        return mapper.toView(service.asSeenBy(ticket, user), service.allowedActions(ticket, user), contributed);
    }

    private static Long version(String ifMatch) {
        return ifMatch == null ? null : ETags.parse(ifMatch);
    }
}
