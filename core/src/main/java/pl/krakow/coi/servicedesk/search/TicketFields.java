package pl.krakow.coi.servicedesk.search;

/**
 * Field names of the ticket document, for queries and aggregations (reporting reads the index by
 * these names). Text is indexed as pre-analysed terms in the {@code *Terms} fields; the original text
 * fields are stored for display and highlighting, not indexed.
 */
public final class TicketFields {

    public static final String ID = "id";
    public static final String NUMBER = "number";
    public static final String VERSION = "version";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String OPEN = "open";
    public static final String PRIORITY = "priority";
    public static final String IMPACT = "impact";
    public static final String URGENCY = "urgency";
    public static final String CHANNEL = "channel";
    public static final String LINE = "line";
    public static final String CATEGORY = "category";
    public static final String ASSIGNED_UNIT = "assignedUnit";
    public static final String ASSIGNEE = "assignee";
    public static final String ASSIGNEE_NAME = "assigneeName";
    public static final String REQUESTER = "requesterUsername";
    public static final String REQUESTER_NAME = "requesterName";
    public static final String CUSTOMER_UNIT = "customerUnit";
    public static final String CONFIGURATION_ITEM = "configurationItemId";
    public static final String HANDLED_BY = "handledBy";
    public static final String RESOLUTION = "resolution";
    public static final String RESOLVED_BY_UNIT = "resolvedByUnit";
    public static final String RESOLVED_BY_LINE = "resolvedByLine";
    public static final String ESCALATED_TO_DEPUTY = "escalatedToDeputy";
    public static final String EXTERNAL_REFERENCE = "externalReference";
    /** Filled by the SLA capability (a {@link TicketDocumentContributor}); null until then. */
    public static final String SLA_STATE = "slaState";
    /** State of each SLA target ({@code RUNNING, PAUSED, MET, BREACHED, CANCELLED}); SLA capability. */
    public static final String SLA_RESPONSE_STATE = "slaResponseState";

    public static final String SLA_RESOLUTION_STATE = "slaResolutionState";
    /** True when the target was met, false when breached, absent otherwise; SLA capability. */
    public static final String SLA_RESPONSE_MET = "slaResponseMet";

    public static final String SLA_RESOLUTION_MET = "slaResolutionMet";
    /** Business minutes (the SLA clocks' elapsed time) to the first response / to resolution; SLA capability. */
    public static final String BUSINESS_MINUTES_TO_FIRST_RESPONSE = "businessMinutesToFirstResponse";

    public static final String BUSINESS_MINUTES_TO_RESOLVE = "businessMinutesToResolve";

    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String FIRST_RESPONSE_AT = "firstResponseAt";
    public static final String RESOLVED_AT = "resolvedAt";
    public static final String CLOSED_AT = "closedAt";
    /** Calendar minutes from registration to the first response / to resolution (business time: reporting). */
    public static final String MINUTES_TO_FIRST_RESPONSE = "minutesToFirstResponse";

    public static final String MINUTES_TO_RESOLVE = "minutesToResolve";
    public static final String REOPEN_COUNT = "reopenCount";
    public static final String REASSIGNMENT_COUNT = "reassignmentCount";
    public static final String ESCALATION_COUNT = "escalationCount";
    public static final String PUBLIC_COMMENT_COUNT = "publicCommentCount";

    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String RESOLUTION_NOTE = "resolutionNote";
    /** Public comments only: internal ones never reach the index. */
    public static final String COMMENTS = "comments";

    public static final String TITLE_TERMS = "titleTerms";
    public static final String DESCRIPTION_TERMS = "descriptionTerms";
    public static final String COMMENT_TERMS = "commentTerms";
    public static final String RESOLUTION_TERMS = "resolutionTerms";
    /**
     * The names of the ticket's public attachments, analysed as the text is; set by the attachment capability
     * (a {@link TicketDocumentContributor}), searched for everyone who sees the ticket.
     */
    public static final String ATTACHMENT_NAME_TERMS = "attachmentNameTerms";
    /** The names of its internal attachments: searched only for those who read the internal side (staff). */
    public static final String INTERNAL_ATTACHMENT_NAME_TERMS = "internalAttachmentNameTerms";
    /** Ticket number, external reference and identifiers found in the text (hosts, IPs, inventory numbers). */
    public static final String IDENTIFIERS = "identifiers";

    private TicketFields() {}
}
