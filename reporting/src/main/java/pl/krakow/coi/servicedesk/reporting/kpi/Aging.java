package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The age buckets of open tickets: a ticket of age {@code a} at the moment {@code asOf} falls in the
 * bucket with {@code from < a <= to} (calendar time; "30d+" has no upper end).
 */
enum Aging {
    UP_TO_1_DAY("0-1d", 0, 1),
    UP_TO_3_DAYS("1-3d", 1, 3),
    UP_TO_7_DAYS("3-7d", 3, 7),
    UP_TO_30_DAYS("7-30d", 7, 30),
    OVER_30_DAYS("30d+", 30, -1);

    private final String key;
    private final int fromDays;
    private final int toDays;

    Aging(String key, int fromDays, int toDays) {
        this.key = key;
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    String key() {
        return key;
    }

    /** Registered at or after this instant (null: no lower bound). */
    Instant createdFrom(Instant asOf) {
        return toDays < 0 ? null : asOf.minus(Duration.ofDays(toDays));
    }

    /** Registered before this instant. */
    Instant createdBefore(Instant asOf) {
        return asOf.minus(Duration.ofDays(fromDays));
    }

    static List<Aging> all() {
        return List.of(values());
    }
}
