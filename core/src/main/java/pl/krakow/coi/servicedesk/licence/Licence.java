package pl.krakow.coi.servicedesk.licence;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A licence in the register.
 *
 * @param activeAssignments people or devices it is assigned to now
 * @param version optimistic-lock version (the ETag)
 */
public record Licence(
        long id, LicenceDetails details, int activeAssignments, long version, Instant createdAt, Instant updatedAt) {

    /** Whether the licence entitles anything on {@code day}. */
    public boolean validOn(LocalDate day) {
        return !details.validFrom().isAfter(day)
                && (details.validUntil() == null || !details.validUntil().isBefore(day));
    }
}
