package pl.krakow.coi.servicedesk.ticket;

import java.time.Instant;

/**
 * A remote-hands request from a second-line unit to IT-04-2 (§13.8), attached to a ticket: a task in the
 * providing unit's queue, assigned to one of its people, due by the operational-level target.
 *
 * @param assignedUnit the providing unit, whose queue holds the task
 * @param assignee the person of the providing unit working on it (null while unassigned)
 * @param dueAt when the task is due: the target in business time after it was requested (null for tasks
 *     requested before due times were kept)
 * @param overdue whether the task is open and past its due time, now
 */
record RemoteHandsTask(
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
        Instant completedAt,
        String assignee,
        String assigneeName,
        Instant assignedAt,
        Instant dueAt,
        String cancelledBy,
        String cancelReason,
        Instant cancelledAt,
        boolean overdue) {

    public enum Status {
        OPEN,
        DONE,
        CANCELLED
    }
}
