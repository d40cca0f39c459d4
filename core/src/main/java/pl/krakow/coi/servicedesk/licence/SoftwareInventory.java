package pl.krakow.coi.servicedesk.licence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.CmdbService;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItem;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;
import pl.krakow.coi.servicedesk.licence.domain.LicenceRuleViolation;
import pl.krakow.coi.servicedesk.licence.domain.SoftwareName;
import pl.krakow.coi.servicedesk.licence.domain.SoftwareNormaliser;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The software installed on configuration items. Inventory agents and imports call {@link #report}: "this
 * item now reports these raw software names"; the names are normalised to catalogue products by the rules,
 * installations are recorded or refreshed, and the ones the source no longer reports are ended (not
 * deleted). The compliance of every product whose installations changed is recomputed after commit.
 */
@Service
public class SoftwareInventory {

    /** Serialises reports (shared) against rule changes (exclusive), so no name is normalised by stale rules. */
    static final String RULES_LOCK = "SELECT pg_advisory_xact_lock_shared(hashtext('servicedesk.software-rules'))";

    private final CmdbService items;
    private final RawSoftwareNames rawNames;
    private final Installations installations;
    private final SoftwareCatalogue catalogue;
    private final Compliance compliance;
    private final LicenceAccess access;
    private final LicenceAudit audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    SoftwareInventory(
            CmdbService items,
            RawSoftwareNames rawNames,
            Installations installations,
            SoftwareCatalogue catalogue,
            Compliance compliance,
            LicenceAccess access,
            LicenceAudit audit,
            JdbcClient jdbc,
            Clock clock) {
        this.items = items;
        this.rawNames = rawNames;
        this.installations = installations;
        this.catalogue = catalogue;
        this.compliance = compliance;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A name as reported, with the version when the source reports it apart ({@code DisplayVersion}). */
    public record ReportedSoftware(String name, String version) {

        public static ReportedSoftware of(String name) {
            return new ReportedSoftware(name, null);
        }
    }

    /**
     * What a report did.
     *
     * @param stale the report is older than the last one processed for the item and source: ignored
     * @param unmatched reported names no rule recognises (listed for review)
     * @param products the products whose installations changed
     */
    public record ReportResult(
            long ciId,
            InstallationSource source,
            boolean stale,
            int reported,
            int added,
            int refreshed,
            int ended,
            int unmatched,
            Set<Long> products) {}

    /** {@link #report} for names without separate versions. */
    @Transactional
    public ReportResult reportNames(
            long ciId, InstallationSource source, Instant reportedAt, Collection<String> names, CurrentUser user) {
        return report(
                ciId,
                source,
                reportedAt,
                names.stream().map(ReportedSoftware::of).toList(),
                user);
    }

    /**
     * This item now reports these raw software names, from this source, at this time. A report older than
     * the last one processed for the item and source changes nothing.
     */
    @Transactional
    public ReportResult report(
            long ciId,
            InstallationSource source,
            Instant reportedAt,
            Collection<ReportedSoftware> software,
            CurrentUser user) {
        access.requireInventory(user);
        Objects.requireNonNull(reportedAt, "reportedAt");
        if (source == null || !source.reported()) {
            throw LicenceRuleViolation.invalid(
                    "invalid-source", "Software is reported by an AGENT or an IMPORT; MANUAL installations are added");
        }
        requireLiveItem(ciId);
        Map<String, String> reported = new LinkedHashMap<>();
        for (ReportedSoftware entry : software) {
            SoftwareName.clean(entry.name()).ifPresent(name -> {
                String version = entry.version() == null || entry.version().isBlank()
                        ? null
                        : entry.version().strip();
                if (version != null && version.length() > 100) {
                    version = version.substring(0, 100);
                }
                if (version != null || !reported.containsKey(name)) {
                    reported.put(name, version);
                }
            });
        }
        boolean current = jdbc.sql("""
                        INSERT INTO software_inventory_report (ci_id, source, reported_at, name_count)
                        VALUES (:ci, :source, :at, :count)
                        ON CONFLICT (ci_id, source) DO UPDATE
                            SET reported_at = EXCLUDED.reported_at, name_count = EXCLUDED.name_count
                            WHERE software_inventory_report.reported_at <= EXCLUDED.reported_at
                        RETURNING ci_id
                        """)
                .param("ci", ciId)
                .param("source", source.name())
                .param("at", java.sql.Timestamp.from(reportedAt))
                .param("count", reported.size())
                .query(Long.class)
                .optional()
                .isPresent();
        if (!current) {
            return new ReportResult(ciId, source, true, reported.size(), 0, 0, 0, 0, Set.of());
        }
        jdbc.sql(RULES_LOCK).query(rs -> {});
        Map<String, RawSoftwareNames.RawName> known = names(reported.keySet());

        Map<Long, Installations.Active> active = new LinkedHashMap<>();
        installations.activeReported(ciId, source).forEach(a -> active.put(a.rawNameId(), a));
        List<Long> addNames = new ArrayList<>();
        List<String> addVersions = new ArrayList<>();
        List<Long> seenIds = new ArrayList<>();
        List<String> seenVersions = new ArrayList<>();
        Set<Long> products = new HashSet<>();
        int unmatched = 0;
        for (Map.Entry<String, String> entry : reported.entrySet()) {
            RawSoftwareNames.RawName raw = known.get(entry.getKey());
            if (raw.status() == RawSoftwareNames.Status.UNMATCHED) {
                unmatched++;
            }
            Installations.Active existing = active.remove(raw.id());
            if (existing == null) {
                addNames.add(raw.id());
                addVersions.add(entry.getValue());
                products.add(raw.productId());
            } else {
                seenIds.add(existing.id());
                seenVersions.add(entry.getValue());
            }
        }
        String by = user.username();
        installations.insertReported(ciId, source, addNames, addVersions, reportedAt, by);
        installations.seen(seenIds, seenVersions, reportedAt);
        List<Long> endIds =
                active.values().stream().map(Installations.Active::id).toList();
        active.values().forEach(a -> products.add(a.productId()));
        installations.end(endIds, reportedAt, "NOT_REPORTED");
        products.remove(null);
        compliance.changed(products);
        return new ReportResult(
                ciId,
                source,
                false,
                reported.size(),
                addNames.size(),
                seenIds.size(),
                endIds.size(),
                unmatched,
                Set.copyOf(products));
    }

    /** The raw names, stored and normalised (new ones by the current rules). */
    private Map<String, RawSoftwareNames.RawName> names(Set<String> names) {
        Map<String, RawSoftwareNames.RawName> known = rawNames.find(names);
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(known.keySet());
        if (!missing.isEmpty()) {
            SoftwareNormaliser normaliser = catalogue.normaliser();
            Instant now = clock.instant();
            List<RawSoftwareNames.NewName> added = new ArrayList<>();
            for (String name : missing) {
                SoftwareCatalogue.Mapping mapping = catalogue.map(normaliser.normalise(name), now);
                added.add(new RawSoftwareNames.NewName(
                        name, mapping.status(), mapping.productId(), mapping.version(), mapping.ruleId()));
            }
            rawNames.insertAll(added, now);
            known = rawNames.find(names);
        }
        return known;
    }

    /** Records by hand that a product is installed on an item (source MANUAL). */
    @Transactional
    public Installation installManually(long ciId, long productId, String version, CurrentUser user) {
        access.requireManualInstallation(user);
        requireLiveItem(ciId);
        catalogue.requireProduct(productId);
        Instant now = clock.instant();
        String cleanVersion = version == null || version.isBlank() ? null : version.strip();
        long id = installations
                .insertManual(ciId, productId, cleanVersion, now, user.username())
                .orElseThrow(() -> LicenceRuleViolation.conflict(
                        "installation-exists",
                        "Installation exists",
                        "Item " + ciId + " already has product " + productId + " recorded by hand",
                        Map.of("ciId", ciId, "productId", productId)));
        audit.record(
                "INSTALLATION",
                id,
                "INSTALLED_MANUALLY",
                Map.of("ciId", ciId, "productId", productId, "version", String.valueOf(cleanVersion)),
                user,
                now);
        compliance.changed(List.of(productId));
        return installations.find(id).orElseThrow();
    }

    /** Ends a manual installation (the product was removed); reported ones end when no longer reported. */
    @Transactional
    public Installation end(long installationId, CurrentUser user) {
        access.requireManualInstallation(user);
        Installation installation = installations
                .find(installationId)
                .orElseThrow(() -> ServiceDeskException.notFound("Installation", installationId));
        if (installation.source() != InstallationSource.MANUAL) {
            throw LicenceRuleViolation.rule(
                    "installation-is-reported",
                    "Installation " + installationId + " is reported by " + installation.source()
                            + "; it ends when the source no longer reports it",
                    Map.of("source", installation.source().name()));
        }
        if (!installation.active()) {
            throw LicenceRuleViolation.conflict(
                    "installation-ended",
                    "Installation ended",
                    "Installation " + installationId + " ended at " + installation.endedAt(),
                    Map.of());
        }
        Instant now = clock.instant();
        installations.end(List.of(installationId), now, "REMOVED");
        audit.record("INSTALLATION", installationId, "REMOVED", Map.of("ciId", installation.ciId()), user, now);
        compliance.changed(List.of(installation.productId()));
        return installations.find(installationId).orElseThrow();
    }

    public List<Installation> search(Long ciId, Long productId, Boolean active, int page, int size, CurrentUser user) {
        access.requireRead(user);
        if (size < 1 || size > 500) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be between 1 and 500");
        }
        if (page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page", "Page must be between 0 and 10000");
        }
        return installations.search(ciId, productId, active, page, size);
    }

    private ConfigurationItem requireLiveItem(long ciId) {
        ConfigurationItem item =
                items.item(ciId).orElseThrow(() -> ServiceDeskException.notFound("Configuration item", ciId));
        if (item.merged()) {
            throw LicenceRuleViolation.conflict(
                    "configuration-item-merged",
                    "Merged duplicate",
                    "Item " + ciId + " was merged into item " + item.mergedInto() + "; report for that one",
                    Map.of("mergedInto", item.mergedInto()));
        }
        return item;
    }
}
