package pl.krakow.coi.servicedesk.ticket.domain;

import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state of a ticket at one moment: what is stored, and what the API shows.
 *
 * @param id database id; null before the first save
 * @param categoryCode service catalogue category; null when not yet classified
 * @param configurationItemId affected configuration item; null when none
 * @param assignee username of the agent, null while in the unit's queue
 * @param handledBy every unit that held the ticket or helped (remote hands)
 * @param externalReference number in the system the ticket was imported from
 * @param version optimistic-lock version, the ETag
 */
public record TicketState(
        Long id,
        TicketNumber number,
        TicketType type,
        String title,
        String description,
        Requester requester,
        Channel channel,
        String categoryCode,
        Long configurationItemId,
        Impact impact,
        Urgency urgency,
        Priority priority,
        TicketStatus status,
        SupportLine line,
        UnitCode assignedUnit,
        String assignee,
        String assigneeName,
        Resolution resolution,
        String resolutionNote,
        UnitCode resolvedByUnit,
        SupportLine resolvedByLine,
        UnitCode escalatedToDeputy,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount,
        int reassignmentCount,
        int escalationCount,
        Set<UnitCode> handledBy,
        String externalReference,
        long version) {

    public TicketState {
        handledBy = Set.copyOf(new java.util.LinkedHashSet<>(handledBy));
    }

    /** A copy with some fields changed. */
    public TicketState with(Consumer<Builder> changes) {
        Builder b = new Builder();
        b.id = id;
        b.number = number;
        b.type = type;
        b.title = title;
        b.description = description;
        b.requester = requester;
        b.channel = channel;
        b.categoryCode = categoryCode;
        b.configurationItemId = configurationItemId;
        b.impact = impact;
        b.urgency = urgency;
        b.priority = priority;
        b.status = status;
        b.line = line;
        b.assignedUnit = assignedUnit;
        b.assignee = assignee;
        b.assigneeName = assigneeName;
        b.resolution = resolution;
        b.resolutionNote = resolutionNote;
        b.resolvedByUnit = resolvedByUnit;
        b.resolvedByLine = resolvedByLine;
        b.escalatedToDeputy = escalatedToDeputy;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.firstResponseAt = firstResponseAt;
        b.resolvedAt = resolvedAt;
        b.closedAt = closedAt;
        b.reopenCount = reopenCount;
        b.reassignmentCount = reassignmentCount;
        b.escalationCount = escalationCount;
        b.handledBy = handledBy;
        b.externalReference = externalReference;
        b.version = version;
        changes.accept(b);
        return b.build();
    }

    TicketState withIdAndVersion(long newId, long newVersion) {
        return with(b -> b.id(newId).version(newVersion));
    }

    /** Builds changed copies of a {@link TicketState}. */
    public static final class Builder {

        private Long id;
        private TicketNumber number;
        private TicketType type;
        private String title;
        private String description;
        private Requester requester;
        private Channel channel;
        private String categoryCode;
        private Long configurationItemId;
        private Impact impact;
        private Urgency urgency;
        private Priority priority;
        private TicketStatus status;
        private SupportLine line;
        private UnitCode assignedUnit;
        private String assignee;
        private String assigneeName;
        private Resolution resolution;
        private String resolutionNote;
        private UnitCode resolvedByUnit;
        private SupportLine resolvedByLine;
        private UnitCode escalatedToDeputy;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant firstResponseAt;
        private Instant resolvedAt;
        private Instant closedAt;
        private int reopenCount;
        private int reassignmentCount;
        private int escalationCount;
        private Set<UnitCode> handledBy;
        private String externalReference;
        private long version;

        public Builder id(Long value) {
            this.id = value;
            return this;
        }

        public Builder number(TicketNumber value) {
            this.number = value;
            return this;
        }

        public Builder type(TicketType value) {
            this.type = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder requester(Requester value) {
            this.requester = value;
            return this;
        }

        public Builder channel(Channel value) {
            this.channel = value;
            return this;
        }

        public Builder categoryCode(String value) {
            this.categoryCode = value;
            return this;
        }

        public Builder configurationItemId(Long value) {
            this.configurationItemId = value;
            return this;
        }

        public Builder impact(Impact value) {
            this.impact = value;
            return this;
        }

        public Builder urgency(Urgency value) {
            this.urgency = value;
            return this;
        }

        public Builder priority(Priority value) {
            this.priority = value;
            return this;
        }

        public Builder status(TicketStatus value) {
            this.status = value;
            return this;
        }

        public Builder line(SupportLine value) {
            this.line = value;
            return this;
        }

        public Builder assignedUnit(UnitCode value) {
            this.assignedUnit = value;
            return this;
        }

        public Builder assignee(String value) {
            this.assignee = value;
            return this;
        }

        public Builder assigneeName(String value) {
            this.assigneeName = value;
            return this;
        }

        public Builder resolution(Resolution value) {
            this.resolution = value;
            return this;
        }

        public Builder resolutionNote(String value) {
            this.resolutionNote = value;
            return this;
        }

        public Builder resolvedByUnit(UnitCode value) {
            this.resolvedByUnit = value;
            return this;
        }

        public Builder resolvedByLine(SupportLine value) {
            this.resolvedByLine = value;
            return this;
        }

        public Builder escalatedToDeputy(UnitCode value) {
            this.escalatedToDeputy = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder firstResponseAt(Instant value) {
            this.firstResponseAt = value;
            return this;
        }

        public Builder resolvedAt(Instant value) {
            this.resolvedAt = value;
            return this;
        }

        public Builder closedAt(Instant value) {
            this.closedAt = value;
            return this;
        }

        public Builder reopenCount(int value) {
            this.reopenCount = value;
            return this;
        }

        public Builder reassignmentCount(int value) {
            this.reassignmentCount = value;
            return this;
        }

        public Builder escalationCount(int value) {
            this.escalationCount = value;
            return this;
        }

        public Builder handledBy(Set<UnitCode> value) {
            this.handledBy = value;
            return this;
        }

        public Builder externalReference(String value) {
            this.externalReference = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        TicketState build() {
            return new TicketState(
                    id,
                    number,
                    type,
                    title,
                    description,
                    requester,
                    channel,
                    categoryCode,
                    configurationItemId,
                    impact,
                    urgency,
                    priority,
                    status,
                    line,
                    assignedUnit,
                    assignee,
                    assigneeName,
                    resolution,
                    resolutionNote,
                    resolvedByUnit,
                    resolvedByLine,
                    escalatedToDeputy,
                    createdAt,
                    updatedAt,
                    firstResponseAt,
                    resolvedAt,
                    closedAt,
                    reopenCount,
                    reassignmentCount,
                    escalationCount,
                    handledBy,
                    externalReference,
                    version);
        }
    }
}
