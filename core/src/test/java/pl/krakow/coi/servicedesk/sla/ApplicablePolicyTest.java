package pl.krakow.coi.servicedesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.sla.SlaFixtures.OFFICE;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

class ApplicablePolicyTest {

    final SlaPolicy standard = policy("DEFAULT", null, null);
    final SlaPolicy printers = policy("PRINTERS", "WS-PRINTER-FAULT", null);
    final SlaPolicy mayorsOffice = policy("KP", null, "KP");
    final SlaPolicy mayorsMeetings = policy("KP-02", null, "KP-02");
    final SlaPolicy mayorsPrinters = policy("KP-PRINTERS", "WS-PRINTER-FAULT", "KP");
    final List<SlaPolicy> all = List.of(standard, printers, mayorsOffice, mayorsMeetings, mayorsPrinters);

    @Test
    void theMostSpecificPolicyCoveringTheTicketApplies() {
        assertThat(ApplicablePolicy.choose(all, "NET-VPN", List.of("WIR-01"))).isEqualTo(standard);
        assertThat(ApplicablePolicy.choose(all, "WS-PRINTER-FAULT", List.of("WIR-01")))
                .isEqualTo(printers);
        assertThat(ApplicablePolicy.choose(all, "NET-VPN", List.of("KP-01", "KP")))
                .isEqualTo(mayorsOffice);
        assertThat(ApplicablePolicy.choose(all, "WS-PRINTER-FAULT", List.of("KP-01", "KP")))
                .as("category and unit beat the unit alone and the category alone")
                .isEqualTo(mayorsPrinters);
        assertThat(ApplicablePolicy.choose(all, null, List.of())).isEqualTo(standard);
    }

    @Test
    void aCustomerUnitsAgreementCoversTheUnitsBelowItAndTheNearestUnitWins() {
        assertThat(ApplicablePolicy.choose(all, null, List.of("KP-05", "PO", "KP")))
                .isEqualTo(mayorsOffice);
        assertThat(ApplicablePolicy.choose(all, null, List.of("KP-02", "KP"))).isEqualTo(mayorsMeetings);
    }

    @Test
    void withoutADefaultPolicyATicketOutsideEveryScopeIsAnError() {
        assertThatThrownBy(() -> ApplicablePolicy.choose(List.of(printers), "NET-VPN", List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPolicyNeedsTargetsForEveryPriorityInWholeMinutes() {
        Map<Priority, TargetDurations> partial = new EnumMap<>(Priority.class);
        partial.put(Priority.P1, TargetDurations.of(Duration.ofMinutes(30), Duration.ofHours(4)));
        assertThatThrownBy(() -> new SlaPolicy("X1", "Niepełny", null, OFFICE, OFFICE, partial))
                .isInstanceOf(SlaRuleViolation.class)
                .hasMessageContaining("P1, P2, P3 and P4");
        assertThatThrownBy(() -> TargetDurations.of(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(SlaRuleViolation.class);
        assertThatThrownBy(() -> TargetDurations.of(Duration.ofSeconds(90), Duration.ofHours(1)))
                .isInstanceOf(SlaRuleViolation.class);
        assertThatThrownBy(() -> new SlaPolicy("lower", "Zły kod", null, OFFICE, OFFICE, SlaPolicy.defaultTargets()))
                .isInstanceOf(SlaRuleViolation.class);
    }

    private static SlaPolicy policy(String code, String category, String unit) {
        return new SlaPolicy(
                code,
                "Polityka " + code,
                new SlaPolicy.Scope(category, unit),
                OFFICE,
                OFFICE,
                SlaPolicy.defaultTargets());
    }
}
