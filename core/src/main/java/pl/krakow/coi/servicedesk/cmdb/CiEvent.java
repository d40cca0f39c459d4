package pl.krakow.coi.servicedesk.cmdb;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an item's audit trail: who did what, when and why.
 *
 * @param changes field → value before and after
 * @param data further facts (the relationship added, the duplicate merged, the source of a discovery)
 */
record CiEvent(
        long id,
        long ciId,
        Type type,
        String actor,
        String actorName,
        String actorUnit,
        Instant occurredAt,
        String reason,
        String fromStatus,
        String toStatus,
        Map<String, Change> changes,
        Map<String, Object> data) {

    /** What happened to the item. */
    public enum Type {
        CREATED,
        UPDATED,
        /** Updated from an inventory agent or an import that recognised the device. */
        DISCOVERED,
        STATUS_CHANGED,
        /** A duplicate was merged into this item. */
        MERGED,
        /** This item was merged into another as a duplicate. */
        MERGED_INTO,
        RELATIONSHIP_ADDED,
        RELATIONSHIP_REMOVED
    }

    /** A field's value before and after. */
    public record Change(Object from, Object to) {}
}
