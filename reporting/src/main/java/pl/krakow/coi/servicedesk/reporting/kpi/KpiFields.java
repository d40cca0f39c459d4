package pl.krakow.coi.servicedesk.reporting.kpi;

/** Fields that reporting adds to the ticket document ({@link KpiDocumentContributor}). */
final class KpiFields {

    /**
     * Resolved by the first line (IT-02-2) without ever being escalated, and not by monitoring itself
     * ({@link #RESOLVED_BY_MONITORING}); absent while not resolved.
     */
    public static final String FIRST_LINE_RESOLVED = "firstLineResolved";
    /** Escalated at least once by the first line. */
    public static final String ESCALATED = "escalated";
    /** Every unit the first line escalated the ticket to (the flows first → second line). */
    public static final String ESCALATED_TO = "escalatedTo";
    /** Reopened at least once. */
    public static final String REOPENED = "reopened";
    /**
     * An incident from monitoring that monitoring resolved itself (its alert cleared; the last resolution
     * is the monitoring system's): not a first-line resolution, counted apart. Absent while not resolved.
     */
    public static final String RESOLVED_BY_MONITORING = "resolvedByMonitoring";
    /** Imported from another system (it has an external reference). */
    public static final String IMPORTED = "imported";

    private KpiFields() {}
}
