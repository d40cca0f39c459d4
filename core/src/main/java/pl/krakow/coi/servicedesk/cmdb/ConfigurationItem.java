package pl.krakow.coi.servicedesk.cmdb;

import java.time.Instant;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;

/**
 * A configuration item as stored.
 *
 * @param mergedInto the item this one was merged into as a duplicate; null for a live item
 * @param version optimistic-lock version (the ETag)
 */
public record ConfigurationItem(
        long id,
        CiStatus status,
        CiDetails details,
        Long mergedInto,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public String classCode() {
        return details.classCode();
    }

    public String name() {
        return details.name();
    }

    public boolean merged() {
        return mergedInto != null;
    }
}
