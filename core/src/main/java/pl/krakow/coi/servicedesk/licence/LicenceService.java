package pl.krakow.coi.servicedesk.licence;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.licence.domain.LicenceRuleViolation;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The licence register's use cases: register and change licences, assign them to people (per-user) or
 * devices (per-device, per-core), end assignments. Each change is audited and the compliance of the
 * products concerned is recomputed after commit. Also the API for seeding: {@link #register}, {@link #assign}.
 */
@Service
public class LicenceService {

    private final Licences licences;
    private final SoftwareProducts products;
    private final CmdbService items;
    private final Compliance compliance;
    private final LicenceAccess access;
    private final LicenceAudit audit;
    private final Clock clock;

    LicenceService(
            Licences licences,
            SoftwareProducts products,
            CmdbService items,
            Compliance compliance,
            LicenceAccess access,
            LicenceAudit audit,
            Clock clock) {
        this.licences = licences;
        this.products = products;
        this.items = items;
        this.compliance = compliance;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public Licence get(long id, CurrentUser user) {
        access.requireRead(user);
        return require(id);
    }

    /**
     * @param expiringWithin only licences valid today that end within this many days
     */
    public List<Licence> search(
            Long productId,
            LicenceMetric metric,
            String vendor,
            Integer expiringWithin,
            int page,
            int size,
            CurrentUser user) {
        access.requireRead(user);
        if (size < 1 || size > 100 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 100, page 0 to 10000");
        }
        if (expiringWithin != null && (expiringWithin < 0 || expiringWithin > 3650)) {
            throw ServiceDeskException.invalid("invalid-expiry-window", "expiringWithin is 0 to 3650 days");
        }
        return licences.search(productId, metric, vendor, expiringWithin, today(), page, size);
    }

    @Transactional
    public Licence register(LicenceDetails details, CurrentUser user) {
        access.requireLicenceAdmin(user, "register licences");
        check(details);
        Instant now = clock.instant();
        long id = licences.insert(details, now);
        audit.record("LICENCE", id, "REGISTERED", describe(details), user, now);
        compliance.changed(details.products());
        return require(id);
    }

    @Transactional
    public Licence update(long id, long expectedVersion, LicenceDetails details, CurrentUser user) {
        access.requireLicenceAdmin(user, "change licences");
        Licence current = licences.lock(id).orElseThrow(() -> ServiceDeskException.notFound("Licence", id));
        check(details);
        if (current.details().metric() != details.metric() && current.activeAssignments() > 0) {
            throw LicenceRuleViolation.rule(
                    "licence-has-assignments",
                    "Licence " + id + " has " + current.activeAssignments()
                            + " active assignments; end them before changing the metric",
                    Map.of("activeAssignments", current.activeAssignments()));
        }
        Instant now = clock.instant();
        licences.update(id, details, expectedVersion, now);
        audit.record("LICENCE", id, "UPDATED", describe(details), user, now);
        Set<Long> affected = new HashSet<>(current.details().products());
        affected.addAll(details.products());
        compliance.changed(affected);
        return require(id);
    }

    /**
     * Assigns a licence to a device (per-device and per-core licences) or to a person (per-user licences);
     * site and concurrent licences are not assigned.
     */
    @Transactional
    public LicenceAssignment assign(
            long licenceId, Long ciId, String personUsername, String personName, CurrentUser user) {
        access.requireLicenceAdmin(user, "assign licences");
        Licence licence =
                licences.lock(licenceId).orElseThrow(() -> ServiceDeskException.notFound("Licence", licenceId));
        LicenceMetric metric = licence.details().metric();
        boolean toDevice = ciId != null;
        boolean toPerson = personUsername != null && !personUsername.isBlank();
        if (toDevice == toPerson) {
            throw LicenceRuleViolation.invalid(
                    "invalid-assignment", "Assign a licence either to a device (ciId) or to a person (username)");
        }
        LicenceMetric.Assignee needed = metric.assignee();
        if (needed == LicenceMetric.Assignee.NONE
                || (needed == LicenceMetric.Assignee.DEVICE && !toDevice)
                || (needed == LicenceMetric.Assignee.PERSON && !toPerson)) {
            throw LicenceRuleViolation.rule(
                    "assignment-not-applicable",
                    "A " + metric + " licence is "
                            + switch (needed) {
                                case DEVICE -> "assigned to devices";
                                case PERSON -> "assigned to people";
                                case NONE -> "not assigned";
                            },
                    Map.of("metric", metric.name()));
        }
        if (toDevice) {
            ConfigurationItem item =
                    items.item(ciId).orElseThrow(() -> ServiceDeskException.notFound("Configuration item", ciId));
            if (item.merged() || !item.status().inService()) {
                throw LicenceRuleViolation.rule(
                        "item-not-in-service",
                        "Item " + ciId + " is " + (item.merged() ? "a merged duplicate" : item.status()),
                        Map.of("ciId", ciId));
            }
        } else if (personUsername.length() > 100 || (personName != null && personName.length() > 200)) {
            throw LicenceRuleViolation.invalid("validation-failed", "A username has at most 100 characters");
        }
        Instant now = clock.instant();
        String username = toPerson ? personUsername.strip() : null;
        String name = toPerson ? (personName == null || personName.isBlank() ? username : personName.strip()) : null;
        long id = licences.assign(licenceId, ciId, username, name, user.username(), now)
                .orElseThrow(() -> LicenceRuleViolation.conflict(
                        "assignment-exists",
                        "Assignment exists",
                        (toDevice ? "Item " + ciId : username) + " already holds licence " + licenceId,
                        Map.of("licenceId", licenceId)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assignmentId", id);
        details.put(toDevice ? "ciId" : "person", toDevice ? ciId : username);
        audit.record("LICENCE", licenceId, "ASSIGNED", details, user, now);
        compliance.changed(licence.details().products());
        return licences.assignment(id).orElseThrow();
    }

    @Transactional
    public LicenceAssignment unassign(long assignmentId, CurrentUser user) {
        access.requireLicenceAdmin(user, "end licence assignments");
        LicenceAssignment assignment = licences.assignment(assignmentId)
                .orElseThrow(() -> ServiceDeskException.notFound("Assignment", assignmentId));
        Licence licence = licences.lock(assignment.licenceId()).orElseThrow();
        Instant now = clock.instant();
        if (!licences.endAssignment(assignmentId, user.username(), now)) {
            throw LicenceRuleViolation.conflict(
                    "assignment-ended", "Assignment ended", "Assignment " + assignmentId + " has ended", Map.of());
        }
        audit.record("LICENCE", licence.id(), "UNASSIGNED", Map.of("assignmentId", assignmentId), user, now);
        compliance.changed(licence.details().products());
        return licences.assignment(assignmentId).orElseThrow();
    }

    public List<LicenceAssignment> assignments(long licenceId, boolean activeOnly, CurrentUser user) {
        access.requireRead(user);
        require(licenceId);
        return licences.assignments(licenceId, activeOnly);
    }

    public List<LicenceAudit.Entry> history(long licenceId, CurrentUser user) {
        access.requireRead(user);
        require(licenceId);
        return audit.of("LICENCE", licenceId);
    }

    private Licence require(long id) {
        return licences.find(id).orElseThrow(() -> ServiceDeskException.notFound("Licence", id));
    }

    /**
     * The licences whose end date is between {@code from} and {@code until} (both inclusive), soonest first, for
     * the system's own jobs (the licence-expiry notices): no caller, no access check.
     */
    public List<Licence> endingBetween(LocalDate from, LocalDate until) {
        return licences.endingBetween(from, until);
    }

    /** How the catalogue names each of these products ({@code publisher name}), by id; unknown ids left out. */
    public Map<Long, String> productNames(Collection<Long> ids) {
        Map<Long, String> names = new TreeMap<>();
        for (Long id : new TreeSet<>(ids)) {
            products.find(id).ifPresent(p -> names.put(id, (p.publisher() + " " + p.name()).strip()));
        }
        return names;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Compliance.CITY_HALL_ZONE));
    }

    private void check(LicenceDetails d) {
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            throw LicenceRuleViolation.invalid("validation-failed", "A licence needs a name (at most 200 characters)");
        }
        if (d.metric() == null) {
            throw LicenceRuleViolation.invalid("validation-failed", "A licence needs a metric");
        }
        if (d.metric().hasQuantity() && (d.quantity() == null || d.quantity() < 1)) {
            throw LicenceRuleViolation.invalid(
                    "quantity-required",
                    "A " + d.metric() + " licence needs a quantity of "
                            + d.metric().unit());
        }
        if (!d.metric().hasQuantity() && d.quantity() != null) {
            throw LicenceRuleViolation.invalid("quantity-not-applicable", "A SITE licence is unlimited: no quantity");
        }
        if (d.validFrom() == null) {
            throw LicenceRuleViolation.invalid("validation-failed", "A licence needs the date it is valid from");
        }
        if (d.validUntil() != null && d.validUntil().isBefore(d.validFrom())) {
            throw LicenceRuleViolation.invalid("invalid-dates", "A licence cannot end before it starts");
        }
        if (d.cost() != null && d.cost().compareTo(BigDecimal.ZERO) < 0) {
            throw LicenceRuleViolation.invalid("validation-failed", "The cost cannot be negative");
        }
        if (!d.currency().matches("[A-Z]{3}")) {
            throw LicenceRuleViolation.invalid("validation-failed", "The currency is an ISO code such as PLN or EUR");
        }
        if (d.products().isEmpty()) {
            throw LicenceRuleViolation.invalid("products-required", "A licence covers at least one product");
        }
        for (long product : d.products()) {
            if (products.find(product).isEmpty()) {
                throw LicenceRuleViolation.invalid("unknown-product", "There is no product " + product);
            }
        }
    }

    private static Map<String, Object> describe(LicenceDetails d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", d.name());
        details.put("products", d.products().stream().sorted().toList());
        details.put("metric", d.metric().name());
        details.put("quantity", d.quantity() == null ? "unlimited" : d.quantity());
        details.put("validFrom", d.validFrom().toString());
        details.put(
                "validUntil",
                d.validUntil() == null ? "perpetual" : d.validUntil().toString());
        details.put("contractNumber", String.valueOf(d.contractNumber()));
        details.put("vendor", String.valueOf(d.vendor()));
        details.put("cost", d.cost() == null ? "unknown" : d.cost().toPlainString() + " " + d.currency());
        return details;
    }
}
