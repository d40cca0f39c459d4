package pl.krakow.coi.servicedesk.organisation;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/**
 * Units: read by everyone signed in, maintained by admins (customer units are added here or by import).
 * Each change is recorded with its author in the catalogue's audit trail ({@link CatalogueAudit}).
 */
@RestController
@RequestMapping("/api/v1/units")
class UnitController {

    private final Units units;
    private final Organisation organisation;
    private final CatalogueAudit audit;
    private final CurrentUsers currentUsers;

    UnitController(Units units, Organisation organisation, CatalogueAudit audit, CurrentUsers currentUsers) {
        this.units = units;
        this.organisation = organisation;
        this.audit = audit;
        this.currentUsers = currentUsers;
    }

    @GetMapping
    List<Unit> list(
            @RequestParam(required = false) Unit.Kind kind,
            @RequestParam(required = false) Unit.SupportRole supportRole) {
        return units.findAll().stream()
                .filter(u -> kind == null || u.kind() == kind)
                .filter(u -> supportRole == null || u.supportRole() == supportRole)
                .toList();
    }

    @GetMapping("/{code}")
    ResponseEntity<Unit> get(@PathVariable String code) {
        Unit unit = organisation.require(code);
        return ResponseEntity.ok().eTag(ETags.of(unit.version())).body(unit);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ResponseEntity<Unit> create(@Valid @RequestBody Unit unit) {
        audit.actAs(currentUsers.current());
        checkParent(unit);
        if (!units.insert(unit)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "unit-exists",
                    "Unit exists",
                    "Unit " + unit.code() + " exists");
        }
        Unit stored = organisation.require(unit.code());
        return ResponseEntity.created(URI.create("/api/v1/units/" + unit.code()))
                .eTag(ETags.of(stored.version()))
                .body(stored);
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ResponseEntity<Unit> update(
            @PathVariable String code,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody Unit unit) {
        audit.actAs(currentUsers.current());
        if (!code.equals(unit.code())) {
            throw ServiceDeskException.invalid("code-mismatch", "The body's code must be " + code);
        }
        organisation.require(code);
        checkParent(unit);
        Unit stored = units.update(unit, ETags.parse(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(stored.version())).body(stored);
    }

    private void checkParent(Unit unit) {
        if (unit.parentCode() != null && units.find(unit.parentCode()).isEmpty()) {
            throw ServiceDeskException.invalid(
                    "unknown-parent-unit", "Parent unit " + unit.parentCode() + " does not exist");
        }
    }
}
