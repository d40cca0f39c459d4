package pl.krakow.coi.servicedesk.people;

import java.time.Instant;

/**
 * A person of the City Hall or a city unit.
 *
 * @param source where the record comes from ({@code directory}, {@code manual})
 * @param deactivatedAt when the directory stopped listing the person (null while active)
 */
public record Person(
        String username,
        String displayName,
        String email,
        String unitCode,
        boolean active,
        String source,
        Instant createdAt,
        Instant updatedAt,
        Instant deactivatedAt) {}
