package pl.krakow.coi.servicedesk.licence;

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
import pl.krakow.coi.servicedesk.licence.domain.Normalisation;
import pl.krakow.coi.servicedesk.licence.domain.NormalisationRule;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/**
 * The software catalogue, its normalisation rules (every change re-normalises the reported names), the names
 * waiting for review, and installations. Read by staff; kept by the licence admin.
 */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN', 'CMDB_ADMIN', 'LICENCE_ADMIN', 'DISPOSAL', 'INTEGRATION')")
class SoftwareController {

    private final SoftwareCatalogue catalogue;
    private final SoftwareInventory inventory;
    private final CurrentUsers currentUsers;

    SoftwareController(SoftwareCatalogue catalogue, SoftwareInventory inventory, CurrentUsers currentUsers) {
        this.catalogue = catalogue;
        this.inventory = inventory;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/api/v1/software/products")
    List<SoftwareProduct> products(
            @RequestParam(required = false) String publisher,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return catalogue.products(publisher, q, page, size, currentUsers.current());
    }

    @GetMapping("/api/v1/software/products/{id}")
    ResponseEntity<SoftwareProduct> product(@PathVariable long id) {
        SoftwareProduct product = catalogue.product(id, currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(product.version())).body(product);
    }

    @PostMapping("/api/v1/software/products")
    ResponseEntity<SoftwareProduct> createProduct(@Valid @RequestBody LicenceDtos.ProductRequest request) {
        SoftwareProduct product = catalogue.createProduct(
                request.publisher(),
                request.name(),
                request.licenceRequired() == null || request.licenceRequired(),
                request.description(),
                currentUsers.current());
        return ResponseEntity.created(URI.create("/api/v1/software/products/" + product.id()))
                .eTag(ETags.of(product.version()))
                .body(product);
    }

    @PutMapping("/api/v1/software/products/{id}")
    ResponseEntity<SoftwareProduct> updateProduct(
            @PathVariable long id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody LicenceDtos.ProductRequest request) {
        SoftwareProduct product = catalogue.updateProduct(
                new SoftwareProduct(
                        id,
                        request.publisher(),
                        request.name(),
                        request.licenceRequired() == null || request.licenceRequired(),
                        request.description(),
                        0),
                ETags.parse(ifMatch),
                currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(product.version())).body(product);
    }

    @GetMapping("/api/v1/software/rules")
    List<LicenceDtos.RuleView> rules() {
        return catalogue.rules(currentUsers.current()).stream()
                .map(SoftwareController::view)
                .toList();
    }

    @GetMapping("/api/v1/software/rules/{id}")
    ResponseEntity<LicenceDtos.RuleView> rule(@PathVariable long id) {
        NormalisationRules.Stored rule = catalogue.rule(id, currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(view(rule));
    }

    @PostMapping("/api/v1/software/rules")
    ResponseEntity<LicenceDtos.RuleChangeView> createRule(@Valid @RequestBody LicenceDtos.RuleRequest request) {
        SoftwareCatalogue.RuleChange change =
                catalogue.createRule(rule(null, request), request.note(), currentUsers.current());
        return ResponseEntity.created(URI.create(
                        "/api/v1/software/rules/" + change.rule().rule().id()))
                .eTag(ETags.of(change.rule().version()))
                .body(view(change));
    }

    @PutMapping("/api/v1/software/rules/{id}")
    ResponseEntity<LicenceDtos.RuleChangeView> updateRule(
            @PathVariable long id,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody LicenceDtos.RuleRequest request) {
        SoftwareCatalogue.RuleChange change = catalogue.updateRule(
                id, rule(id, request), request.note(), ETags.parse(ifMatch), currentUsers.current());
        return ResponseEntity.ok().eTag(ETags.of(change.rule().version())).body(view(change));
    }

    @DeleteMapping("/api/v1/software/rules/{id}")
    LicenceDtos.Renormalised deleteRule(@PathVariable long id) {
        return view(catalogue.deleteRule(id, currentUsers.current()));
    }

    @PostMapping("/api/v1/software/normalise")
    List<LicenceDtos.NormalisedView> normalise(@Valid @RequestBody LicenceDtos.NormaliseRequest request) {
        List<Normalisation> results = catalogue.normalise(request.names(), currentUsers.current());
        java.util.ArrayList<LicenceDtos.NormalisedView> views = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String name = request.names().get(i);
            Normalisation result = results.get(i);
            if (result instanceof Normalisation.Matched m) {
                views.add(new LicenceDtos.NormalisedView(
                        name, "MATCHED", m.publisher(), m.product(), m.version(), m.ruleId()));
            } else if (result instanceof Normalisation.Ignored ignored) {
                views.add(new LicenceDtos.NormalisedView(name, "IGNORED", null, null, null, ignored.ruleId()));
            } else {
                views.add(new LicenceDtos.NormalisedView(name, "UNMATCHED", null, null, null, null));
            }
        }
        return views;
    }

    @GetMapping("/api/v1/software/unmatched")
    LicenceDtos.UnmatchedPage unmatched(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        List<LicenceDtos.UnmatchedView> items = catalogue.unmatched(page, size, currentUsers.current()).stream()
                .map(u -> new LicenceDtos.UnmatchedView(u.id(), u.name(), u.items(), u.firstSeen(), u.lastSeen()))
                .toList();
        return new LicenceDtos.UnmatchedPage(items, page, size, catalogue.unmatchedCount());
    }

    @GetMapping("/api/v1/installations")
    List<Installation> installations(
            @RequestParam(required = false) Long ci,
            @RequestParam(required = false) Long product,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        return inventory.search(ci, product, active, page, size, currentUsers.current());
    }

    @GetMapping("/api/v1/cis/{id}/software")
    List<Installation> software(
            @PathVariable long id,
            @RequestParam(defaultValue = "true") Boolean active,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "500") int size) {
        return inventory.search(id, null, active, page, size, currentUsers.current());
    }

    @PostMapping("/api/v1/installations")
    @ResponseStatus(HttpStatus.CREATED)
    Installation install(@Valid @RequestBody LicenceDtos.ManualInstallationRequest request) {
        return inventory.installManually(
                request.ciId(), request.productId(), request.version(), currentUsers.current());
    }

    @PostMapping("/api/v1/installations/{id}/end")
    Installation end(@PathVariable long id) {
        return inventory.end(id, currentUsers.current());
    }

    private static NormalisationRule rule(Long id, LicenceDtos.RuleRequest r) {
        return new NormalisationRule(
                id,
                r.position(),
                r.pattern(),
                r.action(),
                r.publisher(),
                r.product(),
                r.versionTemplate(),
                r.licenceRequired() == null || r.licenceRequired(),
                r.active() == null || r.active());
    }

    private static LicenceDtos.RuleView view(NormalisationRules.Stored stored) {
        NormalisationRule r = stored.rule();
        return new LicenceDtos.RuleView(
                r.id(),
                r.position(),
                r.pattern(),
                r.action(),
                r.publisher(),
                r.product(),
                r.versionTemplate(),
                r.licenceRequired(),
                r.active(),
                stored.note(),
                stored.version(),
                stored.updatedAt(),
                stored.updatedBy());
    }

    private static LicenceDtos.RuleChangeView view(SoftwareCatalogue.RuleChange change) {
        return new LicenceDtos.RuleChangeView(view(change.rule()), view(change.renormalisation()));
    }

    private static LicenceDtos.Renormalised view(SoftwareCatalogue.Renormalisation r) {
        return new LicenceDtos.Renormalised(r.names(), r.changed(), r.installations(), r.unmatched());
    }
}
