package pl.krakow.coi.servicedesk.licence;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.licence.domain.ComplianceStatus;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/** The compliance position per product, as last recomputed (recomputation is automatic). */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN', 'CMDB_ADMIN', 'LICENCE_ADMIN', 'DISPOSAL', 'INTEGRATION')")
class ComplianceController {

    private final Compliance compliance;
    private final SoftwareCatalogue catalogue;
    private final CurrentUsers currentUsers;
    private final LicenceViewMapper mapper;

    ComplianceController(
            Compliance compliance, SoftwareCatalogue catalogue, CurrentUsers currentUsers, LicenceViewMapper mapper) {
        this.compliance = compliance;
        this.catalogue = catalogue;
        this.currentUsers = currentUsers;
        this.mapper = mapper;
    }

    @GetMapping("/api/v1/compliance")
    List<LicenceDtos.PositionView> positions(
            @RequestParam(required = false) ComplianceStatus status,
            @RequestParam(required = false) String publisher,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 500 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 500, page 0 to 10000");
        }
        return compliance.positions(status, publisher, page, size, currentUsers.current()).stream()
                .map(mapper::toView)
                .toList();
    }

    @GetMapping("/api/v1/compliance/{productId}")
    LicenceDtos.PositionView position(@PathVariable long productId) {
        return compliance
                .position(productId, currentUsers.current())
                .map(mapper::toView)
                .orElseThrow(() -> ServiceDeskException.notFound("Compliance position of product", productId));
    }

    @GetMapping("/api/v1/compliance/summary")
    LicenceDtos.ComplianceSummary summary() {
        CurrentUser user = currentUsers.current();
        Compliance.Summary summary = compliance.summary(user);
        return new LicenceDtos.ComplianceSummary(
                summary.products(),
                summary.overDeployed(),
                summary.unused(),
                new LicenceDtos.Expiring(
                        summary.expiring().get(30).intValue(),
                        summary.expiring().get(60).intValue(),
                        summary.expiring().get(90).intValue()),
                catalogue.unmatchedCount());
    }
}
