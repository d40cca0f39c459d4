package pl.krakow.coi.servicedesk.cmdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityResolutionTest {

    static final DeviceIdentity PC014 =
            new DeviceIdentity("agent-014", null, "5CG1234XYZ", "kp01-pc014", Set.of("00:1a:2b:3c:4d:5e"), "UMK/014");

    @Test
    void nothingKnownMeansANewItem() {
        assertThat(IdentityResolution.resolve(PC014, Map.of(), Map.of()))
                .isInstanceOf(IdentityResolution.NewItem.class);
    }

    @Test
    void aDeviceIsRecognisedByItsStrongestIdentifier() {
        var outcome = IdentityResolution.resolve(
                PC014,
                Map.of(
                        IdentifierKind.SERIAL_NUMBER, Set.of(1L),
                        IdentifierKind.HOSTNAME, Set.of(1L),
                        IdentifierKind.INVENTORY_NUMBER, Set.of(1L)),
                Map.of(1L, candidate(1, PC014, CiStatus.IN_USE)));
        assertThat(outcome).isEqualTo(new IdentityResolution.Match(1, IdentifierKind.SERIAL_NUMBER));
    }

    @Test
    void strongIdentifiersOfTwoItemsAreAmbiguous() {
        var outcome = IdentityResolution.resolve(
                PC014,
                Map.of(IdentifierKind.SERIAL_NUMBER, Set.of(1L), IdentifierKind.INVENTORY_NUMBER, Set.of(2L)),
                Map.of(1L, candidate(1, PC014, CiStatus.IN_USE), 2L, candidate(2, PC014, CiStatus.IN_USE)));
        assertThat(outcome).isInstanceOfSatisfying(IdentityResolution.Conflict.class, c -> {
            assertThat(c.type()).isEqualTo("ambiguous-identity");
            assertThat(c.items()).containsExactlyInAnyOrder(1L, 2L);
        });
    }

    @Test
    void aReusedHostnameOnAReplacementMachineIsNotTheOldMachine() {
        DeviceIdentity oldPc = new DeviceIdentity(null, null, "5CG1234XYZ", "kp01-pc014", Set.of(), null);
        DeviceIdentity newPc = new DeviceIdentity("agent-new", null, "8CC5555QQQ", "kp01-pc014", Set.of(), null);
        var outcome = IdentityResolution.resolve(
                newPc, Map.of(IdentifierKind.HOSTNAME, Set.of(1L)), Map.of(1L, candidate(1, oldPc, CiStatus.IN_USE)));
        assertThat(outcome).isInstanceOfSatisfying(IdentityResolution.Conflict.class, c -> {
            assertThat(c.type()).isEqualTo("identity-conflict");
            assertThat(c.detail()).contains("serial number", "5CG1234XYZ", "8CC5555QQQ");
        });
    }

    @Test
    void aHostnameAloneRecognisesADeviceThatDoesNotContradictIt() {
        DeviceIdentity stored = new DeviceIdentity(null, null, null, "kp01-pc014", Set.of(), "UMK/014");
        DeviceIdentity agent = new DeviceIdentity("agent-014", null, "5CG1234XYZ", "kp01-pc014", Set.of(), null);
        var outcome = IdentityResolution.resolve(
                agent, Map.of(IdentifierKind.HOSTNAME, Set.of(1L)), Map.of(1L, candidate(1, stored, CiStatus.IN_USE)));
        assertThat(outcome).isEqualTo(new IdentityResolution.Match(1, IdentifierKind.HOSTNAME));
    }

    @Test
    void aHostnameHeldByAnotherItemThanTheSerialIsAConflict() {
        var outcome = IdentityResolution.resolve(
                PC014,
                Map.of(IdentifierKind.SERIAL_NUMBER, Set.of(1L), IdentifierKind.HOSTNAME, Set.of(2L)),
                Map.of(1L, candidate(1, PC014, CiStatus.IN_USE), 2L, candidate(2, PC014, CiStatus.IN_USE)));
        assertThat(outcome).isInstanceOfSatisfying(IdentityResolution.Conflict.class, c -> {
            assertThat(c.type()).isEqualTo("identity-conflict");
            assertThat(c.items()).containsExactly(1L, 2L);
        });
    }

    @Test
    void aMatchedItemWithADifferentStrongIdentifierIsAConflict() {
        DeviceIdentity stored = new DeviceIdentity("agent-014", null, "5CG0000OLD", null, Set.of(), null);
        var outcome = IdentityResolution.resolve(
                PC014,
                Map.of(IdentifierKind.AGENT_DEVICE_ID, Set.of(1L)),
                Map.of(1L, candidate(1, stored, CiStatus.IN_USE)));
        assertThat(outcome).isInstanceOf(IdentityResolution.Conflict.class);
    }

    @Test
    void aRetiredItemIsNotBroughtBackByAReport() {
        var outcome = IdentityResolution.resolve(
                PC014,
                Map.of(IdentifierKind.SERIAL_NUMBER, Set.of(1L)),
                Map.of(1L, candidate(1, PC014, CiStatus.RETIRED)));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        IdentityResolution.Conflict.class,
                        c -> assertThat(c.type()).isEqualTo("identity-matches-retired-item"));
    }

    private static IdentityResolution.Candidate candidate(long id, DeviceIdentity identity, CiStatus status) {
        return new IdentityResolution.Candidate(id, identity, status);
    }
}
