package pl.krakow.coi.servicedesk.cmdb;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeDefinition;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.ClassKind;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;

/** Requests and responses of the CMDB API. */
final class CmdbDtos {

    private CmdbDtos() {}

    /** An item to register (POST, {@code status} defaults to IN_USE) or its new details (PUT). */
    record CiRequest(
            @NotBlank @Size(max = 40) String classCode,
            @NotBlank @Size(max = 200) String name,
            CiStatus status,
            @Size(max = 60) String inventoryNumber,
            @Size(max = 100) String serialNumber,
            @Size(max = 253) String hostname,
            @Size(max = 100) String agentDeviceId,
            UUID hardwareUuid,
            @Size(max = 32) List<@NotBlank @Size(max = 20) String> macAddresses,
            @Size(max = 100) String manufacturer,
            @Size(max = 200) String model,
            @Size(max = 200) String building,
            @Size(max = 50) String room,
            @Size(max = 20) String ownerUnit,
            @Size(max = 100) String assignedUsername,
            @Size(max = 200) String assignedName,
            @Size(max = 20) String supportingUnit,
            LocalDate purchaseDate,
            LocalDate warrantyUntil,
            @Positive Integer cores,
            @Size(max = 60) Map<String, Object> attributes,
            @Size(max = 20000) String description) {}

    record CiView(
            long id,
            String classCode,
            String name,
            CiStatus status,
            String inventoryNumber,
            String serialNumber,
            String hostname,
            String agentDeviceId,
            UUID hardwareUuid,
            List<String> macAddresses,
            String manufacturer,
            String model,
            String building,
            String room,
            String ownerUnit,
            String assignedUsername,
            String assignedName,
            String supportingUnit,
            LocalDate purchaseDate,
            LocalDate warrantyUntil,
            Integer cores,
            Map<String, Object> attributes,
            String description,
            Long mergedInto,
            long version,
            Instant createdAt,
            Instant updatedAt,
            List<CiStatus> allowedTransitions) {}

    record CiSummary(
            long id,
            String classCode,
            String name,
            CiStatus status,
            String hostname,
            String inventoryNumber,
            String serialNumber,
            String building,
            String room,
            String ownerUnit,
            String assignedName,
            String supportingUnit,
            long version) {}

    record CiPage(List<CiSummary> items, int page, int size, long total) {}

    record TransitionRequest(
            @NotNull CiStatus status, @Size(max = 2000) String reason) {}

    record MergeRequest(
            @NotNull @Positive Long duplicateId,
            @Size(max = 2000) String reason) {}

    record RelationshipRequest(
            @NotNull RelationshipType type,
            @NotNull @Positive Long targetId) {}

    record RelationshipView(
            long id, long sourceId, RelationshipType type, long targetId, Instant createdAt, String createdBy) {}

    record CiClassRequest(
            @NotBlank @Size(max = 40) String code,
            @NotBlank @Size(max = 200) String namePl,
            @NotBlank @Size(max = 200) String nameEn,
            @NotNull ClassKind kind,
            @Valid List<AttributeDefinition> attributes,
            @Size(max = 20) String defaultSupportingUnit,
            @Size(max = 20) String lifecycleUnit,
            Boolean active) {}

    record CiClassView(
            String code,
            String namePl,
            String nameEn,
            ClassKind kind,
            List<AttributeDefinition> attributes,
            String defaultSupportingUnit,
            String lifecycleUnit,
            boolean builtin,
            boolean active,
            long version) {}

    record CiTicketView(
            long id,
            String number,
            String type,
            String title,
            String status,
            String priority,
            String assignedUnit,
            boolean open,
            Instant createdAt,
            Instant resolvedAt,
            Long configurationItemId) {}

    record CiTicketPage(List<CiTicketView> items, int page, int size, long total) {}
}
