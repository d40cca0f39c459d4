package pl.krakow.coi.servicedesk.cmdb;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentifierKind;
import pl.krakow.coi.servicedesk.cmdb.domain.IdentityResolution;
import pl.krakow.coi.servicedesk.cmdb.domain.LifecyclePolicy;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The CMDB use cases: register, edit, move through the lifecycle, merge duplicates, relate items. Each runs
 * in one transaction: the item's row is locked, the caller's right checked ({@link CmdbAccess}), the rules
 * applied, and the change stored with its audit entry. Also the API for seeding and imports: build details
 * with {@link CiDetails#builder(String, String)}, then {@link #create}, {@link #relate}, {@link #transition}.
 */
@Service
public class CmdbService {

    private final ConfigurationItems items;
    private final CiClasses classes;
    private final CiEvents events;
    private final Relationships relationships;
    private final CmdbAccess access;
    private final Organisation organisation;
    private final Units units;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    CmdbService(
            ConfigurationItems items,
            CiClasses classes,
            CiEvents events,
            Relationships relationships,
            CmdbAccess access,
            Organisation organisation,
            Units units,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.items = items;
        this.classes = classes;
        this.events = events;
        this.relationships = relationships;
        this.access = access;
        this.organisation = organisation;
        this.units = units;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The item {@code id}, for a system process that checks it (licence assignments, software reports). */
    public Optional<ConfigurationItem> item(long id) {
        return items.find(id);
    }

    public ConfigurationItem get(long id, CurrentUser user) {
        access.requireRead(user);
        return require(id);
    }

    public ConfigurationItems.Page search(CiFilter filter, CurrentUser user) {
        access.requireRead(user);
        return items.search(filter);
    }

    public List<CiEvent> history(long id, CurrentUser user) {
        access.requireRead(user);
        require(id);
        return events.history(id);
    }

    /** One page (1 to 500) of the item's relationships, outgoing first. */
    public List<Relationships.Related> relationships(long id, int page, int size, CurrentUser user) {
        access.requireRead(user);
        if (size < 1 || size > 500 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 500, page 0 to 10000");
        }
        require(id);
        return relationships.of(id, page, size);
    }

    /**
     * Registers an item. A second record of a device the CMDB already has is refused (409
     * {@code duplicate-configuration-item} naming the existing item), whatever identifier gives it away.
     *
     * @param status ORDERED or IN_STOCK for a purchase, IN_USE for an item found running
     */
    @Transactional
    public ConfigurationItem create(CiDetails details, CiStatus status, CurrentUser user) {
        CiClass ciClass = requireClass(details.classCode());
        access.requireMaintain(user, ciClass);
        if (!ciClass.active()) {
            throw CmdbRuleViolation.rule(
                    "ci-class-inactive",
                    "Class " + ciClass.code() + " is inactive; no new items of it",
                    Map.of("class", ciClass.code()));
        }
        LifecyclePolicy.checkInitial(Objects.requireNonNull(status, "status"));
        CiDetails prepared = prepare(details, ciClass);
        refuseDuplicates(prepared.identity(), null);
        Instant now = clock.instant();
        long id = items.insert(prepared, status, now).orElseThrow(() -> {
            // A concurrent request registered the device between the check and the insert.
            refuseDuplicates(prepared.identity(), null);
            return new IllegalStateException("Insert refused without a visible duplicate");
        });
        if (!items.replaceMacs(id, prepared.identity().macAddresses()).isEmpty()) {
            // Taken by a concurrent request after the check: the whole registration rolls back.
            throw new DuplicateKeyException("A MAC address of the new item was registered concurrently");
        }
        events.append(
                id,
                CiEvents.of(CiEvent.Type.CREATED)
                        .status(null, status)
                        .data("class", ciClass.code())
                        .data("name", prepared.name()),
                user,
                now);
        publisher.publishEvent(
                new ConfigurationItemChanged(id, status, prepared.asMap().keySet()));
        return require(id);
    }

    /** Replaces the editable details of an item whose version is still {@code expectedVersion}. */
    @Transactional
    public ConfigurationItem update(long id, long expectedVersion, CiDetails details, CurrentUser user) {
        ConfigurationItem current = lockLive(id);
        CiClass currentClass = requireClass(current.classCode());
        access.requireMaintain(user, currentClass);
        checkVersion(current, expectedVersion);
        CiClass ciClass = currentClass;
        if (!currentClass.code().equals(details.classCode())) {
            ciClass = requireClass(details.classCode());
            access.requireMaintain(user, ciClass);
        }
        CiDetails prepared = prepare(details, ciClass);
        return store(current, prepared, CiEvents.of(CiEvent.Type.UPDATED), user);
    }

    /** Stores changed details of a locked live item, with its audit entry; unchanged details change nothing. */
    ConfigurationItem store(ConfigurationItem current, CiDetails prepared, CiEvents.Entry entry, CurrentUser user) {
        refuseDuplicates(prepared.identity(), current.id());
        Map<String, CiEvent.Change> changes = CiChanges.diff(current.details(), prepared);
        if (changes.isEmpty()) {
            return current;
        }
        Instant now = clock.instant();
        items.update(current.id(), prepared, null, current.version(), now);
        if (!current.details()
                .identity()
                .macAddresses()
                .equals(prepared.identity().macAddresses())) {
            Set<String> taken =
                    items.replaceMacs(current.id(), prepared.identity().macAddresses());
            if (!taken.isEmpty()) {
                refuseDuplicates(prepared.identity(), current.id());
            }
        }
        events.append(current.id(), entry.changes(changes), user, now);
        publisher.publishEvent(new ConfigurationItemChanged(current.id(), current.status(), changes.keySet()));
        return require(current.id());
    }

    /**
     * Moves an item through its lifecycle, saying why. Disposal is for the disposal role only; an item
     * leaving service releases its MAC addresses and hostname for reuse.
     *
     * @param expectedVersion the If-Match version, or null to act on the current one
     */
    @Transactional
    public ConfigurationItem transition(
            long id, Long expectedVersion, CiStatus target, String reason, CurrentUser user) {
        ConfigurationItem current = lockLive(id);
        CiClass ciClass = requireClass(current.classCode());
        if (target != CiStatus.DISPOSED) {
            access.requireMaintain(user, ciClass);
        }
        if (expectedVersion != null) {
            checkVersion(current, expectedVersion);
        }
        LifecyclePolicy.check(current.status(), Objects.requireNonNull(target, "status"), reason, user);
        Instant now = clock.instant();
        items.update(id, current.details(), target, current.version(), now);
        if (!target.inService()) {
            items.releaseMacs(id);
        }
        events.append(
                id,
                CiEvents.of(CiEvent.Type.STATUS_CHANGED)
                        .status(current.status(), target)
                        .reason(reason.strip()),
                user,
                now);
        publisher.publishEvent(new ConfigurationItemChanged(id, target, Set.of("status")));
        return require(id);
    }

    /**
     * Merges a duplicate record into the surviving item: the survivor takes the identifiers, MAC addresses,
     * relationships and details it lacks; the duplicate keeps its row (tickets may name it) and points at
     * the survivor. Records with contradicting strong identifiers are different devices and are not merged.
     */
    @Transactional
    public ConfigurationItem merge(
            long survivorId, Long expectedVersion, long duplicateId, String reason, CurrentUser user) {
        access.requireAdmin(user, "merge items");
        if (survivorId == duplicateId) {
            throw CmdbRuleViolation.invalid("merge-with-itself", "An item cannot be merged with itself");
        }
        if (reason == null || reason.isBlank()) {
            throw CmdbRuleViolation.invalid("merge-reason-required", "Say why the records are the same device");
        }
        ConfigurationItem first = lockLive(Math.min(survivorId, duplicateId));
        ConfigurationItem second = lockLive(Math.max(survivorId, duplicateId));
        ConfigurationItem survivor = first.id() == survivorId ? first : second;
        ConfigurationItem duplicate = first.id() == survivorId ? second : first;
        if (expectedVersion != null) {
            checkVersion(survivor, expectedVersion);
        }
        if (!survivor.classCode().equals(duplicate.classCode())) {
            throw CmdbRuleViolation.rule(
                    "merge-class-mismatch",
                    "Item " + survivorId + " is a " + survivor.classCode() + ", item " + duplicateId + " a "
                            + duplicate.classCode() + "; only records of one class are merged",
                    Map.of("survivorClass", survivor.classCode(), "duplicateClass", duplicate.classCode()));
        }
        if (!survivor.status().inService()) {
            throw CmdbRuleViolation.rule(
                    "item-not-in-service",
                    "Item " + survivorId + " is " + survivor.status() + "; merge into the item in service",
                    Map.of("status", survivor.status().name()));
        }
        List<IdentifierKind> contradictions =
                survivor.details().identity().contradictions(duplicate.details().identity());
        if (!contradictions.isEmpty()) {
            throw CmdbRuleViolation.conflict(
                    "merge-conflict",
                    "Different devices",
                    "The records differ in " + IdentityResolution.name(contradictions.get(0))
                            + ": they are different devices",
                    Map.of(
                            "identifiers",
                            contradictions.stream().map(Enum::name).toList()));
        }
        CiClass ciClass = requireClass(survivor.classCode());
        CiDetails merged = prepare(fill(survivor.details(), duplicate.details()), ciClass);
        Instant now = clock.instant();
        items.markMerged(duplicate.id(), survivor.id(), now);
        int moved = relationships.moveAll(duplicate.id(), survivor.id(), user.username(), now);
        Map<String, CiEvent.Change> changes = CiChanges.diff(survivor.details(), merged);
        items.update(survivor.id(), merged, null, survivor.version(), now);
        Set<String> taken = items.replaceMacs(survivor.id(), merged.identity().macAddresses());
        if (!taken.isEmpty()) {
            refuseDuplicates(merged.identity(), survivor.id());
        }
        events.append(
                survivor.id(),
                CiEvents.of(CiEvent.Type.MERGED)
                        .reason(reason.strip())
                        .changes(changes)
                        .data("duplicateId", duplicate.id())
                        .data("relationshipsMoved", moved),
                user,
                now);
        events.append(
                duplicate.id(),
                CiEvents.of(CiEvent.Type.MERGED_INTO).reason(reason.strip()).data("survivorId", survivor.id()),
                user,
                now);
        publisher.publishEvent(new ConfigurationItemsMerged(survivor.id(), duplicate.id()));
        publisher.publishEvent(new ConfigurationItemChanged(survivor.id(), survivor.status(), changes.keySet()));
        return require(survivor.id());
    }

    /** Relates two items in service: "source type target". */
    @Transactional
    public Relationship relate(long sourceId, RelationshipType type, long targetId, CurrentUser user) {
        Objects.requireNonNull(type, "type");
        if (sourceId == targetId) {
            throw CmdbRuleViolation.invalid("relationship-to-itself", "An item is not related to itself");
        }
        ConfigurationItem source = requireLive(sourceId);
        ConfigurationItem target = requireLive(targetId);
        access.requireMaintain(user, requireClass(source.classCode()));
        for (ConfigurationItem item : List.of(source, target)) {
            if (!item.status().inService()) {
                throw CmdbRuleViolation.rule(
                        "item-not-in-service",
                        "Item " + item.id() + " is " + item.status() + " and takes no new relationships",
                        Map.of("id", item.id(), "status", item.status().name()));
            }
        }
        Instant now = clock.instant();
        Relationship relationship = relationships
                .insert(sourceId, type, targetId, user.username(), now)
                .orElseThrow(() -> CmdbRuleViolation.conflict(
                        "relationship-exists",
                        "Relationship exists",
                        source.name() + " already " + type.phrase() + " " + target.name(),
                        Map.of(
                                "existingId",
                                relationships
                                        .find(sourceId, type, targetId)
                                        .map(Relationship::id)
                                        .orElse(-1L))));
        record(relationship, CiEvent.Type.RELATIONSHIP_ADDED, user, now);
        return relationship;
    }

    /** Removes a relationship (recorded in both items' history). */
    @Transactional
    public void unrelate(long relationshipId, CurrentUser user) {
        Relationship relationship = relationships
                .find(relationshipId)
                .orElseThrow(() -> ServiceDeskException.notFound("Relationship", relationshipId));
        ConfigurationItem source = require(relationship.sourceId());
        access.requireMaintain(user, requireClass(source.classCode()));
        Instant now = clock.instant();
        relationships.delete(relationshipId);
        record(relationship, CiEvent.Type.RELATIONSHIP_REMOVED, user, now);
    }

    private void record(Relationship r, CiEvent.Type type, CurrentUser user, Instant now) {
        for (long id : List.of(r.sourceId(), r.targetId())) {
            events.append(
                    id,
                    CiEvents.of(type)
                            .data("relationshipId", r.id())
                            .data("sourceId", r.sourceId())
                            .data("type", r.type().name())
                            .data("targetId", r.targetId()),
                    user,
                    now);
        }
    }

    ConfigurationItem require(long id) {
        return items.find(id).orElseThrow(() -> ServiceDeskException.notFound("Configuration item", id));
    }

    private ConfigurationItem requireLive(long id) {
        ConfigurationItem item = require(id);
        refuseMerged(item);
        return item;
    }

    ConfigurationItem lockLive(long id) {
        ConfigurationItem item =
                items.lock(id).orElseThrow(() -> ServiceDeskException.notFound("Configuration item", id));
        refuseMerged(item);
        return item;
    }

    private static void refuseMerged(ConfigurationItem item) {
        if (item.merged()) {
            throw CmdbRuleViolation.conflict(
                    "configuration-item-merged",
                    "Merged duplicate",
                    "Item " + item.id() + " was merged into item " + item.mergedInto() + "; work on that one",
                    Map.of("mergedInto", item.mergedInto()));
        }
    }

    CiClass requireClass(String code) {
        if (code == null || code.isBlank()) {
            throw CmdbRuleViolation.invalid("unknown-ci-class", "The item's class is required");
        }
        return classes.find(code)
                .orElseThrow(() -> CmdbRuleViolation.invalid("unknown-ci-class", "There is no class " + code));
    }

    private static void checkVersion(ConfigurationItem current, long expectedVersion) {
        if (current.version() != expectedVersion) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.STALE_VERSION,
                    "stale-version",
                    "Stale version",
                    "Item " + current.id() + " is at version " + current.version() + ", not " + expectedVersion
                            + "; fetch it again and retry",
                    Map.of("currentVersion", current.version()));
        }
    }

    /**
     * Refuses an identity some other item already holds (409 {@code duplicate-configuration-item} with the
     * existing item's id and the identifier that gave it away).
     *
     * @param self the item being changed, whose own identifiers are no duplicate
     */
    void refuseDuplicates(DeviceIdentity identity, Long self) {
        Map<IdentifierKind, Set<Long>> hits = items.holders(identity);
        for (IdentifierKind kind : IdentifierKind.values()) {
            for (long holder : hits.getOrDefault(kind, Set.of())) {
                if (self == null || holder != self) {
                    String value = kind == IdentifierKind.MAC_ADDRESS
                            ? String.join(", ", identity.macAddresses())
                            : identity.value(kind);
                    throw CmdbRuleViolation.conflict(
                            "duplicate-configuration-item",
                            "Duplicate configuration item",
                            "Item " + holder + " already has " + IdentityResolution.name(kind) + " " + value
                                    + "; update or merge it instead of registering the device twice",
                            Map.of("existingId", holder, "matchedBy", kind.name(), "identifier", value));
                }
            }
        }
    }

    /** Checks details against the rules and the class, filling the class's default supporting unit. */
    CiDetails prepare(CiDetails details, CiClass ciClass) {
        String name = details.name();
        if (name == null || name.isBlank()) {
            throw CmdbRuleViolation.invalid("name-required", "An item needs a name");
        }
        length("name", name, 200);
        length("manufacturer", details.manufacturer(), 100);
        length("model", details.model(), 200);
        length("building", details.building(), 200);
        length("room", details.room(), 50);
        length("assignedUsername", details.assignedUsername(), 100);
        length("assignedName", details.assignedName(), 200);
        length("description", details.description(), 20000);
        if (details.ownerUnit() != null && units.find(details.ownerUnit()).isEmpty()) {
            throw CmdbRuleViolation.invalid("unknown-unit", "There is no unit " + details.ownerUnit());
        }
        String supporting = details.supportingUnit() == null
                        || details.supportingUnit().isBlank()
                ? ciClass.defaultSupportingUnit()
                : organisation.requireEscalationTarget(details.supportingUnit()).code();
        if (details.purchaseDate() != null
                && details.warrantyUntil() != null
                && details.warrantyUntil().isBefore(details.purchaseDate())) {
            throw CmdbRuleViolation.invalid("invalid-dates", "The warranty cannot end before the purchase");
        }
        if (details.cores() != null && (details.cores() < 1 || details.cores() > 100_000)) {
            throw CmdbRuleViolation.invalid("invalid-cores", "Cores are 1 to 100000");
        }
        String assignedUsername = blankToNull(details.assignedUsername());
        String assignedName = assignedUsername == null
                ? null
                : blankToNull(details.assignedName()) == null ? assignedUsername : details.assignedName();
        return new CiDetails(
                ciClass.code(),
                name,
                details.identity(),
                blankToNull(details.manufacturer()),
                blankToNull(details.model()),
                blankToNull(details.building()),
                blankToNull(details.room()),
                details.ownerUnit(),
                assignedUsername,
                assignedName,
                supporting,
                details.purchaseDate(),
                details.warrantyUntil(),
                details.cores(),
                ciClass.schema().validate(details.attributes()),
                blankToNull(details.description()));
    }

    /** The survivor's details with the duplicate's filling the gaps (the survivor's hostname stays). */
    private static CiDetails fill(CiDetails survivor, CiDetails duplicate) {
        Map<String, Object> attributes = new LinkedHashMap<>(duplicate.attributes());
        attributes.putAll(survivor.attributes());
        return new CiDetails(
                survivor.classCode(),
                survivor.name(),
                survivor.identity().filledFrom(duplicate.identity()),
                first(survivor.manufacturer(), duplicate.manufacturer()),
                first(survivor.model(), duplicate.model()),
                first(survivor.building(), duplicate.building()),
                first(survivor.room(), duplicate.room()),
                first(survivor.ownerUnit(), duplicate.ownerUnit()),
                first(survivor.assignedUsername(), duplicate.assignedUsername()),
                survivor.assignedUsername() != null ? survivor.assignedName() : duplicate.assignedName(),
                first(survivor.supportingUnit(), duplicate.supportingUnit()),
                first(survivor.purchaseDate(), duplicate.purchaseDate()),
                first(survivor.warrantyUntil(), duplicate.warrantyUntil()),
                first(survivor.cores(), duplicate.cores()),
                attributes,
                first(survivor.description(), duplicate.description()));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void length(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw CmdbRuleViolation.invalid(
                    "validation-failed", field + " has at most " + max + " characters", Map.of("field", field));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
