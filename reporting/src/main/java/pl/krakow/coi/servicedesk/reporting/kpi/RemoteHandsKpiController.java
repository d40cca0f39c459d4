package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/** The remote-hands KPIs (docs/kpis.md, "Remote hands"), for managers. */
@RestController
class RemoteHandsKpiController {

    private final RemoteHandsKpis kpis;
    private final CurrentUsers currentUsers;

    RemoteHandsKpiController(RemoteHandsKpis kpis, CurrentUsers currentUsers) {
        this.kpis = kpis;
        this.currentUsers = currentUsers;
    }

    /**
     * The remote-hands figures of {@code [from, to)} (City Hall days; default: the last 30 days up to today),
     * of the tasks provided or asked for by {@code unit} (repeatable).
     */
    @GetMapping("/api/v1/kpis/remote-hands")
    RemoteHandsFigures report(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) List<String> unit) {
        LocalDate end = to != null ? to : LocalDate.now(KpiQuery.ZONE).plusDays(1);
        LocalDate start = from != null ? from : end.minusDays(30);
        return kpis.report(start, end, unit, currentUsers.current());
    }
}
