package pl.krakow.coi.servicedesk.licence;

import java.time.Instant;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;

/**
 * A product installed on a configuration item, known from a source, between first and last seen; ended
 * (never deleted) when it is no longer reported or was removed.
 *
 * @param rawName the name as reported (null for a manual installation)
 * @param productId null while the raw name matches no rule
 * @param productVersion the version the rules extract, else the reported one
 * @param endReason NOT_REPORTED, REMOVED or ITEM_MERGED
 */
record Installation(
        long id,
        long ciId,
        String rawName,
        Long productId,
        String publisher,
        String product,
        String productVersion,
        String reportedVersion,
        InstallationSource source,
        Instant firstSeen,
        Instant lastSeen,
        Instant endedAt,
        String endReason) {

    public boolean active() {
        return endedAt == null;
    }
}
