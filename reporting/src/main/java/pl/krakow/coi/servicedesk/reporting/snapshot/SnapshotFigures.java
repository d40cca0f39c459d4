package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiReport;

/**
 * What a daily snapshot keeps of a day's report: counts and the numerators and denominators of every
 * rate and mean, so that a month is the sum of its days (the backlog of a month is that of its last
 * day). Medians and percentiles cannot be summed; the history shows the daily ones.
 */
final class SnapshotFigures {

    /** Figures whose month is the sum of its days. */
    static final List<String> SUMMED = List.of(
            "created",
            "resolved",
            "cancelled",
            "responseMet",
            "responseJudged",
            "resolutionMet",
            "resolutionJudged",
            "firstLineResolved",
            "firstLineCandidates",
            "resolvedByMonitoring",
            "escalated",
            "reopened",
            "reassignments",
            "businessMinutesToResolveSum",
            "businessMinutesToResolveCount",
            "calendarMinutesToResolveSum",
            "calendarMinutesToResolveCount",
            "businessMinutesToFirstResponseSum",
            "businessMinutesToFirstResponseCount");

    private SnapshotFigures() {}

    static Map<String, Number> of(KpiReport r) {
        Map<String, Number> f = new LinkedHashMap<>();
        f.put("created", r.created());
        f.put("resolved", r.resolved());
        f.put("cancelled", r.cancelled());
        f.put("backlog", r.backlog());
        f.put("responseMet", r.slaResponse().part());
        f.put("responseJudged", r.slaResponse().total());
        f.put("resolutionMet", r.slaResolution().part());
        f.put("resolutionJudged", r.slaResolution().total());
        f.put("firstLineResolved", r.firstLineResolution().part());
        f.put("firstLineCandidates", r.firstLineResolution().total());
        f.put("resolvedByMonitoring", r.resolvedByMonitoring());
        f.put("escalated", r.escalations().overall().part());
        f.put("reopened", r.reopened().part());
        f.put("reassignments", r.reassignments().total());
        sum(f, "businessMinutesToResolve", r.resolution().business());
        sum(f, "calendarMinutesToResolve", r.resolution().calendar());
        sum(f, "businessMinutesToFirstResponse", r.firstResponse().business());
        f.put("businessMinutesToResolveMedian", r.resolution().business().median());
        f.put("businessMinutesToResolveP90", r.resolution().business().p90());
        r.aging().forEach(a -> f.put("aging " + a.key(), a.count()));
        f.values().removeIf(java.util.Objects::isNull);
        return f;
    }

    private static void sum(Map<String, Number> f, String name, KpiReport.Stats stats) {
        f.put(name + "Count", stats.count());
        f.put(name + "Sum", stats.mean() == null ? 0 : Math.round(stats.mean() * stats.count()));
    }
}
