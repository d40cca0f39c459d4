package pl.krakow.coi.servicedesk.ticket;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/** Requests and responses of the ticket API. */
final class TicketDtos {

    private TicketDtos() {}

    record CreateTicketRequest(
            TicketType type,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 20000) String description,
            Channel channel,
            @Size(max = 40) String categoryCode,
            @Positive Long configurationItemId,
            Impact impact,
            Urgency urgency,
            @Valid RequesterRequest requester) {}

    record RequesterRequest(
            @NotBlank @Size(max = 100) String username,
            @Size(max = 200) String displayName,
            @Size(max = 20) String unitCode) {}

    record UpdateTicketRequest(
            @Size(max = 200) String title,
            @Size(max = 20000) String description,
            @Size(max = 40) String categoryCode,
            @Positive Long configurationItemId,
            Impact impact,
            Urgency urgency) {}

    record AssignRequest(
            @Size(max = 100) String assignee,
            @Size(max = 200) String assigneeName) {}

    /** The handover comment is checked by the escalation rule (422 when it is not substantive). */
    record EscalateRequest(@NotBlank @Size(max = 20) String unit, String handoverComment) {}

    record ReassignRequest(@NotBlank @Size(max = 20) String unit, String reason) {}

    record CommentRequest(@NotBlank @Size(max = 20000) String body, boolean internal) {}

    record TextRequest(String text) {}

    record ReclassifyRequest(@NotNull TicketType type, String reason) {}

    record ResolveRequest(@NotNull Resolution resolution, String note) {}

    record CompleteTaskRequest(@Size(max = 20000) String note) {}

    record RequesterView(String username, String displayName, String unit) {}

    record TicketView(
            long id,
            String number,
            TicketType type,
            String title,
            String description,
            RequesterView requester,
            Channel channel,
            String categoryCode,
            Long configurationItemId,
            Impact impact,
            Urgency urgency,
            String priority,
            String status,
            String line,
            String assignedUnit,
            String assignee,
            String assigneeName,
            Resolution resolution,
            String resolutionNote,
            String resolvedByUnit,
            String resolvedByLine,
            String escalatedToDeputy,
            Instant createdAt,
            Instant updatedAt,
            Instant firstResponseAt,
            Instant resolvedAt,
            Instant closedAt,
            int reopenCount,
            int reassignmentCount,
            int escalationCount,
            List<String> handledBy,
            String externalReference,
            long version,
            List<String> allowedActions,
            @JsonAnyGetter Map<String, Object> contributed) {}

    record TicketSummary(
            long id,
            String number,
            TicketType type,
            String title,
            String requesterName,
            String requesterUnit,
            String categoryCode,
            String priority,
            String status,
            String line,
            String assignedUnit,
            String assignee,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record TicketPage(List<TicketSummary> items, int page, int size, long total) {}

    record ActorView(String username, String displayName, String unit, String kind) {}

    record EventView(
            int seq,
            String type,
            ActorView actor,
            Instant occurredAt,
            Map<String, ChangeView> changes,
            Map<String, Object> data) {}

    record ChangeView(String from, String to) {}

    record CommentView(long id, ActorView author, String visibility, String body, Instant createdAt) {}

    /**
     * A link of the ticket: {@code OUTGOING} when this ticket refers to the other, {@code INCOMING} when the other
     * refers to this one.
     */
    record LinkView(
            String direction, long id, String number, String title, String status, String kind, Instant createdAt) {}
}
