package pl.krakow.coi.servicedesk.reporting.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.reporting.ReportingProperties;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiService;
import pl.krakow.coi.servicedesk.reporting.kpi.TicketRows;

/**
 * Exports of a KPI report's period and filters (managers, within their visibility): the tickets as CSV
 * (streamed, no row cap) and the report as an XLSX workbook (with the tickets as a sheet on request);
 * admins can send the monthly report now.
 */
@RestController
class ExportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final KpiService kpis;
    private final TicketRows rows;
    private final MonthlyReport monthlyReport;
    private final ReportingProperties properties;
    private final CurrentUsers currentUsers;

    ExportController(
            KpiService kpis,
            TicketRows rows,
            MonthlyReport monthlyReport,
            ReportingProperties properties,
            CurrentUsers currentUsers) {
        this.kpis = kpis;
        this.rows = rows;
        this.monthlyReport = monthlyReport;
        this.properties = properties;
        this.currentUsers = currentUsers;
    }

    /** Tickets registered in {@code [from, to)} with their KPI fields, as CSV (UTF-8 with BOM, for spreadsheets). */
    @GetMapping("/api/v1/kpis/export/tickets.csv")
    ResponseEntity<StreamingResponseBody> tickets(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> line,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> customerUnit,
            @RequestParam(required = false) List<String> channel) {
        KpiQuery query = KpiQuery.of(from, to, null, unit, line, category, priority, customerUnit, channel);
        CurrentUser user = currentUsers.current();
        KpiService.requireManager(user);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            writer.write('\ufeff');
            Csv csv = new Csv(writer);
            csv.line(TicketRows.COLUMNS);
            rows.forEach(query, user, properties.export().pageSize(), csv::line);
            csv.flush();
        };
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("tickets", query, "csv"))
                .body(body);
    }

    /** The KPI report of {@code [from, to)} with the previous period, as XLSX; {@code tickets=true} adds them. */
    @GetMapping("/api/v1/kpis/export/report.xlsx")
    ResponseEntity<StreamingResponseBody> report(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) List<String> unit,
            @RequestParam(required = false) List<String> line,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> customerUnit,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(defaultValue = "false") boolean tickets) {
        KpiQuery query = KpiQuery.of(from, to, granularity, unit, line, category, priority, customerUnit, channel);
        CurrentUser user = currentUsers.current();
        KpiService.Comparison report = kpis.compare(query, user, KpiService.Source.INDEX);
        StreamingResponseBody body = out -> KpiWorkbook.write(
                out,
                report.current(),
                report.previous(),
                TicketRows.COLUMNS,
                tickets ? sink -> rows.forEach(query, user, properties.export().pageSize(), sink) : null);
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("kpi", query, "xlsx"))
                .body(body);
    }

    /** Sends the monthly report of {@code month} now (admins), even if it was sent before. */
    @PostMapping("/api/v1/kpis/monthly-report")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> sendMonthlyReport(@RequestParam YearMonth month) {
        List<String> recipients = monthlyReport.send(month, true);
        return Map.of("month", month.toString(), "recipients", recipients);
    }

    private static String attachment(String name, KpiQuery query, String extension) {
        return "attachment; filename=\"" + name + "-" + query.from() + "-" + query.to() + "." + extension + "\"";
    }
}
