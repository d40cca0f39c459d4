package pl.krakow.coi.servicedesk.licence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.licence.domain.LicenceRuleViolation;
import pl.krakow.coi.servicedesk.licence.domain.Normalisation;
import pl.krakow.coi.servicedesk.licence.domain.NormalisationRule;
import pl.krakow.coi.servicedesk.licence.domain.SoftwareNormaliser;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The software catalogue and its normalisation rules, kept by the licence admin. Every change of the rules
 * re-normalises all reported names in the same transaction: installations follow their names to the new
 * products, unmatched names may become matched, and the compliance of every product gained or lost is
 * recomputed after commit.
 */
@Service
public class SoftwareCatalogue {

    private final SoftwareProducts products;
    private final NormalisationRules rules;
    private final RawSoftwareNames rawNames;
    private final Installations installations;
    private final Compliance compliance;
    private final LicenceAccess access;
    private final LicenceAudit audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    SoftwareCatalogue(
            SoftwareProducts products,
            NormalisationRules rules,
            RawSoftwareNames rawNames,
            Installations installations,
            Compliance compliance,
            LicenceAccess access,
            LicenceAudit audit,
            JdbcClient jdbc,
            Clock clock) {
        this.products = products;
        this.rules = rules;
        this.rawNames = rawNames;
        this.installations = installations;
        this.compliance = compliance;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What a re-normalisation changed.
     *
     * @param names the raw names examined
     * @param changed the names whose product, version or status changed
     * @param installations the installations that followed them
     * @param unmatched the names still unmatched
     */
    public record Renormalisation(int names, int changed, int installations, long unmatched) {}

    /** A rule change and the re-normalisation it caused. */
    public record RuleChange(NormalisationRules.Stored rule, Renormalisation renormalisation) {}

    /** How a normalisation is stored: status, product (created if the catalogue lacks it), version, rule. */
    record Mapping(RawSoftwareNames.Status status, Long productId, String version, Long ruleId) {}

    // ---- products ----

    public List<SoftwareProduct> products(String publisher, String text, int page, int size, CurrentUser user) {
        access.requireRead(user);
        if (size < 1 || size > 500 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 500, page 0 to 10000");
        }
        return products.search(publisher, text, page, size);
    }

    public SoftwareProduct product(long id, CurrentUser user) {
        access.requireRead(user);
        return requireProduct(id);
    }

    /** The catalogue's product of that publisher and name (any case), if any. */
    public java.util.Optional<SoftwareProduct> findProduct(String publisher, String name, CurrentUser user) {
        access.requireRead(user);
        return products.find(publisher, name);
    }

    SoftwareProduct requireProduct(long id) {
        return products.find(id).orElseThrow(() -> ServiceDeskException.notFound("Product", id));
    }

    @Transactional
    public SoftwareProduct createProduct(
            String publisher, String name, boolean licenceRequired, String description, CurrentUser user) {
        access.requireLicenceAdmin(user, "add products to the catalogue");
        checkProduct(publisher, name);
        Instant now = clock.instant();
        SoftwareProduct product = products.insert(publisher.strip(), name.strip(), licenceRequired, description, now)
                .orElseThrow(() -> LicenceRuleViolation.conflict(
                        "product-exists",
                        "Product exists",
                        publisher + " " + name + " is in the catalogue",
                        Map.of(
                                "existingId",
                                products.find(publisher.strip(), name.strip())
                                        .map(SoftwareProduct::id)
                                        .orElse(-1L))));
        audit.record("PRODUCT", product.id(), "CREATED", Map.of("publisher", publisher, "name", name), user, now);
        return product;
    }

    @Transactional
    public SoftwareProduct updateProduct(SoftwareProduct product, long expectedVersion, CurrentUser user) {
        access.requireLicenceAdmin(user, "change products of the catalogue");
        SoftwareProduct current = requireProduct(product.id());
        checkProduct(product.publisher(), product.name());
        Instant now = clock.instant();
        SoftwareProduct updated = products.update(
                new SoftwareProduct(
                        product.id(),
                        product.publisher().strip(),
                        product.name().strip(),
                        product.licenceRequired(),
                        product.description(),
                        product.version()),
                expectedVersion,
                now);
        audit.record(
                "PRODUCT",
                product.id(),
                "UPDATED",
                Map.of(
                        "licenceRequired",
                        current.licenceRequired() + " → " + updated.licenceRequired(),
                        "name",
                        current.publisher() + " " + current.name() + " → " + updated.publisher() + " "
                                + updated.name()),
                user,
                now);
        compliance.changed(List.of(product.id()));
        return updated;
    }

    private static void checkProduct(String publisher, String name) {
        if (publisher == null || publisher.isBlank() || publisher.length() > 200) {
            throw LicenceRuleViolation.invalid("validation-failed", "publisher is required (at most 200 characters)");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw LicenceRuleViolation.invalid("validation-failed", "name is required (at most 200 characters)");
        }
    }

    // ---- rules ----

    public List<NormalisationRules.Stored> rules(CurrentUser user) {
        access.requireRead(user);
        return rules.findAll();
    }

    public NormalisationRules.Stored rule(long id, CurrentUser user) {
        access.requireRead(user);
        return rules.find(id).orElseThrow(() -> ServiceDeskException.notFound("Rule", id));
    }

    @Transactional
    public RuleChange createRule(NormalisationRule rule, String note, CurrentUser user) {
        access.requireLicenceAdmin(user, "change the normalisation rules");
        rule.compile();
        Instant now = clock.instant();
        long id = rules.insert(rule, note, user.username(), now);
        audit.record("RULE", id, "CREATED", describe(rule), user, now);
        return new RuleChange(rules.find(id).orElseThrow(), renormalise());
    }

    @Transactional
    public RuleChange updateRule(long id, NormalisationRule rule, String note, long expectedVersion, CurrentUser user) {
        access.requireLicenceAdmin(user, "change the normalisation rules");
        rules.find(id).orElseThrow(() -> ServiceDeskException.notFound("Rule", id));
        rule.compile();
        Instant now = clock.instant();
        rules.update(id, rule, note, expectedVersion, user.username(), now);
        audit.record("RULE", id, "UPDATED", describe(rule), user, now);
        return new RuleChange(rules.find(id).orElseThrow(), renormalise());
    }

    @Transactional
    public Renormalisation deleteRule(long id, CurrentUser user) {
        access.requireLicenceAdmin(user, "change the normalisation rules");
        NormalisationRules.Stored stored = rules.find(id).orElseThrow(() -> ServiceDeskException.notFound("Rule", id));
        rules.delete(id);
        audit.record("RULE", id, "DELETED", describe(stored.rule()), user, clock.instant());
        return renormalise();
    }

    /** What the current rules make of some names (nothing is stored). */
    public List<Normalisation> normalise(List<String> names, CurrentUser user) {
        access.requireRead(user);
        SoftwareNormaliser normaliser = normaliser();
        return names.stream().map(normaliser::normalise).toList();
    }

    public List<RawSoftwareNames.Unmatched> unmatched(int page, int size, CurrentUser user) {
        access.requireRead(user);
        if (size < 1 || size > 500 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 500, page 0 to 10000");
        }
        return rawNames.unmatched(page, size);
    }

    public long unmatchedCount() {
        return rawNames.unmatchedCount();
    }

    /** The active rules, compiled. */
    SoftwareNormaliser normaliser() {
        return new SoftwareNormaliser(
                rules.findAll().stream().map(NormalisationRules.Stored::rule).toList());
    }

    /** How a normalisation is stored; a matched name's product is created if the catalogue lacks it. */
    Mapping map(Normalisation normalisation, Instant now) {
        return map(normalisation, now, new HashMap<>());
    }

    private Mapping map(Normalisation normalisation, Instant now, Map<String, Long> productCache) {
        if (normalisation instanceof Normalisation.Matched m) {
            String publisher = truncate(m.publisher());
            String product = truncate(m.product());
            String key = publisher.toLowerCase(Locale.ROOT) + "\u0000" + product.toLowerCase(Locale.ROOT);
            Long productId = productCache.computeIfAbsent(
                    key,
                    k -> products.findOrCreate(publisher, product, m.licenceRequired(), now)
                            .id());
            String version = m.version() == null
                    ? null
                    : m.version().substring(0, Math.min(100, m.version().length()));
            return new Mapping(RawSoftwareNames.Status.MATCHED, productId, version, m.ruleId());
        }
        if (normalisation instanceof Normalisation.Ignored i) {
            return new Mapping(RawSoftwareNames.Status.IGNORED, null, null, i.ruleId());
        }
        return new Mapping(RawSoftwareNames.Status.UNMATCHED, null, null, null);
    }

    /**
     * Normalises every reported name again by the current rules, moves the installations of changed names to
     * their new products, and marks the products gained and lost for recomputation. Holds the rules lock, so
     * reports wait rather than normalise new names by the old rules.
     */
    @Transactional
    public Renormalisation renormalise() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('servicedesk.software-rules'))")
                .query(rs -> {});
        SoftwareNormaliser normaliser = normaliser();
        Instant now = clock.instant();
        Map<String, Long> productIds = new HashMap<>();
        List<Long> changed = new ArrayList<>();
        Set<Long> affected = new HashSet<>();
        List<RawSoftwareNames.RawName> all = rawNames.findAll();
        for (RawSoftwareNames.RawName raw : all) {
            Mapping mapping = map(normaliser.normalise(raw.name()), now, productIds);
            boolean same = mapping.status() == raw.status()
                    && Objects.equals(mapping.productId(), raw.productId())
                    && Objects.equals(mapping.version(), raw.productVersion())
                    && Objects.equals(mapping.ruleId(), raw.ruleId());
            if (!same) {
                rawNames.updateNormalisation(
                        raw.id(), mapping.status(), mapping.productId(), mapping.version(), mapping.ruleId(), now);
                changed.add(raw.id());
                affected.add(raw.productId());
                affected.add(mapping.productId());
            }
        }
        int moved = installations.renormalise(changed);
        affected.remove(null);
        compliance.changed(affected);
        return new Renormalisation(all.size(), changed.size(), moved, rawNames.unmatchedCount());
    }

    private static String truncate(String value) {
        return value.length() > 200 ? value.substring(0, 200) : value;
    }

    private static Map<String, Object> describe(NormalisationRule rule) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("position", rule.position());
        details.put("pattern", rule.pattern());
        details.put("action", rule.action().name());
        details.put("publisher", String.valueOf(rule.publisher()));
        details.put("product", String.valueOf(rule.product()));
        details.put("versionTemplate", String.valueOf(rule.versionTemplate()));
        details.put("active", rule.active());
        return details;
    }
}
