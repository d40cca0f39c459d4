package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;

/**
 * The SLA part of a ticket's representation: for each target its state, due time and remaining
 * business time ({@code GET /api/v1/tickets/{id}/sla} has the details and the explanation).
 */
record SlaSummary(String policy, Target response, Target resolution) {

    /**
     * @param remaining business time left, ISO-8601 (e.g. {@code PT1H30M}); negative when overdue
     */
    public record Target(TargetState state, Instant dueAt, String remaining) {

        static Target of(TargetStatus status) {
            return new Target(status.state(), status.dueAt(), status.remaining().toString());
        }
    }

    static SlaSummary of(SlaStatus status) {
        return new SlaSummary(status.policy(), Target.of(status.response()), Target.of(status.resolution()));
    }
}
