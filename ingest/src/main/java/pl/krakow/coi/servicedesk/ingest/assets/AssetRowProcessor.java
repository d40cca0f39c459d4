package pl.krakow.coi.servicedesk.ingest.assets;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import pl.krakow.coi.servicedesk.cmdb.CiClass;
import pl.krakow.coi.servicedesk.cmdb.CiDetails;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeDefinition;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.ingest.batch.CsvRow;
import pl.krakow.coi.servicedesk.ingest.batch.RowRejected;
import pl.krakow.coi.servicedesk.organisation.Unit;

/**
 * Checks an asset row the way the CMDB checks an item (class known and active, identifiers well-formed,
 * units known, dates in order, attributes valid for the class) and turns it into an {@link AssetRecord};
 * a row that fails is rejected with the column and the reason (skipped, in the skip report).
 */
class AssetRowProcessor implements ItemProcessor<CsvRow, AssetRecord> {

    static final List<String> COLUMNS = List.of(
            "name",
            "inventoryNumber",
            "serialNumber",
            "hostname",
            "macAddresses",
            "hardwareUuid",
            "agentDeviceId",
            "manufacturer",
            "model",
            "building",
            "room",
            "ownerUnit",
            "assignedUsername",
            "assignedName",
            "supportingUnit",
            "purchaseDate",
            "warrantyUntil",
            "cores",
            "status",
            "description");

    private final Map<String, CiClass> classes;
    private final Map<String, Unit> units;

    /** Between the MAC addresses of one cell (compiled once: {@code String.split} would compile it per row). */
    private static final Pattern MAC_SEPARATORS = Pattern.compile("[\\s|;,]+");

    AssetRowProcessor(List<CiClass> classes, List<Unit> units) {
        this.classes = classes.stream().collect(Collectors.toMap(CiClass::code, Function.identity()));
        this.units = units.stream().collect(Collectors.toMap(Unit::code, Function.identity()));
    }

    @Override
    public AssetRecord process(CsvRow row) {
        String classCode = upper(row.get("class"));
        if (classCode == null) {
            throw row.reject("class", "The class is required");
        }
        CiClass ciClass = classes.get(classCode);
        if (ciClass == null) {
            throw row.reject("class", "There is no CMDB class " + classCode);
        }
        if (!ciClass.active()) {
            throw row.reject("class", "Class " + classCode + " is inactive");
        }
        DeviceIdentity identity = identity(row);
        if (identity.isEmpty()) {
            throw new RowRejected(
                    row.line(),
                    "serialNumber",
                    null,
                    "A device needs an identifier: inventoryNumber, serialNumber, hostname, macAddresses,"
                            + " hardwareUuid or agentDeviceId");
        }
        Set<String> given = new HashSet<>();
        for (String column : COLUMNS) {
            if (row.get(column) != null) {
                given.add(column);
            }
        }
        String name = text(row, "name", 200);
        if (name == null) {
            name = identity.hostname() != null
                    ? identity.hostname().toUpperCase(Locale.ROOT)
                    : identity.inventoryNumber() != null ? identity.inventoryNumber() : identity.serialNumber();
        }
        if (name == null) {
            name = classCode + " "
                    + identity.values().values().iterator().next().get(0);
        }
        String ownerUnit = upper(row.get("ownerUnit"));
        if (ownerUnit != null && !units.containsKey(ownerUnit)) {
            throw row.reject("ownerUnit", "There is no unit " + ownerUnit);
        }
        String supportingUnit = upper(row.get("supportingUnit"));
        if (supportingUnit != null) {
            Unit unit = units.get(supportingUnit);
            if (unit == null || !unit.active() || !unit.supportRole().receivesEscalations()) {
                throw row.reject("supportingUnit", supportingUnit + " is not a support unit");
            }
        } else {
            supportingUnit = ciClass.defaultSupportingUnit();
        }
        LocalDate purchase = date(row, "purchaseDate");
        LocalDate warranty = date(row, "warrantyUntil");
        if (purchase != null && warranty != null && warranty.isBefore(purchase)) {
            throw row.reject("warrantyUntil", "The warranty cannot end before the purchase (" + purchase + ")");
        }
        Integer cores = null;
        if (row.get("cores") != null) {
            try {
                cores = Integer.valueOf(row.get("cores"));
            } catch (NumberFormatException e) {
                throw row.reject("cores", "Not a whole number");
            }
            if (cores < 1 || cores > 100_000) {
                throw row.reject("cores", "Cores are 1 to 100000");
            }
        }
        CiStatus status = CiStatus.IN_USE;
        if (row.get("status") != null) {
            try {
                status = CiStatus.valueOf(row.get("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw row.reject("status", "Status is one of " + CiStatus.initial());
            }
            if (!CiStatus.initial().contains(status)) {
                throw row.reject("status", "A new item starts " + CiStatus.initial());
            }
        }
        Map<String, Object> attributes = attributes(row, ciClass.schema());
        String assignedUsername = text(row, "assignedUsername", 100);
        CiDetails details = CiDetails.builder(ciClass.code(), name)
                .identity(identity)
                .manufacturer(text(row, "manufacturer", 100))
                .model(text(row, "model", 200))
                .location(text(row, "building", 200), text(row, "room", 50))
                .ownerUnit(ownerUnit)
                .assignedTo(
                        assignedUsername,
                        assignedUsername == null ? null : first(text(row, "assignedName", 200), assignedUsername))
                .supportingUnit(supportingUnit)
                .purchased(purchase, warranty)
                .cores(cores)
                .attributes(attributes)
                .description(text(row, "description", 20_000))
                .build();
        if (!attributes.isEmpty()) {
            given.add("attributes");
        }
        return new AssetRecord(row.line(), details, status, Collections.unmodifiableSet(given));
    }

    /**
     * The row's identifiers as the CMDB normalises them, each with its kind: two rows of one device in a file
     * share at least one. The file's split into parts ({@code CsvPartitioner}) keeps rows that share one in one
     * part. A value the CMDB refuses gives no key (its row is rejected anyway).
     */
    static List<String> deviceKeys(CsvRow row) {
        List<String> keys = new ArrayList<>(6);
        key(keys, "inventoryNumber", row.get("inventoryNumber"), DeviceIdentity::inventoryNumber);
        key(keys, "serialNumber", row.get("serialNumber"), DeviceIdentity::serialNumber);
        key(keys, "hostname", row.get("hostname"), DeviceIdentity::hostname);
        key(keys, "hardwareUuid", row.get("hardwareUuid"), DeviceIdentity::uuid);
        key(keys, "agentDeviceId", row.get("agentDeviceId"), DeviceIdentity::agentDeviceId);
        String macs = row.get("macAddresses");
        if (macs != null) {
            for (String mac : MAC_SEPARATORS.split(macs)) {
                key(keys, "macAddress", mac, DeviceIdentity::macAddress);
            }
        }
        return keys;
    }

    private static void key(List<String> keys, String kind, String value, Function<String, Object> normalise) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            Object normalised = normalise.apply(value);
            if (normalised instanceof Optional<?> optional) {
                normalised = optional.orElse(null);
            }
            if (normalised != null) {
                keys.add(kind + ":" + normalised);
            }
        } catch (CmdbRuleViolation e) {
            // The row is rejected when it is read.
        }
    }

    private static DeviceIdentity identity(CsvRow row) {
        Set<String> macs = new LinkedHashSet<>();
        String raw = row.get("macAddresses");
        if (raw != null) {
            for (String mac : MAC_SEPARATORS.split(raw)) {
                if (!mac.isBlank()) {
                    macs.add(mac);
                }
            }
        }
        try {
            return new DeviceIdentity(
                    row.get("agentDeviceId"),
                    DeviceIdentity.uuid(row.get("hardwareUuid")),
                    row.get("serialNumber"),
                    row.get("hostname"),
                    macs,
                    row.get("inventoryNumber"));
        } catch (CmdbRuleViolation e) {
            // Normalised once above; only a refused row is checked column by column, to name the column.
            throw refusal(row, macs, e);
        }
    }

    /** The first column whose identifier the CMDB refuses, with the reason. */
    private static RowRejected refusal(CsvRow row, Set<String> macs, CmdbRuleViolation violation) {
        String column = null;
        try {
            column = "macAddresses";
            for (String mac : macs) {
                DeviceIdentity.macAddress(mac);
            }
            column = "hardwareUuid";
            DeviceIdentity.uuid(row.get("hardwareUuid"));
            column = "serialNumber";
            DeviceIdentity.serialNumber(row.get("serialNumber"));
            column = "hostname";
            DeviceIdentity.hostname(row.get("hostname"));
            column = "inventoryNumber";
            DeviceIdentity.inventoryNumber(row.get("inventoryNumber"));
            column = "agentDeviceId";
            DeviceIdentity.agentDeviceId(row.get("agentDeviceId"));
        } catch (CmdbRuleViolation e) {
            return row.reject(column, e.getMessage());
        }
        return row.reject(null, violation.getMessage());
    }

    private static Map<String, Object> attributes(CsvRow row, AttributeSchema schema) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : row.columns().keySet()) {
            if (!column.startsWith("attr.")) {
                continue;
            }
            String name = column.substring(5);
            String raw = row.get(column);
            if (raw == null) {
                continue;
            }
            AttributeDefinition definition = schema.definition(name);
            if (definition == null) {
                throw row.reject(column, name + " is not an attribute of this class");
            }
            values.put(name, convert(row, column, definition, raw));
        }
        List<AttributeSchema.Violation> violations = schema.violations(values);
        if (!violations.isEmpty()) {
            throw row.reject(
                    "attr." + violations.get(0).field(), violations.get(0).message());
        }
        return values;
    }

    private static Object convert(CsvRow row, String column, AttributeDefinition definition, String raw) {
        switch (definition.type()) {
            case INTEGER -> {
                try {
                    return Long.valueOf(raw);
                } catch (NumberFormatException e) {
                    throw row.reject(column, "must be a whole number");
                }
            }
            case DECIMAL -> {
                try {
                    return new BigDecimal(raw.replace(',', '.'));
                } catch (NumberFormatException e) {
                    throw row.reject(column, "must be a number");
                }
            }
            case BOOLEAN -> {
                return switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "tak", "yes", "1", "t", "y" -> true;
                    case "false", "nie", "no", "0", "f", "n" -> false;
                    default -> throw row.reject(column, "must be true or false");
                };
            }
            case ENUM -> {
                return raw.toUpperCase(Locale.ROOT);
            }
            default -> {
                return raw;
            }
        }
    }

    private static LocalDate date(CsvRow row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return isoDate(value);
        } catch (DateTimeException e) {
            throw row.reject(column, "Not a date (YYYY-MM-DD)");
        }
    }

    /**
     * {@code YYYY-MM-DD} read digit by digit, anything else by {@link LocalDate#parse}: the same dates and the
     * same refusals, without the formatter's general machinery, which was a sixth of a row's check.
     */
    static LocalDate isoDate(String value) {
        if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 7);
            int day = digits(value, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(value);
    }

    /** The decimal number in {@code value[from, to)}; -1 when a character is not an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static String text(CsvRow row, String column, int max) {
        String value = row.get(column);
        if (value != null && value.length() > max) {
            throw row.reject(column, "Has at most " + max + " characters");
        }
        return value;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
