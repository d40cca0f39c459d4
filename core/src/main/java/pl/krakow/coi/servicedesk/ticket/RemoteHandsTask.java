package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;

/** A remote-hands request from a second-line unit to IT-04-2 (§13.8), attached to a ticket. */
public record RemoteHandsTask(
        long id,
        long ticketId,
        String ticketNumber,
        String requestedBy,
        String requestedByUnit,
        String assignedUnit,
        String description,
        Status status,
        String completedBy,
        String completionNote,
        Instant createdAt,
        Instant completedAt) {

    public enum Status {
        OPEN,
        DONE,
        CANCELLED
    }
}
