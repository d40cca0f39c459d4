package pl.krakow.coi.servicedesk.cmdb;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/** Classes of configuration items with their attribute schemas: read by staff, defined by the CMDB admin. */
@RestController
@RequestMapping("/api/v1/ci-classes")
@PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN', 'CMDB_ADMIN', 'LICENCE_ADMIN', 'DISPOSAL', 'INTEGRATION')")
class CiClassController {

    private final CiClassService classes;
    private final CurrentUsers currentUsers;
    private final CiViewMapper mapper;

    CiClassController(CiClassService classes, CurrentUsers currentUsers, CiViewMapper mapper) {
        this.classes = classes;
        this.currentUsers = currentUsers;
        this.mapper = mapper;
    }

    @GetMapping
    List<CmdbDtos.CiClassView> list() {
        return classes.list(currentUsers.current()).stream().map(mapper::toView).toList();
    }

    @GetMapping("/{code}")
    ResponseEntity<CmdbDtos.CiClassView> get(@PathVariable String code) {
        CiClass ciClass = classes.get(code, currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(ciClass.version())).body(mapper.toView(ciClass));
    }

    @PostMapping
    ResponseEntity<CmdbDtos.CiClassView> create(@Valid @RequestBody CmdbDtos.CiClassRequest request) {
        CiClass created = classes.create(ciClass(request), currentUsers.current());
        return ResponseEntity.created(URI.create("/api/v1/ci-classes/" + created.code()))
                .eTag(ETags.of(created.version()))
                .body(mapper.toView(created));
    }

    @PutMapping("/{code}")
    ResponseEntity<CmdbDtos.CiClassView> update(
            @PathVariable String code,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody CmdbDtos.CiClassRequest request) {
        if (!code.equals(request.code())) {
            throw ServiceDeskException.invalid("code-mismatch", "The body's code must be " + code);
        }
        CiClass updated = classes.update(ciClass(request), ETags.parse(ifMatch), currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(mapper.toView(updated));
    }

    private static CiClass ciClass(CmdbDtos.CiClassRequest r) {
        return new CiClass(
                r.code(),
                r.namePl(),
                r.nameEn(),
                r.kind(),
                new AttributeSchema(r.attributes()),
                r.defaultSupportingUnit(),
                r.lifecycleUnit(),
                false,
                r.active() == null || r.active(),
                0);
    }
}
