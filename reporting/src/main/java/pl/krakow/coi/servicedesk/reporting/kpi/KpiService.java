package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.search.SearchVisibility;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import tools.jackson.databind.json.JsonMapper;

/**
 * KPI reports for management: the Director, the deputies and the Chief Strategist see every ticket they
 * may see; a unit head (a manager bound to an IT unit) sees the tickets the unit or any unit under it
 * handled (the reporting lines: the head of IT-05 sees IT-05-1..4's tickets), by the same visibility rule as search and the ticket lists (ADR 0005). Live figures come from the index; the
 * database path gives the same figures from PostgreSQL.
 */
@Service
public class KpiService {

    /** Where the figures come from. */
    public enum Source {
        INDEX,
        DATABASE
    }

    private final IndexKpis index;
    private final DatabaseKpis database;
    private final TicketAccess access;
    private final ObjectProvider<LicenceComplianceSource> licences;
    private final ObjectProvider<ConfigurationItemCountSource> configurationItems;
    private final JsonMapper json;
    private final Clock clock;

    KpiService(
            IndexKpis index,
            DatabaseKpis database,
            TicketAccess access,
            ObjectProvider<LicenceComplianceSource> licences,
            ObjectProvider<ConfigurationItemCountSource> configurationItems,
            JsonMapper json,
            Clock clock) {
        this.index = index;
        this.database = database;
        this.access = access;
        this.licences = licences;
        this.configurationItems = configurationItems;
        this.json = json;
        this.clock = clock;
    }

    /** The report as {@code user} may see it. */
    public KpiReport report(KpiQuery query, CurrentUser user, Source source) {
        return report(query, user, source, clock.instant());
    }

    private KpiReport report(KpiQuery query, CurrentUser user, Source source, Instant now) {
        return withInventory(tickets(query, user, source, now));
    }

    /** The ticket figures alone, without the register's (which do not depend on the period). */
    private KpiReport tickets(KpiQuery query, CurrentUser user, Source source, Instant now) {
        requireManager(user);
        return source == Source.DATABASE
                ? database.report(query, access.visibilitySql(user), viewer(user), now)
                : index.report(query, SearchVisibility.of(access.visibility(user)), now);
    }

    /**
     * The ticket figures over every ticket (snapshots, scheduled reports): no caller's visibility applies; the
     * register's figures are left out (null), as neither keeps them.
     */
    public KpiReport unrestricted(KpiQuery query, Source source) {
        return source == Source.DATABASE
                ? database.report(query, "TRUE", Map.of(), clock.instant())
                : index.report(query, new SearchVisibility.Everything(), clock.instant());
    }

    /** The ticket figures over every ticket but security incidents, from PostgreSQL (the Chief Strategist's history). */
    public KpiReport withoutSecurityIncidents(KpiQuery query) {
        return database.report(query, "t.type <> 'SECURITY_INCIDENT'", Map.of(), clock.instant());
    }

    /** The report of the period and the ticket figures of the period before it (the tiles' trends). */
    public Comparison compare(KpiQuery query, CurrentUser user, Source source) {
        Instant now = clock.instant();
        return new Comparison(report(query, user, source, now), tickets(query.previous(), user, source, now));
    }

    /** The report from both sources and their differences. */
    public KpiComparison.Reconciliation reconcile(KpiQuery query, CurrentUser user) {
        Instant now = clock.instant();
        KpiReport fromIndex = report(query, user, Source.INDEX, now);
        KpiReport fromDatabase = report(query, user, Source.DATABASE, now);
        return new KpiComparison.Reconciliation(
                fromIndex, fromDatabase, KpiComparison.differences(fromIndex, fromDatabase, json));
    }

    /** A report with the one before it. */
    public record Comparison(KpiReport current, KpiReport previous) {}

    private KpiReport withInventory(KpiReport report) {
        LicenceComplianceSource licenceSource = licences.getIfAvailable();
        ConfigurationItemCountSource itemSource = configurationItems.getIfAvailable();
        List<ConfigurationItemCount> counts = itemSource == null ? null : itemSource.counts();
        Map<String, String> names = itemSource == null
                ? null
                : itemSource.names(report.configurationItems().stream()
                        .map(KpiReport.Count::key)
                        .toList());
        return report.withInventory(licenceSource == null ? null : licenceSource.summary(), counts, names);
    }

    /** Refuses callers who are not managers (403 {@code kpis-for-managers}). */
    public static void requireManager(CurrentUser user) {
        if (!user.has(Role.MANAGER)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.FORBIDDEN,
                    "kpis-for-managers",
                    "KPIs are for management",
                    "KPI reports are for the Director, the deputies, the Chief Strategist and unit heads");
        }
    }

    private static Map<String, Object> viewer(CurrentUser user) {
        Map<String, Object> viewer = new HashMap<>();
        viewer.put("viewer", user.username());
        viewer.put("viewerUnit", user.unit().orElse(""));
        return viewer;
    }
}
