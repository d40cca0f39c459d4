package pl.krakow.coi.servicedesk.cmdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

class DeviceIdentityTest {

    @Test
    void macAddressesInAnyNotationAreTheSameAddress() {
        assertThat(DeviceIdentity.macAddress("00-1A-2B-3C-4D-5E")).contains("00:1a:2b:3c:4d:5e");
        assertThat(DeviceIdentity.macAddress("001a.2b3c.4d5e")).contains("00:1a:2b:3c:4d:5e");
        assertThat(DeviceIdentity.macAddress(" 00:1a:2b:3c:4d:5e ")).contains("00:1a:2b:3c:4d:5e");
        assertThat(DeviceIdentity.macAddress("00 1A 2b\t3C 4d 5E")).contains("00:1a:2b:3c:4d:5e");
        assertThat(DeviceIdentity.macAddress("001A2B3C4D5E")).contains("00:1a:2b:3c:4d:5e");
        assertThat(DeviceIdentity.macAddress("02:1a:2b:3c:4d:5e"))
                .as("locally administered, not multicast")
                .contains("02:1a:2b:3c:4d:5e");
    }

    @Test
    void somethingElseIsNoMacAddress() {
        for (String value :
                List.of("00:1a:2b:3c:4d:5g", "00:1a:2b:3c:4d:5e:6f", "00_1a_2b_3c_4d_5e", "00:1a:2b:3c:4d:ąę")) {
            assertThatThrownBy(() -> DeviceIdentity.macAddress(value))
                    .as(value)
                    .isInstanceOfSatisfying(
                            ServiceDeskException.class,
                            e -> assertThat(e.type()).isEqualTo("invalid-identifier"));
        }
    }

    @Test
    void macAddressesNoSingleDeviceOwnsAreDropped() {
        assertThat(DeviceIdentity.macAddress("00:00:00:00:00:00")).isEmpty();
        assertThat(DeviceIdentity.macAddress("FF-FF-FF-FF-FF-FF")).isEmpty();
        assertThat(DeviceIdentity.macAddress("01:00:5e:00:00:fb"))
                .as("multicast")
                .isEmpty();
        assertThatThrownBy(() -> DeviceIdentity.macAddress("00:1a:2b"))
                .isInstanceOfSatisfying(
                        ServiceDeskException.class, e -> assertThat(e.type()).isEqualTo("invalid-identifier"));
    }

    @Test
    void placeholderSerialNumbersAndUuidsIdentifyNothing() {
        assertThat(DeviceIdentity.serialNumber("To Be Filled By O.E.M.")).isNull();
        assertThat(DeviceIdentity.serialNumber("Default string")).isNull();
        assertThat(DeviceIdentity.serialNumber("0000000000")).isNull();
        assertThat(DeviceIdentity.serialNumber(" 5cg1234 xyz ")).isEqualTo("5CG1234XYZ");
        assertThat(DeviceIdentity.serialNumber("5cg\t12 34\r\nxyz")).isEqualTo("5CG1234XYZ");
        assertThat(DeviceIdentity.serialNumber("CZC0000001X")).isEqualTo("CZC0000001X");
        assertThat(DeviceIdentity.serialNumber("n / a"))
                .as("a placeholder with spaces")
                .isNull();
        assertThat(DeviceIdentity.uuid("03000200-0400-0500-0006-000700080009")).isNull();
        assertThat(DeviceIdentity.uuid("00000000-0000-0000-0000-000000000000")).isNull();
        assertThat(DeviceIdentity.uuid("{4C4C4544-0042-3510-8054-B7C04F4E3732}"))
                .isEqualTo(UUID.fromString("4c4c4544-0042-3510-8054-b7c04f4e3732"));
    }

    @Test
    void aHostnameIsItsLowerCaseShortName() {
        assertThat(DeviceIdentity.hostname("KP01-PC014.umk.krakow.pl")).isEqualTo("kp01-pc014");
        assertThat(DeviceIdentity.hostname("KP01-PC014")).isEqualTo("kp01-pc014");
        assertThat(DeviceIdentity.hostname("localhost")).isNull();
        assertThat(DeviceIdentity.hostname("a")).isEqualTo("a");
        assertThat(DeviceIdentity.hostname("x".repeat(63))).hasSize(63);
        for (String value : List.of("pc_014", "-pc014", "pc014-", "x".repeat(64), "kp01-pcą", ".umk.krakow.pl")) {
            if (value.startsWith(".")) {
                assertThat(DeviceIdentity.hostname(value)).as("no short name").isNull();
            } else {
                assertThatThrownBy(() -> DeviceIdentity.hostname(value))
                        .as(value)
                        .isInstanceOf(ServiceDeskException.class);
            }
        }
    }

    @Test
    void strongIdentifiersWithDifferentValuesContradict() {
        DeviceIdentity stored = new DeviceIdentity(null, null, "5CG1234XYZ", "kp01-pc014", Set.of(), "UMK/0123");
        DeviceIdentity replacement = new DeviceIdentity(null, null, "5CG9999AAA", "kp01-pc014", Set.of(), null);
        DeviceIdentity sameDevice = new DeviceIdentity("agent-1", null, "5cg1234xyz", "kp01-pc015", Set.of(), null);
        assertThat(stored.contradictions(replacement)).containsExactly(IdentifierKind.SERIAL_NUMBER);
        assertThat(stored.contradictions(sameDevice)).isEmpty();
        assertThat(stored.filledFrom(sameDevice).agentDeviceId()).isEqualTo("agent-1");
        assertThat(stored.filledFrom(sameDevice).hostname()).isEqualTo("kp01-pc014");
    }

    @Test
    void valuesListEveryIdentifierByKind() {
        DeviceIdentity identity = new DeviceIdentity(
                "agent-7", null, "SN1", "host", Set.of("00:1A:2B:3C:4D:5E", "00:1a:2b:3c:4d:5f"), "inv-1");
        assertThat(identity.values())
                .containsEntry(IdentifierKind.AGENT_DEVICE_ID, List.of("agent-7"))
                .containsEntry(IdentifierKind.INVENTORY_NUMBER, List.of("INV-1"))
                .containsEntry(IdentifierKind.MAC_ADDRESS, List.of("00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5f"))
                .doesNotContainKey(IdentifierKind.HARDWARE_UUID);
    }

    @Test
    void eachValueIsTheFirstOfItsKindAndAnIdentityWithoutAnyIsEmpty() {
        List<DeviceIdentity> identities = List.of(
                new DeviceIdentity(
                        "agent-7",
                        UUID.fromString("4c4c4544-0042-3510-8051-b4c04f384a32"),
                        "SN1",
                        "host",
                        Set.of("00:1a:2b:3c:4d:5f", "00:1A:2B:3C:4D:5E"),
                        "inv-1"),
                new DeviceIdentity(null, null, null, "host", Set.of(), null),
                new DeviceIdentity(null, null, null, null, Set.of("00:1a:2b:3c:4d:5e"), null),
                new DeviceIdentity(
                        null, UUID.fromString("4c4c4544-0042-3510-8051-b4c04f384a32"), null, null, null, null),
                new DeviceIdentity(" ", new UUID(0, 0), "N/A", "localhost", Set.of("ff:ff:ff:ff:ff:ff"), ""),
                DeviceIdentity.none());
        for (DeviceIdentity identity : identities) {
            for (IdentifierKind kind : IdentifierKind.values()) {
                List<String> values = identity.values().get(kind);
                assertThat(identity.value(kind))
                        .as("%s of %s", kind, identity)
                        .isEqualTo(values == null ? null : values.get(0));
            }
            assertThat(identity.isEmpty())
                    .as("%s", identity)
                    .isEqualTo(identity.values().isEmpty());
        }
        assertThat(identities.get(0).value(IdentifierKind.MAC_ADDRESS)).isEqualTo("00:1a:2b:3c:4d:5e");
        assertThat(identities.get(4).isEmpty()).as("placeholders only").isTrue();
        assertThat(identities.get(1).isEmpty()).isFalse();
    }
}
