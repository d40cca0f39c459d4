package pl.krakow.coi.servicedesk.ticket.domain;

/**
 * P1 (critical) to P4 (low), from impact and urgency by the ITIL matrix:
 *
 * <pre>
 *             urgency HIGH   MEDIUM   LOW
 * impact HIGH         P1     P2       P3
 *        MEDIUM       P2     P3       P4
 *        LOW          P3     P4       P4
 * </pre>
 */
public enum Priority {
    P1,
    P2,
    P3,
    P4;

    public static Priority of(Impact impact, Urgency urgency) {
        int score = impact.ordinal() + urgency.ordinal();
        return switch (score) {
            case 0 -> P1;
            case 1 -> P2;
            case 2 -> P3;
            default -> P4;
        };
    }
}
