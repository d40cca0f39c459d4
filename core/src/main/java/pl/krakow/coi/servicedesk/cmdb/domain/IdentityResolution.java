package pl.krakow.coi.servicedesk.cmdb.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a reported device is an item the CMDB already has. The rules, in order:
 *
 * <ol>
 *   <li>Strong identifiers (agent device id, hardware UUID, serial number, inventory number) that point
 *       at two different items: a conflict, never a guess.
 *   <li>One item found by a strong identifier: that item, unless a weak identifier (hostname, MAC) is held
 *       by another item in service, or the item's own strong identifiers contradict the report.
 *   <li>Only weak identifiers found an item: that item, unless it has a strong identifier that differs
 *       from the reported one — a reused hostname on a replacement machine is a different device.
 *   <li>An item that is retired or disposed is not brought back by a report.
 *   <li>Nothing found: a new item.
 * </ol>
 */
public final class IdentityResolution {

    private IdentityResolution() {}

    /** An item found by some identifier, with what it is known by and whether it is still in service. */
    public record Candidate(long id, DeviceIdentity identity, CiStatus status) {}

    /** The decision. */
    public sealed interface Outcome permits NewItem, Match, Conflict {}

    /** No item has any of the identifiers. */
    public record NewItem() implements Outcome {}

    /** The device is item {@code id}, recognised by {@code matchedBy} (the first kind in priority order). */
    public record Match(long id, IdentifierKind matchedBy) implements Outcome {}

    /**
     * The identifiers do not point at one item consistently.
     *
     * @param type stable problem type
     * @param items the items involved
     */
    public record Conflict(String type, String detail, Set<Long> items) implements Outcome {}

    /**
     * @param reported the device's identity as reported
     * @param hits for each identifier kind, the items found by the reported value(s) of that kind
     * @param candidates every item in {@code hits}, by id
     */
    public static Outcome resolve(
            DeviceIdentity reported, Map<IdentifierKind, Set<Long>> hits, Map<Long, Candidate> candidates) {
        Set<Long> strong = new TreeSet<>();
        Set<Long> weak = new TreeSet<>();
        hits.forEach((kind, ids) -> (kind.strong() ? strong : weak).addAll(ids));
        if (strong.size() > 1) {
            return new Conflict(
                    "ambiguous-identity",
                    "The reported identifiers belong to different items " + strong + ": "
                            + describe(hits, strong, candidates),
                    strong);
        }
        if (strong.size() == 1) {
            long id = strong.iterator().next();
            Set<Long> others = new TreeSet<>(weak);
            others.remove(id);
            if (!others.isEmpty()) {
                Set<Long> involved = new LinkedHashSet<>(List.of(id));
                involved.addAll(others);
                return new Conflict(
                        "identity-conflict",
                        "Item " + id + " matches by a strong identifier, but " + describe(hits, others, candidates)
                                + " belongs to another item in service",
                        involved);
            }
            return decide(reported, hits, candidates.get(id));
        }
        if (weak.size() > 1) {
            return new Conflict(
                    "ambiguous-identity",
                    "The hostname and MAC addresses belong to different items " + weak + ": "
                            + describe(hits, weak, candidates),
                    weak);
        }
        if (weak.size() == 1) {
            return decide(reported, hits, candidates.get(weak.iterator().next()));
        }
        return new NewItem();
    }

    private static Outcome decide(DeviceIdentity reported, Map<IdentifierKind, Set<Long>> hits, Candidate candidate) {
        List<IdentifierKind> contradictions = candidate.identity().contradictions(reported);
        if (!contradictions.isEmpty()) {
            IdentifierKind kind = contradictions.get(0);
            return new Conflict(
                    "identity-conflict",
                    "Item " + candidate.id() + " has " + name(kind) + " "
                            + candidate.identity().value(kind)
                            + " but the report says " + reported.value(kind)
                            + ": a different device (retire the old item or correct the record)",
                    Set.of(candidate.id()));
        }
        if (!candidate.status().inService()) {
            return new Conflict(
                    "identity-matches-retired-item",
                    "The device is item " + candidate.id() + ", which is " + candidate.status()
                            + "; a retired or disposed item is not brought back by a report",
                    Set.of(candidate.id()));
        }
        for (IdentifierKind kind : IdentifierKind.values()) {
            Set<Long> ids = hits.get(kind);
            if (ids != null && ids.contains(candidate.id())) {
                return new Match(candidate.id(), kind);
            }
        }
        throw new IllegalStateException("Candidate " + candidate.id() + " was not found by any identifier");
    }

    private static String describe(Map<IdentifierKind, Set<Long>> hits, Set<Long> ids, Map<Long, Candidate> all) {
        StringBuilder text = new StringBuilder();
        for (IdentifierKind kind : IdentifierKind.values()) {
            for (long id : hits.getOrDefault(kind, Set.of())) {
                if (ids.contains(id)) {
                    if (!text.isEmpty()) {
                        text.append(", ");
                    }
                    Candidate candidate = all.get(id);
                    text.append(name(kind))
                            .append(' ')
                            .append(
                                    candidate == null || kind == IdentifierKind.MAC_ADDRESS
                                            ? ""
                                            : candidate.identity().value(kind))
                            .append(" → item ")
                            .append(id);
                }
            }
        }
        return text.toString().replace("  ", " ");
    }

    public static String name(IdentifierKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
