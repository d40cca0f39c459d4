package pl.krakow.coi.servicedesk.licence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;

/**
 * What the licence admin records about a licence.
 *
 * @param products the catalogue products it covers (at least one)
 * @param quantity devices, users, seats or cores; null for a SITE licence
 * @param validUntil null: perpetual
 * @param currency ISO 4217, PLN unless said otherwise
 */
public record LicenceDetails(
        String name,
        Set<Long> products,
        LicenceMetric metric,
        Integer quantity,
        LocalDate validFrom,
        LocalDate validUntil,
        String contractNumber,
        String vendor,
        BigDecimal cost,
        String currency,
        String notes) {

    public LicenceDetails {
        products = products == null ? Set.of() : Set.copyOf(products);
        currency = currency == null || currency.isBlank() ? "PLN" : currency.strip();
    }
}
