package pl.krakow.coi.servicedesk.cmdb;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.platform.web.ETags;
import pl.krakow.coi.servicedesk.ticket.TicketQueries;

/**
 * Configuration items. Responses carry the version as ETag; PUT requires If-Match, lifecycle transitions
 * and merges accept it (412 when stale). Registering a device the CMDB already has is a 409
 * {@code duplicate-configuration-item} with the existing item's id.
 */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN', 'CMDB_ADMIN', 'LICENCE_ADMIN', 'DISPOSAL', 'INTEGRATION')")
class CiController {

    private final CmdbService cmdb;
    private final ImpactAnalysis impact;
    private final CiTickets tickets;
    private final CurrentUsers currentUsers;
    private final CiViewMapper mapper;

    CiController(
            CmdbService cmdb,
            ImpactAnalysis impact,
            CiTickets tickets,
            CurrentUsers currentUsers,
            CiViewMapper mapper) {
        this.cmdb = cmdb;
        this.impact = impact;
        this.tickets = tickets;
        this.currentUsers = currentUsers;
        this.mapper = mapper;
    }

    @GetMapping("/api/v1/cis")
    CmdbDtos.CiPage list(
            @RequestParam(name = "class", required = false) List<String> classes,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String ownerUnit,
            @RequestParam(required = false) String supportingUnit,
            @RequestParam(required = false) String building,
            @RequestParam(required = false) String room,
            @RequestParam(required = false) String assignedTo,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "name") String sort) {
        ConfigurationItems.Page result = cmdb.search(
                new CiFilter(
                        classes,
                        status,
                        unit,
                        ownerUnit,
                        supportingUnit,
                        building,
                        room,
                        assignedTo,
                        q,
                        page,
                        size,
                        sort),
                currentUsers.current());
        return new CmdbDtos.CiPage(
                result.items().stream().map(mapper::toSummary).toList(), result.page(), result.size(), result.total());
    }

    @PostMapping("/api/v1/cis")
    ResponseEntity<CmdbDtos.CiView> create(@Valid @RequestBody CmdbDtos.CiRequest request) {
        CurrentUser user = currentUsers.current();
        ConfigurationItem item =
                cmdb.create(details(request), request.status() == null ? CiStatus.IN_USE : request.status(), user);
        return ResponseEntity.created(URI.create("/api/v1/cis/" + item.id()))
                .eTag(ETags.of(item.version()))
                .body(view(item, user));
    }

    @GetMapping("/api/v1/cis/{id}")
    ResponseEntity<CmdbDtos.CiView> get(@PathVariable long id) {
        CurrentUser user = currentUsers.current();
        return ok(cmdb.get(id, user), user);
    }

    @PutMapping("/api/v1/cis/{id}")
    ResponseEntity<CmdbDtos.CiView> update(
            @PathVariable long id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody CmdbDtos.CiRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(cmdb.update(id, ETags.parse(ifMatch), details(request), user), user);
    }

    @PostMapping("/api/v1/cis/{id}/status")
    ResponseEntity<CmdbDtos.CiView> transition(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CmdbDtos.TransitionRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(cmdb.transition(id, version(ifMatch), request.status(), request.reason(), user), user);
    }

    @PostMapping("/api/v1/cis/{id}/merge")
    ResponseEntity<CmdbDtos.CiView> merge(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CmdbDtos.MergeRequest request) {
        CurrentUser user = currentUsers.current();
        return ok(cmdb.merge(id, version(ifMatch), request.duplicateId(), request.reason(), user), user);
    }

    @GetMapping("/api/v1/cis/{id}/history")
    List<CiEvent> history(@PathVariable long id) {
        return cmdb.history(id, currentUsers.current());
    }

    @GetMapping("/api/v1/cis/{id}/relationships")
    List<Relationships.Related> relationships(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "200") int size) {
        return cmdb.relationships(id, page, size, currentUsers.current());
    }

    @PostMapping("/api/v1/cis/{id}/relationships")
    @ResponseStatus(HttpStatus.CREATED)
    CmdbDtos.RelationshipView relate(@PathVariable long id, @Valid @RequestBody CmdbDtos.RelationshipRequest request) {
        Relationship relationship = cmdb.relate(id, request.type(), request.targetId(), currentUsers.current());
        return mapper.toView(relationship);
    }

    @DeleteMapping("/api/v1/relationships/{relationshipId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unrelate(@PathVariable long relationshipId) {
        cmdb.unrelate(relationshipId, currentUsers.current());
    }

    @GetMapping("/api/v1/cis/{id}/impact")
    Impact impact(
            @PathVariable long id,
            @RequestParam(required = false) Integer depth,
            @RequestParam(required = false) Integer limit) {
        return impact.analyse(id, depth, limit, currentUsers.current());
    }

    @GetMapping("/api/v1/cis/{id}/tickets")
    CmdbDtos.CiTicketPage tickets(
            @PathVariable long id,
            @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        TicketQueries.Page result = tickets.of(id, open, page, size, currentUsers.current());
        return new CmdbDtos.CiTicketPage(
                result.items().stream().map(mapper::toView).toList(), result.page(), result.size(), result.total());
    }

    private ResponseEntity<CmdbDtos.CiView> ok(ConfigurationItem item, CurrentUser user) {
        return ResponseEntity.ok().eTag(ETags.of(item.version())).body(view(item, user));
    }

    private CmdbDtos.CiView view(ConfigurationItem item, CurrentUser user) {
        List<CiStatus> allowed = item.merged()
                ? List.of()
                : item.status().next().stream()
                        .filter(s -> s != CiStatus.DISPOSED || user.has(Role.DISPOSAL))
                        .toList();
        return mapper.toView(item, allowed);
    }

    private static CiDetails details(CmdbDtos.CiRequest r) {
        return CiDetails.builder(r.classCode(), r.name())
                .inventoryNumber(r.inventoryNumber())
                .serialNumber(r.serialNumber())
                .hostname(r.hostname())
                .agentDeviceId(r.agentDeviceId())
                .hardwareUuid(r.hardwareUuid())
                .macAddresses(r.macAddresses())
                .manufacturer(r.manufacturer())
                .model(r.model())
                .location(r.building(), r.room())
                .ownerUnit(r.ownerUnit())
                .assignedTo(r.assignedUsername(), r.assignedName())
                .supportingUnit(r.supportingUnit())
                .purchased(r.purchaseDate(), r.warrantyUntil())
                .cores(r.cores())
                .attributes(r.attributes())
                .description(r.description())
                .build();
    }

    private static Long version(String ifMatch) {
        return ifMatch == null ? null : ETags.parse(ifMatch);
    }
}
