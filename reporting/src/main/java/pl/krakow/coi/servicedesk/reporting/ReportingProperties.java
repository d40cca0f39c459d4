package pl.krakow.coi.servicedesk.reporting;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reporting settings ({@code servicedesk.reporting.*}).
 *
 * @param snapshot the daily KPI snapshots
 * @param monthlyReport the monthly report by e-mail
 * @param export CSV and XLSX exports
 * @param gauges the live operational gauges
 */
@ConfigurationProperties("servicedesk.reporting")
public record ReportingProperties(
        @DefaultValue Snapshot snapshot,
        @DefaultValue MonthlyReport monthlyReport,
        @DefaultValue Export export,
        @DefaultValue Gauges gauges) {

    /**
     * @param enabled whether this worker schedules the snapshot job
     * @param cron when (Europe/Warsaw); the job snapshots every missing day up to yesterday
     * @param backfillDays how many days back a missing snapshot is made up for
     */
    public record Snapshot(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 20 0 * * *") String cron,
            @DefaultValue("7") int backfillDays) {}

    /**
     * @param enabled whether this worker sends the monthly report
     * @param cron when (Europe/Warsaw), for the month before
     * @param recipients e-mail addresses; none: nothing is sent
     * @param from the sender address
     */
    public record MonthlyReport(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 0 6 1 * *") String cron,
            @DefaultValue List<String> recipients,
            @DefaultValue("servicedesk@coi.krakow.pl") String from) {}

    /** @param pageSize tickets read from the index per page while streaming an export */
    public record Export(@DefaultValue("1000") int pageSize) {}

    /** @param refresh how often the gauges are read from PostgreSQL */
    public record Gauges(@DefaultValue("30s") Duration refresh) {}
}
