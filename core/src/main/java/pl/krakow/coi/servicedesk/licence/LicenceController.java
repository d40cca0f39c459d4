package pl.krakow.coi.servicedesk.licence;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/** Licences and their assignments: read by staff, kept by the licence admin (IT-04-3). */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN', 'CMDB_ADMIN', 'LICENCE_ADMIN', 'DISPOSAL', 'INTEGRATION')")
class LicenceController {

    private final LicenceService licences;
    private final CurrentUsers currentUsers;
    private final LicenceViewMapper mapper;
    private final Clock clock;

    LicenceController(LicenceService licences, CurrentUsers currentUsers, LicenceViewMapper mapper, Clock clock) {
        this.licences = licences;
        this.currentUsers = currentUsers;
        this.mapper = mapper;
        this.clock = clock;
    }

    @GetMapping("/api/v1/licences")
    List<LicenceDtos.LicenceView> list(
            @RequestParam(required = false) Long product,
            @RequestParam(required = false) LicenceMetric metric,
            @RequestParam(required = false) String vendor,
            @RequestParam(required = false) Integer expiringWithin,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return licences.search(product, metric, vendor, expiringWithin, page, size, currentUsers.current()).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/api/v1/licences/{id}")
    ResponseEntity<LicenceDtos.LicenceView> get(@PathVariable long id) {
        Licence licence = licences.get(id, currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(licence.version())).body(view(licence));
    }

    @PostMapping("/api/v1/licences")
    ResponseEntity<LicenceDtos.LicenceView> register(@Valid @RequestBody LicenceDtos.LicenceRequest request) {
        Licence licence = licences.register(details(request), currentUsers.current());
        return ResponseEntity.created(URI.create("/api/v1/licences/" + licence.id()))
                .eTag(ETags.of(licence.version()))
                .body(view(licence));
    }

    @PutMapping("/api/v1/licences/{id}")
    ResponseEntity<LicenceDtos.LicenceView> update(
            @PathVariable long id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody LicenceDtos.LicenceRequest request) {
        Licence licence = licences.update(id, ETags.parse(ifMatch), details(request), currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(licence.version())).body(view(licence));
    }

    @GetMapping("/api/v1/licences/{id}/assignments")
    List<LicenceAssignment> assignments(
            @PathVariable long id, @RequestParam(defaultValue = "true") boolean activeOnly) {
        return licences.assignments(id, activeOnly, currentUsers.current());
    }

    @PostMapping("/api/v1/licences/{id}/assignments")
    @ResponseStatus(HttpStatus.CREATED)
    LicenceAssignment assign(@PathVariable long id, @Valid @RequestBody LicenceDtos.AssignmentRequest request) {
        return licences.assign(id, request.ciId(), request.username(), request.personName(), currentUsers.current());
    }

    @PostMapping("/api/v1/licence-assignments/{id}/end")
    LicenceAssignment unassign(@PathVariable long id) {
        return licences.unassign(id, currentUsers.current());
    }

    @GetMapping("/api/v1/licences/{id}/history")
    List<LicenceAudit.Entry> history(@PathVariable long id) {
        return licences.history(id, currentUsers.current());
    }

    private LicenceDtos.LicenceView view(Licence licence) {
        return mapper.toView(licence, LocalDate.now(clock.withZone(Compliance.CITY_HALL_ZONE)));
    }

    private static LicenceDetails details(LicenceDtos.LicenceRequest r) {
        return new LicenceDetails(
                r.name(),
                r.products(),
                r.metric(),
                r.quantity(),
                r.validFrom(),
                r.validUntil(),
                r.contractNumber(),
                r.vendor(),
                r.cost(),
                r.currency(),
                r.notes());
    }
}
