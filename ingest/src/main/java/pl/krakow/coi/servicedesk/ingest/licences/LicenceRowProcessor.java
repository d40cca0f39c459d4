package pl.krakow.coi.servicedesk.ingest.licences;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRow;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;

/** Checks a licence row (metric, quantity, dates, cost) and turns it into a {@link LicenceRecord}. */
class LicenceRowProcessor implements ItemProcessor<CsvRow, LicenceRecord> {

    static final List<String> REQUIRED = List.of("name", "metric", "publisher", "product", "validFrom");
    static final List<String> OPTIONAL =
            List.of("licenceKey", "quantity", "validUntil", "contractNumber", "vendor", "cost", "currency", "notes");

    @Override
    public LicenceRecord process(CsvRow row) {
        String name = require(row, "name", 200);
        LicenceMetric metric;
        try {
            metric = LicenceMetric.valueOf(
                    require(row, "metric", 20).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw row.reject("metric", "The metric is one of " + List.of(LicenceMetric.values()));
        }
        String publisher = require(row, "publisher", 200);
        String product = require(row, "product", 200);
        Integer quantity = null;
        if (row.get("quantity") != null) {
            try {
                quantity = Integer.valueOf(row.get("quantity"));
            } catch (NumberFormatException e) {
                throw row.reject("quantity", "Not a whole number");
            }
            if (quantity < 1) {
                throw row.reject("quantity", "The quantity is at least 1");
            }
        }
        if (metric.hasQuantity() && quantity == null) {
            throw row.reject("quantity", "A " + metric + " licence needs its quantity");
        }
        if (!metric.hasQuantity() && quantity != null) {
            throw row.reject("quantity", "A SITE licence has no quantity");
        }
        LocalDate from = date(row, "validFrom");
        if (from == null) {
            throw row.reject("validFrom", "The validFrom date is required (YYYY-MM-DD)");
        }
        LocalDate until = date(row, "validUntil");
        if (until != null && until.isBefore(from)) {
            throw row.reject("validUntil", "The licence cannot end before it starts (" + from + ")");
        }
        BigDecimal cost = null;
        if (row.get("cost") != null) {
            try {
                // Excel in Polish locale groups thousands with a (narrow) no-break space.
                cost = new BigDecimal(
                        row.get("cost").replaceAll("[ \u00A0\u202F]", "").replace(',', '.'));
            } catch (NumberFormatException e) {
                throw row.reject("cost", "Not an amount");
            }
            if (cost.signum() < 0) {
                throw row.reject("cost", "The cost is not negative");
            }
            if (cost.stripTrailingZeros().scale() > 2) {
                throw row.reject("cost", "An amount has at most 2 decimal places (grosze)");
            }
            // The register keeps amounts as numeric(14, 2): the same scale, so that a re-run compares equal.
            cost = cost.setScale(2, RoundingMode.UNNECESSARY);
            if (cost.precision() > 14) {
                throw row.reject("cost", "The cost is at most 999 999 999 999,99");
            }
        }
        String currency = row.get("currency");
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw row.reject("currency", "A currency is three capital letters (ISO 4217), e.g. PLN");
        }
        String contract = optional(row, "contractNumber", 100);
        String vendor = optional(row, "vendor", 200);
        String key = optional(row, "licenceKey", 300);
        if (key == null) {
            key = (contract == null ? "" : contract) + "|" + name;
            if (key.length() > 300) {
                throw row.reject(
                        "licenceKey",
                        "The contract number and the name are too long to identify the licence; give it a licenceKey");
            }
        }
        LicenceDetails.Builder details = LicenceDetails.builder(name, metric)
                .quantity(quantity)
                .valid(from, until)
                .contract(contract, vendor)
                .cost(cost, currency)
                .notes(row.get("notes"));
        return new LicenceRecord(row.line(), key, publisher, product, details.build());
    }

    private static String require(CsvRow row, String column, int max) {
        String value = row.get(column);
        if (value == null) {
            throw row.reject(column, "The " + column + " is required");
        }
        if (value.length() > max) {
            throw row.reject(column, "Has at most " + max + " characters");
        }
        return value;
    }

    private static String optional(CsvRow row, String column, int max) {
        String value = row.get(column);
        if (value != null && value.length() > max) {
            throw row.reject(column, "Has at most " + max + " characters");
        }
        return value;
    }

    private static LocalDate date(CsvRow row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw row.reject(column, "Not a date (YYYY-MM-DD)");
        }
    }
}
