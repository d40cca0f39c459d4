package pl.krakow.coi.servicedesk.cmdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

class AttributeSchemaTest {

    static AttributeSchema printer() {
        return new AttributeSchema(List.of(
                AttributeDefinition.of("multifunction", AttributeType.BOOLEAN, true),
                new AttributeDefinition(
                        "printTechnology",
                        AttributeType.ENUM,
                        false,
                        "Technologia",
                        List.of("LASER", "INKJET"),
                        null,
                        null,
                        null),
                new AttributeDefinition(
                        "pagesPerMinute", AttributeType.INTEGER, false, null, null, null, BigDecimal.ONE, null),
                AttributeDefinition.of("ipAddress", AttributeType.IP_ADDRESS, false),
                AttributeDefinition.of("installedOn", AttributeType.DATE, false)));
    }

    @Test
    void validValuesAreKeptInCanonicalForm() {
        Map<String, Object> values = printer()
                .validate(Map.of(
                        "multifunction",
                        true,
                        "printTechnology",
                        "LASER",
                        "pagesPerMinute",
                        45.0,
                        "ipAddress",
                        "10.12.4.17",
                        "installedOn",
                        "2026-03-31"));
        assertThat(values).containsEntry("pagesPerMinute", 45L).containsEntry("ipAddress", "10.12.4.17");
    }

    @Test
    void everyInvalidValueIsNamed() {
        assertThatThrownBy(() -> printer()
                        .validate(Map.of(
                                "printTechnology", "LED",
                                "pagesPerMinute", 0,
                                "ipAddress", "10.12.4.300",
                                "installedOn", "31.03.2026",
                                "colour", true)))
                .isInstanceOfSatisfying(ServiceDeskException.class, e -> {
                    assertThat(e.type()).isEqualTo("invalid-attributes");
                    @SuppressWarnings("unchecked")
                    List<Map<String, String>> errors =
                            (List<Map<String, String>>) e.properties().get("errors");
                    assertThat(errors)
                            .extracting(m -> m.get("field"))
                            .containsExactlyInAnyOrder(
                                    "colour",
                                    "multifunction",
                                    "printTechnology",
                                    "pagesPerMinute",
                                    "ipAddress",
                                    "installedOn");
                });
    }

    @Test
    void aWholeNumberIsRequiredForAnInteger() {
        assertThat(printer().violations(Map.of("multifunction", false, "pagesPerMinute", 12.5)))
                .extracting(AttributeSchema.Violation::field)
                .containsExactly("pagesPerMinute");
        assertThat(printer().violations(Map.of("multifunction", "yes")))
                .extracting(AttributeSchema.Violation::message)
                .containsExactly("must be true or false");
    }

    @Test
    void aSchemaWithBadDefinitionsIsRefused() {
        assertThatThrownBy(() -> new AttributeSchema(List.of(
                        AttributeDefinition.of("ram_gb", AttributeType.INTEGER, false),
                        AttributeDefinition.of("kind", AttributeType.ENUM, false),
                        AttributeDefinition.of("kind", AttributeType.STRING, false))))
                .isInstanceOfSatisfying(ServiceDeskException.class, e -> {
                    assertThat(e.type()).isEqualTo("invalid-attribute-schema");
                    assertThat(e.properties().get("errors").toString())
                            .contains("attributes[0].name", "attributes[1].values", "attributes[2].name");
                });
        assertThatThrownBy(() -> new AttributeSchema(List.of(new AttributeDefinition(
                        "size", AttributeType.INTEGER, false, null, null, null, BigDecimal.TEN, BigDecimal.ONE))))
                .isInstanceOf(ServiceDeskException.class);
    }

    @Test
    void ipv6AddressesAreAccepted() {
        assertThat(printer().violations(Map.of("multifunction", true, "ipAddress", "fe80::1ff:fe23:4567:890a")))
                .isEmpty();
    }
}
