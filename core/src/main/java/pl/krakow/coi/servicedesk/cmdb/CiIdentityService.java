package pl.krakow.coi.servicedesk.cmdb;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentityResolution;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * Recognises devices by their identifiers (the rules are {@link IdentityResolution}'s) and keeps one item
 * per device. Inventory agents and CSV imports call {@link #upsert}: the device is matched by agent device
 * id, hardware UUID, serial number, hostname, MAC address or inventory number, and updated, or registered
 * when it is new; identifiers that point at different items are refused, never guessed.
 */
@Service
public class CiIdentityService {

    private final ConfigurationItems items;
    private final CmdbService cmdb;
    private final CmdbAccess access;

    CiIdentityService(ConfigurationItems items, CmdbService cmdb, CmdbAccess access) {
        this.items = items;
        this.cmdb = cmdb;
        this.access = access;
    }

    /** What an upsert did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        /** Recognised; nothing new was reported. */
        UNCHANGED
    }

    /**
     * @param id the item
     * @param matchedBy the identifier that recognised an existing item; null when created
     * @param version the item's version after the upsert
     */
    public record UpsertResult(long id, Outcome outcome, IdentifierKind matchedBy, long version) {}

    /** Which item, if any, the identity belongs to (no change made). */
    public IdentityResolution.Outcome identify(DeviceIdentity identity, CurrentUser user) {
        access.requireRead(user);
        return resolve(identity);
    }

    /**
     * Creates or updates the item of a reported device. A new item is IN_USE (a device that reports is
     * running) and supported by its class's default unit. An existing item gets the identifiers it lacked,
     * its new hostname, further MAC addresses, and the reported manufacturer, model, cores and attributes.
     *
     * @param source where the report comes from ({@code agent}, {@code import:sccm.csv}), for the audit trail
     * @throws pl.krakow.coi.servicedesk.platform.ServiceDeskException 409 ({@code ambiguous-identity},
     *     {@code identity-conflict}, {@code identity-matches-retired-item}) when the identifiers do not point
     *     at one item in service
     */
    @Transactional
    public UpsertResult upsert(DiscoveredItem item, String source, CurrentUser user) {
        if (item.identity().isEmpty()) {
            throw CmdbRuleViolation.invalid(
                    "identity-required",
                    "A reported device needs at least one identifier: agent device id, hardware UUID, serial,"
                            + " hostname, MAC address or inventory number");
        }
        IdentityResolution.Outcome outcome = resolve(item.identity());
        if (outcome instanceof IdentityResolution.NewItem) {
            try {
                return create(item, user);
            } catch (CmdbRuleViolation e) {
                if (!"duplicate-configuration-item".equals(e.type())) {
                    throw e;
                }
                // Registered concurrently (nothing was inserted here): recognise it now.
                outcome = resolve(item.identity());
            }
        }
        if (outcome instanceof IdentityResolution.Match match) {
            return update(match, item, source, user);
        }
        IdentityResolution.Conflict conflict = (IdentityResolution.Conflict) outcome;
        throw CmdbRuleViolation.conflict(
                conflict.type(), "Identity conflict", conflict.detail(), Map.of("items", conflict.items()));
    }

    private UpsertResult create(DiscoveredItem item, CurrentUser user) {
        if (item.classCode() == null) {
            throw CmdbRuleViolation.invalid("unknown-ci-class", "A new device needs its class");
        }
        DeviceIdentity identity = item.identity();
        String name = item.name() != null && !item.name().isBlank()
                ? item.name()
                : identity.hostname() != null
                        ? identity.hostname().toUpperCase(java.util.Locale.ROOT)
                        : identity.inventoryNumber() != null
                                ? identity.inventoryNumber()
                                : identity.serialNumber() != null
                                        ? identity.serialNumber()
                                        : item.classCode() + " "
                                                + identity.values()
                                                        .values()
                                                        .iterator()
                                                        .next()
                                                        .get(0);
        CiDetails details = CiDetails.builder(item.classCode(), name)
                .identity(identity)
                .manufacturer(item.manufacturer())
                .model(item.model())
                .cores(item.cores())
                .attributes(new LinkedHashMap<>(item.attributes()))
                .build();
        ConfigurationItem created = cmdb.create(details, CiStatus.IN_USE, user);
        return new UpsertResult(created.id(), Outcome.CREATED, null, created.version());
    }

    private UpsertResult update(IdentityResolution.Match match, DiscoveredItem item, String source, CurrentUser user) {
        ConfigurationItem current = cmdb.lockLive(match.id());
        CiClass ciClass = cmdb.requireClass(current.classCode());
        access.requireMaintain(user, ciClass);
        CiDetails stored = current.details();
        DeviceIdentity reported = item.identity();
        Set<String> macs = new HashSet<>(stored.identity().macAddresses());
        macs.addAll(reported.macAddresses());
        DeviceIdentity identity = new DeviceIdentity(
                first(reported.agentDeviceId(), stored.identity().agentDeviceId()),
                first(reported.hardwareUuid(), stored.identity().hardwareUuid()),
                first(reported.serialNumber(), stored.identity().serialNumber()),
                first(reported.hostname(), stored.identity().hostname()),
                macs,
                first(reported.inventoryNumber(), stored.identity().inventoryNumber()));
        Map<String, Object> attributes = new LinkedHashMap<>(stored.attributes());
        attributes.putAll(item.attributes());
        CiDetails details = stored.toBuilder()
                .identity(identity)
                .manufacturer(first(item.manufacturer(), stored.manufacturer()))
                .model(first(item.model(), stored.model()))
                .cores(first(item.cores(), stored.cores()))
                .attributes(attributes)
                .build();
        ConfigurationItem after = cmdb.store(
                current,
                cmdb.prepare(details, ciClass),
                CiEvents.of(CiEvent.Type.DISCOVERED)
                        .data("source", source == null ? "unknown" : source)
                        .data("matchedBy", match.matchedBy().name()),
                user);
        return new UpsertResult(
                after.id(),
                after.version() == current.version() ? Outcome.UNCHANGED : Outcome.UPDATED,
                match.matchedBy(),
                after.version());
    }

    private IdentityResolution.Outcome resolve(DeviceIdentity identity) {
        Map<IdentifierKind, Set<Long>> hits = items.holders(identity);
        Set<Long> ids = new HashSet<>();
        hits.values().forEach(ids::addAll);
        return IdentityResolution.resolve(identity, hits, items.candidates(ids));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
