package pl.krakow.coi.servicedesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one audit diff of the CMDB (ADR 0080), which single edits and the bulk upsert both record. */
class CiChangesTest {

    static CiDetails workstation(Map<String, Object> attributes, Integer cores) {
        return CiDetails.builder("WORKSTATION", "KP01-PC1")
                .cores(cores)
                .attributes(attributes)
                .build();
    }

    @Test
    void attributesAreRecordedAsAMapOfTextNotAsTheTextOfAMap() {
        var changes = CiChanges.diff(
                workstation(Map.of("ramGb", 16, "operatingSystem", "Windows 11 Pro"), 8),
                workstation(Map.of("ramGb", 32, "operatingSystem", "Windows 11 Pro"), 8));
        assertThat(changes).containsOnlyKeys("attributes");
        assertThat(changes.get("attributes").from())
                .isEqualTo(Map.of("ramGb", "16", "operatingSystem", "Windows 11 Pro"));
        assertThat(changes.get("attributes").to())
                .isEqualTo(Map.of("ramGb", "32", "operatingSystem", "Windows 11 Pro"));
    }

    @Test
    void equalNumbersInAnyFormAreNoChangeEvenNested() {
        assertThat(CiChanges.diff(
                        workstation(Map.of("ramGb", 16L, "disk", Map.of("sizeGb", 512)), 8),
                        workstation(Map.of("ramGb", 16.0, "disk", Map.of("sizeGb", 512.0)), 8)))
                .isEmpty();
        assertThat(CiChanges.diff(workstation(Map.of(), 8), workstation(Map.of(), 12)))
                .containsOnlyKeys("cores")
                .satisfies(c -> assertThat(c.get("cores")).isEqualTo(new CiEvent.Change("8", "12")));
    }
}
