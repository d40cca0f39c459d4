package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * The KPI API (docs/kpis.md): a report of a period with filters, with the previous period for trends,
 * and the reconciliation of the index against PostgreSQL. For managers; a unit head sees the unit's
 * tickets.
 */
@RestController
class KpiController {

    private final KpiService kpis;
    private final CurrentUsers currentUsers;

    KpiController(KpiService kpis, CurrentUsers currentUsers) {
        this.kpis = kpis;
        this.currentUsers = currentUsers;
    }

    /**
     * The KPIs of {@code [from, to)} (City Hall days; default: the last 30 days up to today), filtered by
     * {@code unit}, {@code line}, {@code category}, {@code priority}, {@code customerUnit}, {@code channel}
     * (repeatable), with a time series by {@code granularity} ({@code day}, {@code week}, {@code month}).
     * {@code compare=true} adds the previous period of the same length; {@code source=database}
     * computes the figures from PostgreSQL instead of the index.
     */
    @GetMapping("/api/v1/kpis")
    Object report(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> line,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> customerUnit,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(defaultValue = "false") boolean compare,
            @RequestParam(defaultValue = "index") String source) {
        KpiQuery query = KpiQuery.of(from, to, granularity, unit, line, category, priority, customerUnit, channel);
        KpiService.Source from_ = source(source);
        return compare
                ? kpis.compare(query, currentUsers.current(), from_)
                : kpis.report(query, currentUsers.current(), from_);
    }

    /** The same report from the index and from PostgreSQL, and every figure on which they differ. */
    @GetMapping("/api/v1/kpis/reconciliation")
    KpiComparison.Reconciliation reconciliation(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> line,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> customerUnit,
            @RequestParam(required = false) List<String> channel) {
        return kpis.reconcile(
                KpiQuery.of(from, to, granularity, unit, line, category, priority, customerUnit, channel),
                currentUsers.current());
    }

    static KpiQuery.Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return KpiQuery.Granularity.DAY;
        }
        try {
            return KpiQuery.Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ServiceDeskException.invalid("invalid-granularity", "granularity must be day, week or month");
        }
    }

    static KpiService.Source source(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "index" -> KpiService.Source.INDEX;
            case "database" -> KpiService.Source.DATABASE;
            default -> throw ServiceDeskException.invalid("invalid-source", "source must be index or database");
        };
    }
}
