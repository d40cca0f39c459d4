package pl.krakow.coi.servicedesk.cmdb.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What identifies a device, normalised so that equal values mean the same device: serial and inventory
 * numbers upper-case, the hostname as its lower-case short name, MAC addresses as {@code aa:bb:cc:dd:ee:ff}.
 * Placeholders that firmware and agents report instead of a value ("To Be Filled By O.E.M.", all-zero
 * UUIDs, broadcast MACs) are dropped, so they never make two devices look like one. MAC addresses are kept
 * sorted, so equal identities list them (and audit diffs compare them) in one order.
 */
public record DeviceIdentity(
        String agentDeviceId,
        UUID hardwareUuid,
        String serialNumber,
        String hostname,
        Set<String> macAddresses,
        String inventoryNumber) {

    private static final Set<String> PLACEHOLDER_SERIALS = Set.of(
            "TO BE FILLED BY O.E.M.",
            "TO BE FILLED BY OEM",
            "DEFAULT STRING",
            "SYSTEM SERIAL NUMBER",
            "CHASSIS SERIAL NUMBER",
            "NONE",
            "N/A",
            "NA",
            "NULL",
            "UNKNOWN",
            "NOT SPECIFIED",
            "NOT APPLICABLE",
            "INVALID",
            "SERIAL",
            "0123456789",
            "123456789",
            "1234567890",
            "XXXXXXXXXX");
    private static final Set<UUID> PLACEHOLDER_UUIDS = Set.of(
            new UUID(0, 0),
            new UUID(-1, -1),
            UUID.fromString("03000200-0400-0500-0006-000700080009"),
            UUID.fromString("00020003-0004-0005-0006-000700080009"));
    // Compiled once: String.replaceAll compiles its pattern on every call, and imports normalise millions. The
    // serial numbers, hostnames and MAC addresses, which every row and inventory has, are read by loops instead:
    // their patterns were about a quarter of an asset row's check (ADR 0066).
    private static final Pattern UUID_BRACES = Pattern.compile("^\\{|}$");

    public DeviceIdentity {
        agentDeviceId = agentDeviceId(agentDeviceId);
        hardwareUuid = hardwareUuid == null || PLACEHOLDER_UUIDS.contains(hardwareUuid) ? null : hardwareUuid;
        serialNumber = serialNumber(serialNumber);
        hostname = hostname(hostname);
        inventoryNumber = inventoryNumber(inventoryNumber);
        TreeSet<String> macs = new TreeSet<>();
        if (macAddresses != null) {
            for (String mac : macAddresses) {
                macAddress(mac).ifPresent(macs::add);
            }
        }
        macAddresses = Collections.unmodifiableSortedSet(macs);
    }

    public static DeviceIdentity none() {
        return new DeviceIdentity(null, null, null, null, Set.of(), null);
    }

    /** Parses a reported UUID; placeholders and unparseable values give null. */
    public static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(UUID_BRACES.matcher(value.trim()).replaceAll(""));
            return PLACEHOLDER_UUIDS.contains(uuid) ? null : uuid;
        } catch (IllegalArgumentException e) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "Not a UUID: " + value);
        }
    }

    public static String agentDeviceId(String value) {
        String trimmed = trimToNull(value);
        if (trimmed != null && trimmed.length() > 100) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "An agent device id has at most 100 characters");
        }
        return trimmed;
    }

    /** Upper-case, inner spaces removed; placeholders and values of one repeated character give null. */
    public static String serialNumber(String value) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            return null;
        }
        String upper = trimmed.toUpperCase(Locale.ROOT);
        String normalised = withoutWhitespace(upper);
        if (PLACEHOLDER_SERIALS.contains(upper)
                || PLACEHOLDER_SERIALS.contains(normalised)
                || oneRepeatedCharacter(normalised)) {
            return null;
        }
        if (normalised.length() > 100) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "A serial number has at most 100 characters");
        }
        return normalised;
    }

    /** The lower-case short name: {@code KP01-PC014.umk.krakow.pl} → {@code kp01-pc014}. */
    public static String hostname(String value) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            return null;
        }
        String shortName = trimmed.toLowerCase(Locale.ROOT);
        int dot = shortName.indexOf('.');
        if (dot >= 0) {
            shortName = shortName.substring(0, dot);
        }
        if (shortName.equals("localhost") || shortName.isEmpty()) {
            return null;
        }
        if (!isHostname(shortName)) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "Not a hostname: " + value);
        }
        return shortName;
    }

    /** Upper-case, trimmed. */
    public static String inventoryNumber(String value) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            return null;
        }
        if (trimmed.length() > 60) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "An inventory number has at most 60 characters");
        }
        return trimmed.toUpperCase(Locale.ROOT);
    }

    /**
     * {@code aa:bb:cc:dd:ee:ff} from any usual notation ({@code AA-BB-CC-DD-EE-FF}, {@code aabb.ccdd.eeff});
     * empty for all-zero, broadcast and multicast addresses, which no single device owns.
     */
    public static Optional<String> macAddress(String value) {
        String trimmed = trimToNull(value);
        if (trimmed == null) {
            return Optional.empty();
        }
        // The hex digits, lower-case; separators (: . - whitespace) anywhere are ignored.
        char[] hex = new char[12];
        int digits = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ':' || c == '.' || c == '-' || isWhitespace(c)) {
                continue;
            }
            char digit = c >= 'A' && c <= 'F' ? (char) (c + ('a' - 'A')) : c;
            if (digits == 12 || !((digit >= '0' && digit <= '9') || (digit >= 'a' && digit <= 'f'))) {
                throw CmdbRuleViolation.invalid("invalid-identifier", "Not a MAC address: " + value);
            }
            hex[digits++] = digit;
        }
        if (digits != 12) {
            throw CmdbRuleViolation.invalid("invalid-identifier", "Not a MAC address: " + value);
        }
        String digitsOnly = new String(hex);
        // The first octet's lowest bit (in its second hex digit) marks a group (multicast) address.
        boolean group = (Character.digit(hex[1], 16) & 1) == 1;
        if (digitsOnly.equals("000000000000") || digitsOnly.equals("ffffffffffff") || group) {
            return Optional.empty();
        }
        char[] mac = new char[17];
        for (int i = 0, j = 0; i < 12; i++) {
            if (i > 0 && i % 2 == 0) {
                mac[j++] = ':';
            }
            mac[j++] = hex[i];
        }
        return Optional.of(new String(mac));
    }

    /** Every identifier present, by kind (MAC addresses may be several). */
    public Map<IdentifierKind, List<String>> values() {
        Map<IdentifierKind, List<String>> values = new EnumMap<>(IdentifierKind.class);
        for (IdentifierKind kind : IdentifierKind.values()) {
            if (kind == IdentifierKind.MAC_ADDRESS) {
                if (!macAddresses.isEmpty()) {
                    values.put(kind, List.copyOf(macAddresses));
                }
            } else {
                String value = value(kind);
                if (value != null) {
                    values.put(kind, List.of(value));
                }
            }
        }
        return values;
    }

    /** The single value of a strong or weak identifier (null when absent; MACs: the first). */
    public String value(IdentifierKind kind) {
        return switch (kind) {
            case AGENT_DEVICE_ID -> agentDeviceId;
            case HARDWARE_UUID -> hardwareUuid == null ? null : hardwareUuid.toString();
            case SERIAL_NUMBER -> serialNumber;
            case HOSTNAME -> hostname;
            case MAC_ADDRESS ->
                macAddresses.isEmpty() ? null : macAddresses.iterator().next();
            case INVENTORY_NUMBER -> inventoryNumber;
        };
    }

    public boolean isEmpty() {
        return agentDeviceId == null
                && hardwareUuid == null
                && serialNumber == null
                && hostname == null
                && macAddresses.isEmpty()
                && inventoryNumber == null;
    }

    /** This identity with the values of {@code other} filled in where this one has none; MACs united. */
    public DeviceIdentity filledFrom(DeviceIdentity other) {
        Set<String> macs = new TreeSet<>(macAddresses);
        macs.addAll(other.macAddresses);
        return new DeviceIdentity(
                agentDeviceId != null ? agentDeviceId : other.agentDeviceId,
                hardwareUuid != null ? hardwareUuid : other.hardwareUuid,
                serialNumber != null ? serialNumber : other.serialNumber,
                hostname != null ? hostname : other.hostname,
                macs,
                inventoryNumber != null ? inventoryNumber : other.inventoryNumber);
    }

    /** The strong identifiers both identities have, with different values: they are different devices. */
    public List<IdentifierKind> contradictions(DeviceIdentity other) {
        List<IdentifierKind> differing = new ArrayList<>();
        for (IdentifierKind kind : IdentifierKind.values()) {
            if (kind.strong()) {
                String mine = value(kind);
                String theirs = other.value(kind);
                if (mine != null && theirs != null && !mine.equals(theirs)) {
                    differing.add(kind);
                }
            }
        }
        return differing;
    }

    /** A lower-case short name: letters, digits and inner hyphens, at most 63 characters. */
    private static boolean isHostname(String name) {
        int length = name.length();
        if (length == 0 || length > 63) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && !(c == '-' && i > 0 && i < length - 1)) {
                return false;
            }
        }
        return true;
    }

    /** What {@code \s} in a pattern matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static String withoutWhitespace(String value) {
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                if (kept == null) {
                    kept = new StringBuilder(value.length()).append(value, 0, i);
                }
            } else if (kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? value : kept.toString();
    }

    private static boolean oneRepeatedCharacter(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) != value.charAt(0)) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
