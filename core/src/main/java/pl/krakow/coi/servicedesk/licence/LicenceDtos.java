package pl.krakow.coi.servicedesk.licence;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import pl.krakow.coi.servicedesk.licence.domain.CompliancePosition;
import pl.krakow.coi.servicedesk.licence.domain.ComplianceStatus;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.licence.domain.NormalisationRule;

/** Requests and responses of the licence register's API. */
final class LicenceDtos {

    private LicenceDtos() {}

    record ProductRequest(
            @NotBlank @Size(max = 200) String publisher,
            @NotBlank @Size(max = 200) String name,
            Boolean licenceRequired,
            @Size(max = 2000) String description) {}

    record RuleRequest(
            @NotNull Integer position,
            @NotBlank @Size(max = 500) String pattern,
            @NotNull NormalisationRule.Action action,
            @Size(max = 200) String publisher,
            @Size(max = 200) String product,
            @Size(max = 100) String versionTemplate,
            Boolean licenceRequired,
            Boolean active,
            @Size(max = 500) String note) {}

    record RuleView(
            long id,
            int position,
            String pattern,
            NormalisationRule.Action action,
            String publisher,
            String product,
            String versionTemplate,
            boolean licenceRequired,
            boolean active,
            String note,
            long version,
            Instant updatedAt,
            String updatedBy) {}

    record RuleChangeView(RuleView rule, Renormalised renormalisation) {}

    record Renormalised(int names, int changed, int installations, long unmatched) {}

    record NormaliseRequest(@NotEmpty @Size(max = 500) List<@NotNull @Size(max = 1000) String> names) {}

    record NormalisedView(String name, String status, String publisher, String product, String version, Long ruleId) {}

    record UnmatchedPage(List<UnmatchedView> items, int page, int size, long total) {}

    record UnmatchedView(long id, String name, long items, Instant firstSeen, Instant lastSeen) {}

    record ManualInstallationRequest(
            @NotNull @Positive Long ciId,
            @NotNull @Positive Long productId,
            @Size(max = 100) String version) {}

    record LicenceRequest(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 50) Set<@NotNull @Positive Long> products,
            @NotNull LicenceMetric metric,
            @Positive Integer quantity,
            @NotNull LocalDate validFrom,
            LocalDate validUntil,
            @Size(max = 100) String contractNumber,
            @Size(max = 200) String vendor,
            @DecimalMin("0") BigDecimal cost,
            @Size(min = 3, max = 3) String currency,
            @Size(max = 5000) String notes) {}

    record LicenceView(
            long id,
            String name,
            List<Long> products,
            LicenceMetric metric,
            Integer quantity,
            String unit,
            LocalDate validFrom,
            LocalDate validUntil,
            boolean validToday,
            String contractNumber,
            String vendor,
            BigDecimal cost,
            String currency,
            String notes,
            int activeAssignments,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    record AssignmentRequest(
            @Positive Long ciId,
            @Size(max = 100) String username,
            @Size(max = 200) String personName) {}

    record PositionView(
            long productId,
            String publisher,
            String product,
            boolean licenceRequired,
            ComplianceStatus status,
            int installedDevices,
            int assignedUsers,
            long unlicensedDevices,
            long overDeployed,
            long unused,
            Expiring expiring,
            List<CompliancePosition.Line> lines,
            Instant computedAt) {}

    record Expiring(int within30Days, int within60Days, int within90Days) {}

    record ComplianceSummary(
            java.util.Map<ComplianceStatus, Long> products,
            long overDeployedUnits,
            long unusedUnits,
            Expiring expiringLicences,
            long unmatchedNames) {}
}
