package pl.krakow.coi.servicedesk.cmdb.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an item is in its lifecycle: ordered → in stock → in use ↔ in repair → in stock → retired →
 * disposed. An item in use may also go back to stock (a returned or moved device, §13).
 */
public enum CiStatus {
    ORDERED,
    IN_STOCK,
    IN_USE,
    IN_REPAIR,
    RETIRED,
    DISPOSED;

    /** The statuses this one may change to. */
    public Set<CiStatus> next() {
        return switch (this) {
            case ORDERED -> EnumSet.of(IN_STOCK);
            case IN_STOCK -> EnumSet.of(IN_USE, RETIRED);
            case IN_USE -> EnumSet.of(IN_REPAIR, IN_STOCK);
            case IN_REPAIR -> EnumSet.of(IN_USE, IN_STOCK);
            case RETIRED -> EnumSet.of(DISPOSED);
            case DISPOSED -> EnumSet.noneOf(CiStatus.class);
        };
    }

    public boolean canMoveTo(CiStatus target) {
        return next().contains(target);
    }

    /** Whether the item still serves (counts for impact, licence consumption, hostname uniqueness). */
    public boolean inService() {
        return this != RETIRED && this != DISPOSED;
    }

    /** The statuses an item may be registered in: bought (ordered, in stock) or found running. */
    public static Set<CiStatus> initial() {
        return EnumSet.of(ORDERED, IN_STOCK, IN_USE);
    }
}
