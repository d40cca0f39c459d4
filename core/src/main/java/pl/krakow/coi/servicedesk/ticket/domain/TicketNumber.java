package pl.krakow.coi.servicedesk.ticket.domain;

import java.util.regex.Pattern;

/**
 * The human-readable ticket number, e.g. {@code INC-2026-000123}: type prefix, year of registration,
 * a sequence that is unique but may have gaps.
 */
public record TicketNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("(INC|REQ|SEC)-\\d{4}-\\d{6,}");

    public TicketNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a ticket number: " + value);
        }
    }

    public static TicketNumber of(TicketType type, int year, long sequence) {
        // By hand, not String.format: formatting looked up the locale's digits on every new ticket (a visible
        // share of the creation request's CPU: BENCHMARKS.md, "Figures behind code").
        StringBuilder number = new StringBuilder(20).append(type.prefix()).append('-');
        pad(number, year, 4).append('-');
        return new TicketNumber(pad(number, sequence, 6).toString());
    }

    private static StringBuilder pad(StringBuilder into, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            into.append('0');
        }
        return into.append(digits);
    }

    public static boolean looksLike(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
