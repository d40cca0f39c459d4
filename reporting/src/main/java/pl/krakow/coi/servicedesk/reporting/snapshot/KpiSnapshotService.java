package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.organisation.ReportingLines;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiQuery;

/** Starts snapshot jobs and reads the history: daily figures and months with their change over the month before. */
@Service
class KpiSnapshotService {

    private static final Logger log = LoggerFactory.getLogger(KpiSnapshotService.class);

    private final JobOperator operator;
    private final Job job;
    private final KpiSnapshots snapshots;
    private final Clock clock;
    private final ReportingLines reportingLines;

    KpiSnapshotService(
            JobOperator operator,
            Job kpiSnapshotJob,
            KpiSnapshots snapshots,
            Clock clock,
            ReportingLines reportingLines) {
        this.reportingLines = reportingLines;
        this.operator = operator;
        this.job = kpiSnapshotJob;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** Launches the snapshot of {@code day} (asynchronously); empty if that day is done or running. */
    public Optional<JobExecution> snapshot(LocalDate day) {
        if (!day.isBefore(LocalDate.now(clock.withZone(KpiQuery.ZONE)))) {
            throw ServiceDeskException.invalid("invalid-day", "Only a day that has ended can be snapshotted");
        }
        try {
            return Optional.of(operator.start(
                    job,
                    new JobParametersBuilder()
                            .addLocalDate(KpiSnapshotJobConfiguration.DAY, day)
                            .toJobParameters()));
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException e) {
            log.debug("KPI snapshot of {} not started: {}", day, e.getMessage());
            return Optional.empty();
        } catch (DataIntegrityViolationException e) {
            // Another replica or request started the same day at the same moment (unique instance or running
            // execution, ADR 0062): that one runs it.
            log.debug("KPI snapshot of {} started elsewhere at the same time: {}", day, e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the KPI snapshot of " + day + ": " + e.getMessage(), e);
        }
    }

    /** Launches the snapshots of the days without one among the last {@code days} days. */
    public List<JobExecution> backfill(int days) {
        LocalDate today = LocalDate.now(clock.withZone(KpiQuery.ZONE));
        List<JobExecution> started = new ArrayList<>();
        for (LocalDate day : snapshots.missingDays(today.minusDays(days), today)) {
            snapshot(day).ifPresent(started::add);
        }
        return started;
    }

    /** Daily figures of {@code [from, to)}. */
    public List<DailyFigures> daily(LocalDate from, LocalDate to, String unit, CurrentUser user) {
        String scope = scope(unit, user);
        if (!from.isBefore(to) || from.plusDays(KpiQuery.MAX_DAYS).isBefore(to)) {
            throw ServiceDeskException.invalid(
                    "invalid-period", "from must be before to, within " + KpiQuery.MAX_DAYS + " days");
        }
        return snapshots.between(from, to, scope).stream()
                .map(s -> new DailyFigures(s.day(), s.figures()))
                .toList();
    }

    /**
     * Months {@code from..to} (inclusive) summed from their daily snapshots, each with its rates and
     * means and the change of each against the month before (month-over-month).
     */
    public List<MonthlyFigures> monthly(YearMonth from, YearMonth to, String unit, CurrentUser user) {
        String scope = scope(unit, user);
        if (from.isAfter(to) || from.plusMonths(36).isBefore(to)) {
            throw ServiceDeskException.invalid("invalid-period", "from must not be after to, within 36 months");
        }
        List<KpiSnapshots.Snapshot> days =
                snapshots.between(from.minusMonths(1).atDay(1), to.plusMonths(1).atDay(1), scope);
        List<MonthlyFigures> months = new ArrayList<>();
        Map<String, Double> previous = null;
        for (YearMonth month = from.minusMonths(1); !month.isAfter(to); month = month.plusMonths(1)) {
            YearMonth m = month;
            List<KpiSnapshots.Snapshot> ofMonth =
                    days.stream().filter(s -> YearMonth.from(s.day()).equals(m)).toList();
            Map<String, Double> figures = MonthOverMonth.month(
                    ofMonth.stream().map(KpiSnapshots.Snapshot::figures).toList());
            if (!month.isBefore(from)) {
                months.add(
                        new MonthlyFigures(month, ofMonth.size(), figures, MonthOverMonth.change(figures, previous)));
            }
            previous = figures;
        }
        return months;
    }

    private String scope(String unit, CurrentUser user) {
        if (!user.has(Role.MANAGER)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "kpis-for-managers",
                    "KPIs are for management",
                    "KPI history is for the Director, the deputies, the Chief Strategist and unit heads");
        }
        String own = user.unit().orElse(null);
        if (own != null && pl.krakow.coi.servicedesk.organisation.Organisation.isDirectorOrDeputy(own)) {
            return unit == null || unit.isBlank() ? KpiSnapshots.ALL : unit;
        }
        if (own == null || own.equals("IT-08")) {
            // All but security incidents (ADR 0005); a unit's history, less IT-02-1's.
            if (unit != null && unit.equals("IT-02-1")) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.FORBIDDEN,
                        "other-unit",
                        "Another unit",
                        "The history of IT-02-1 covers security incidents");
            }
            return unit == null || unit.isBlank() ? KpiSnapshots.ALL_BUT_SECURITY : unit;
        }
        // A unit head reads the history of the unit or of a unit under it (the reporting lines: a division's
        // sections).
        if (unit != null && !unit.isBlank() && !reportingLines.unitsUnder(own).contains(unit)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "other-unit",
                    "Another unit",
                    "A unit head reads the history of their own unit (" + own + ") or of the units under it");
        }
        return own;
    }

    /** One day's snapshot. */
    public record DailyFigures(LocalDate day, Map<String, Number> figures) {}

    /**
     * A month: the number of days with a snapshot, its figures, and the relative change of each figure
     * against the month before (0.1 = +10 %; absent when the month before has no such figure or it is 0).
     */
    public record MonthlyFigures(
            YearMonth month, int days, Map<String, Double> figures, Map<String, Double> changeOverPreviousMonth) {

        public MonthlyFigures {
            figures = new LinkedHashMap<>(figures);
            changeOverPreviousMonth = new LinkedHashMap<>(changeOverPreviousMonth);
        }
    }
}
