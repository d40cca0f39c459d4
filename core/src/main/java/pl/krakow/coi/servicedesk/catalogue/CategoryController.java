package pl.krakow.coi.servicedesk.catalogue;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
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
import pl.krakow.coi.servicedesk.organisation.CatalogueAudit;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/**
 * The service catalogue: read by everyone signed in, maintained by admins. Each change is recorded with
 * its author in the catalogue's audit trail ({@link CatalogueAudit}), in the change's transaction.
 */
@RestController
@RequestMapping("/api/v1/categories")
class CategoryController {

    private final Categories categories;
    private final Organisation organisation;
    private final ApplicationEventPublisher events;
    private final CatalogueAudit audit;
    private final CurrentUsers currentUsers;

    CategoryController(
            Categories categories,
            Organisation organisation,
            ApplicationEventPublisher events,
            CatalogueAudit audit,
            CurrentUsers currentUsers) {
        this.categories = categories;
        this.organisation = organisation;
        this.events = events;
        this.audit = audit;
        this.currentUsers = currentUsers;
    }

    @GetMapping
    List<Category> list(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String group,
            @RequestParam(required = false, defaultValue = "true") boolean activeOnly) {
        return (activeOnly ? categories.findActive() : categories.findAll())
                .stream()
                        .filter(c -> unit == null || c.unitCode().equals(unit))
                        .filter(c -> group == null
                                || c.groupPl().toLowerCase(Locale.ROOT).equals(group.toLowerCase(Locale.ROOT)))
                        .toList();
    }

    @GetMapping("/{code}")
    ResponseEntity<Category> get(@PathVariable String code) {
        Category category = categories.find(code).orElseThrow(() -> ServiceDeskException.notFound("Category", code));
        return ResponseEntity.ok().eTag(ETags.of(category.version())).body(category);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ResponseEntity<Category> create(@Valid @RequestBody Category category) {
        audit.actAs(currentUsers.current());
        organisation.requireEscalationTarget(category.unitCode());
        if (!categories.insert(category)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.CONFLICT,
                    "category-exists",
                    "Category exists",
                    "Category " + category.code() + " exists");
        }
        events.publishEvent(new CatalogueChanged(category.code()));
        Category stored = categories.find(category.code()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/categories/" + category.code()))
                .eTag(ETags.of(stored.version()))
                .body(stored);
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ResponseEntity<Category> update(
            @PathVariable String code,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody Category category) {
        audit.actAs(currentUsers.current());
        if (!code.equals(category.code())) {
            throw ServiceDeskException.invalid("code-mismatch", "The body's code must be " + code);
        }
        categories.find(code).orElseThrow(() -> ServiceDeskException.notFound("Category", code));
        organisation.requireEscalationTarget(category.unitCode());
        Category stored = categories.update(category, ETags.parse(ifMatch));
        events.publishEvent(new CatalogueChanged(code));
        return ResponseEntity.ok().eTag(ETags.of(stored.version())).body(stored);
    }
}
