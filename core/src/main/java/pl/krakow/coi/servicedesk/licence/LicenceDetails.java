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

    /** A fluent builder, convenient for seeding and imports. */
    public static Builder builder(String name, LicenceMetric metric) {
        return new Builder(name, metric);
    }

    /** Builds {@link LicenceDetails}; valid from today's date unless told otherwise. */
    public static final class Builder {
        private final String name;
        private final LicenceMetric metric;
        private final java.util.Set<Long> products = new java.util.LinkedHashSet<>();
        private Integer quantity;
        private LocalDate validFrom = LocalDate.now(java.time.ZoneId.of("Europe/Warsaw"));
        private LocalDate validUntil;
        private String contractNumber;
        private String vendor;
        private BigDecimal cost;
        private String currency;
        private String notes;

        private Builder(String name, LicenceMetric metric) {
            this.name = name;
            this.metric = metric;
        }

        public Builder products(Long... ids) {
            products.addAll(java.util.List.of(ids));
            return this;
        }

        public Builder quantity(Integer value) {
            quantity = value;
            return this;
        }

        public Builder valid(LocalDate from, LocalDate until) {
            validFrom = from;
            validUntil = until;
            return this;
        }

        public Builder contract(String number, String vendorName) {
            contractNumber = number;
            vendor = vendorName;
            return this;
        }

        public Builder cost(BigDecimal amount, String currencyCode) {
            cost = amount;
            currency = currencyCode;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public LicenceDetails build() {
            return new LicenceDetails(
                    name,
                    products,
                    metric,
                    quantity,
                    validFrom,
                    validUntil,
                    contractNumber,
                    vendor,
                    cost,
                    currency,
                    notes);
        }
    }
}
