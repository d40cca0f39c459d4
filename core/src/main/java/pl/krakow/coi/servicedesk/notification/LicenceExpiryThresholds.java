package pl.krakow.coi.servicedesk.notification;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;

/**
 * The thresholds of the licence-expiry notices: a licence is noticed when its end date is within 90, then 60, then
 * 30 days. A licence ending today is within every threshold; one that ended is within none.
 */
final class LicenceExpiryThresholds {

    /** The thresholds in days, loosest first. */
    static final List<Integer> DAYS = List.of(90, 60, 30);

    private LicenceExpiryThresholds() {}

    /** The loosest threshold: how far ahead a run looks. */
    static int horizon() {
        return DAYS.get(0);
    }

    /** Days from {@code today} to the licence's last valid day ({@code validUntil}); negative once it ended. */
    static long daysLeft(LocalDate today, LocalDate validUntil) {
        return ChronoUnit.DAYS.between(today, validUntil);
    }

    /** The thresholds the licence is within on {@code today}, loosest first; empty when none or it ended. */
    static List<Integer> crossed(LocalDate today, LocalDate validUntil) {
        long left = daysLeft(today, validUntil);
        if (left < 0) {
            return List.of();
        }
        return DAYS.stream().filter(t -> left <= t).toList();
    }

    /** The tightest threshold the licence is within on {@code today}; empty when none or it ended. */
    static OptionalInt tightest(LocalDate today, LocalDate validUntil) {
        return crossed(today, validUntil).stream().mapToInt(Integer::intValue).min();
    }
}
