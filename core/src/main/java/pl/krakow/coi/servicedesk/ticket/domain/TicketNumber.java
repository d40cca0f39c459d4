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
        return new TicketNumber(String.format("%s-%04d-%06d", type.prefix(), year, sequence));
    }

    public static boolean looksLike(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
