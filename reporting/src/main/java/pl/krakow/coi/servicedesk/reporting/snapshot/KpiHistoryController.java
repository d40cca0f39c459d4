package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;

/** KPI history from the daily snapshots, month-over-month, and (admins) snapshot runs. */
@RestController
class KpiHistoryController {

    private final KpiSnapshotService snapshots;
    private final CurrentUsers currentUsers;

    KpiHistoryController(KpiSnapshotService snapshots, CurrentUsers currentUsers) {
        this.snapshots = snapshots;
        this.currentUsers = currentUsers;
    }

    /** Daily figures of {@code [from, to)} (default: the last 30 days), of every ticket or of a unit. */
    @GetMapping("/api/v1/kpis/history")
    List<KpiSnapshotService.DailyFigures> daily(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String unit) {
        LocalDate end = to != null ? to : LocalDate.now(KpiQuery.ZONE);
        LocalDate start = from != null ? from : end.minusDays(30);
        return snapshots.daily(start, end, unit, currentUsers.current());
    }

    /** Months {@code from..to} (e.g. {@code 2026-01}; default: the last 12), with the change over each month before. */
    @GetMapping("/api/v1/kpis/history/monthly")
    List<KpiSnapshotService.MonthlyFigures> monthly(
            @RequestParam(required = false) YearMonth from,
            @RequestParam(required = false) YearMonth to,
            @RequestParam(required = false) String unit) {
        YearMonth end = to != null ? to : YearMonth.now(KpiQuery.ZONE);
        YearMonth start = from != null ? from : end.minusMonths(11);
        return snapshots.monthly(start, end, unit, currentUsers.current());
    }

    /** Snapshots a day now (admins), e.g. after correcting data; 202 with the job execution, or 200 if done. */
    @PostMapping("/api/v1/kpis/snapshots")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, Object>> snapshot(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return snapshots
                .snapshot(day)
                .<ResponseEntity<Map<String, Object>>>map(e -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of("day", day.toString(), "executionId", e.getId())))
                .orElseGet(() -> ResponseEntity.ok(Map.of("day", day.toString(), "status", "ALREADY_DONE")));
    }
}
