package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;
import java.util.List;

/**
 * An admin's recomputation of the open tickets after configuration changes: who, when, why, which
 * changes were applied, and how each ticket's service levels changed.
 *
 * @param id null for a dry run (nothing stored, nothing changed)
 * @param toRevision the configuration revision the tickets now follow
 * @param configChanges the configuration changes applied (those after the oldest revision a ticket
 *     followed)
 * @param changedCount tickets whose policy, state, due time or remaining time changed
 * @param tickets per ticket; empty in lists
 */
record Recomputation(
        Long id,
        String requestedBy,
        Instant requestedAt,
        String reason,
        long toRevision,
        List<ConfigRevision> configChanges,
        int ticketCount,
        int changedCount,
        List<TicketChange> tickets) {

    public Recomputation {
        configChanges = List.copyOf(configChanges);
        tickets = List.copyOf(tickets);
    }

    /** One ticket before and after. */
    public record TicketChange(
            long ticketId,
            String number,
            long fromRevision,
            String policyBefore,
            String policyAfter,
            Outcome before,
            Outcome after,
            boolean changed) {}

    /** Both targets of a ticket. */
    public record Outcome(SlaSummary.Target response, SlaSummary.Target resolution) {}
}
