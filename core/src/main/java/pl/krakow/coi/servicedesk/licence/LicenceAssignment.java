package pl.krakow.coi.servicedesk.licence;

import java.time.Instant;

/** A licence given to a device ({@code ciId}) or a person ({@code personUsername}); ended, never deleted. */
record LicenceAssignment(
        long id,
        long licenceId,
        Long ciId,
        String personUsername,
        String personName,
        Instant assignedAt,
        String assignedBy,
        Instant endedAt,
        String endedBy) {

    public boolean active() {
        return endedAt == null;
    }
}
