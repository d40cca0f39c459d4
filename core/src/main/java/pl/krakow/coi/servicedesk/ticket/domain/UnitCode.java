package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.regex.Pattern;

/** The code of an organisational unit, e.g. {@code IT-04-2} or a customer unit's {@code KP-01}. */
public record UnitCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,19}");

    /** The first line: the Service Desk (§8.2). */
    public static final UnitCode FIRST_LINE = new UnitCode("IT-02-2");
    /** Cybersecurity: security incidents (§7.5). */
    public static final UnitCode SECURITY = new UnitCode("IT-02-1");
    /** User Support: provides remote hands to the second line (§13.8). */
    public static final UnitCode USER_SUPPORT = new UnitCode("IT-04-2");

    public UnitCode {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a unit code: " + value);
        }
    }

    /** Whether {@code value} is written as a unit code. */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
