package pl.krakow.coi.servicedesk.reporting.export;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.reporting.ReportingProperties;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiReport;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiService;

/**
 * The monthly KPI report: the month before, computed from PostgreSQL (like the snapshots, it does not
 * depend on the index), as an XLSX attachment with the headline figures in the message, sent over SMTP
 * ({@code spring.mail.*}) to {@code servicedesk.reporting.monthly-report.recipients}. Each month is
 * recorded in {@code kpi_report_delivery}, so a month is sent once across replicas and restarts.
 */
@Service
class MonthlyReport {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReport.class);

    private final KpiService kpis;
    private final ObjectProvider<JavaMailSender> mail;
    private final ReportingProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    MonthlyReport(
            KpiService kpis,
            ObjectProvider<JavaMailSender> mail,
            ReportingProperties properties,
            JdbcClient jdbc,
            Clock clock) {
        this.kpis = kpis;
        this.mail = mail;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The month before the current one (City Hall time). */
    public YearMonth lastMonth() {
        return YearMonth.now(clock.withZone(KpiQuery.ZONE)).minusMonths(1);
    }

    /**
     * Sends the report of {@code month} unless it was sent ({@code again}: send anyway); returns the
     * recipients it went to (empty when nothing was sent).
     */
    public List<String> send(YearMonth month, boolean again) {
        List<String> recipients = properties.monthlyReport().recipients();
        JavaMailSender sender = mail.getIfAvailable();
        if (recipients.isEmpty() || sender == null) {
            if (again) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.CONFLICT,
                        "monthly-report-not-configured",
                        "Monthly report not configured",
                        "Set spring.mail.host and servicedesk.reporting.monthly-report.recipients");
            }
            log.info("Monthly KPI report of {} not sent: no SMTP server or no recipients configured", month);
            return List.of();
        }
        if (!again && sent(month)) {
            return List.of();
        }
        KpiQuery query = new KpiQuery(
                month.atDay(1), month.plusMonths(1).atDay(1), KpiQuery.Granularity.DAY, java.util.Map.of());
        KpiReport current = kpis.unrestricted(query, KpiService.Source.DATABASE);
        KpiReport previous = kpis.unrestricted(query.previous(), KpiService.Source.DATABASE);
        try {
            ByteArrayOutputStream workbook = new ByteArrayOutputStream();
            KpiWorkbook.write(workbook, current, previous, List.of(), null);
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.monthlyReport().from());
            helper.setTo(recipients.toArray(String[]::new));
            helper.setSubject("Raport KPI Service Desk COI – " + month + " / KPI report " + month);
            helper.setText(body(month, current));
            helper.addAttachment(
                    "kpi-" + month + ".xlsx",
                    new ByteArrayResource(workbook.toByteArray()),
                    ExportController.XLSX.toString());
            sender.send(message);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Cannot build the monthly KPI report of " + month, e);
        }
        jdbc.sql("""
                        INSERT INTO kpi_report_delivery (month, recipients, sent_at) VALUES (:month, :recipients, :at)
                        ON CONFLICT (month) DO UPDATE SET recipients = excluded.recipients, sent_at = excluded.sent_at
                        """)
                .param("month", Date.valueOf(month.atDay(1)))
                .param("recipients", String.join(", ", recipients))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        log.info("Monthly KPI report of {} sent to {}", month, recipients);
        return recipients;
    }

    boolean sent(YearMonth month) {
        return jdbc.sql("SELECT count(*) FROM kpi_report_delivery WHERE month = :month")
                        .param("month", Date.valueOf(month.atDay(1)))
                        .query(Long.class)
                        .single()
                > 0;
    }

    static String body(YearMonth month, KpiReport r) {
        return String.join(
                "\n",
                "Raport KPI Service Desk COI za " + month + " (szczegóły w załączniku).",
                "KPI report of the COI Service Desk for " + month + " (details attached).",
                "",
                "Zarejestrowane / registered: " + r.created(),
                "Rozwiązane / resolved: " + r.resolved(),
                "Zaległe na koniec miesiąca / backlog at month end: " + r.backlog(),
                "SLA reakcji / response met: " + percent(r.slaResponse().rate()),
                "SLA rozwiązania / resolution met: " + percent(r.slaResolution().rate()),
                "Rozwiązane na I linii / first-line resolution: "
                        + percent(r.firstLineResolution().rate()),
                "Eskalowane / escalated: " + percent(r.escalations().overall().rate()),
                "Ponownie otwarte / reopened: " + percent(r.reopened().rate()));
    }

    private static String percent(Double rate) {
        return rate == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
    }
}
