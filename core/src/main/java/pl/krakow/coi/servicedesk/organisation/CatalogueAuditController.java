package pl.krakow.coi.servicedesk.organisation;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/** Admins read who changed the catalogue and the units, when, and from what to what. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class CatalogueAuditController {

    private final CatalogueAudit audit;

    CatalogueAuditController(CatalogueAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/catalogue/changes")
    List<CatalogueAudit.Change> changes(
            @RequestParam(required = false) CatalogueAudit.EntityType entityType,
            @RequestParam(defaultValue = "50") int limit) {
        return audit.latest(entityType, bounded(limit));
    }

    @GetMapping("/api/v1/categories/{code}/history")
    List<CatalogueAudit.Change> categoryHistory(
            @org.springframework.web.bind.annotation.PathVariable String code,
            @RequestParam(defaultValue = "50") int limit) {
        return audit.of(CatalogueAudit.EntityType.CATEGORY, code, bounded(limit));
    }

    @GetMapping("/api/v1/units/{code}/history")
    List<CatalogueAudit.Change> unitHistory(
            @org.springframework.web.bind.annotation.PathVariable String code,
            @RequestParam(defaultValue = "50") int limit) {
        return audit.of(CatalogueAudit.EntityType.UNIT, code, bounded(limit));
    }

    static int bounded(int limit) {
        if (limit < 1 || limit > 500) {
            throw ServiceDeskException.invalid("invalid-limit", "limit is 1 to 500");
        }
        return limit;
    }
}
