package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums daily snapshots into a month and compares months (docs/kpis.md "Snapshots"). */
final class MonthOverMonth {

    private MonthOverMonth() {}

    /** A month from its days, in order: sums, the last day's backlog, and the rates and means of the sums. */
    static Map<String, Double> month(List<Map<String, Number>> days) {
        Map<String, Double> month = new LinkedHashMap<>();
        if (days.isEmpty()) {
            return month;
        }
        for (String name : SnapshotFigures.SUMMED) {
            month.put(name, days.stream().mapToDouble(d -> value(d, name)).sum());
        }
        month.put("backlog", value(days.get(days.size() - 1), "backlog"));
        ratio(month, "slaResponseRate", "responseMet", "responseJudged");
        ratio(month, "slaResolutionRate", "resolutionMet", "resolutionJudged");
        ratio(month, "firstLineResolutionRate", "firstLineResolved", "firstLineCandidates");
        ratio(month, "escalationRate", "escalated", "created");
        ratio(month, "reopenRate", "reopened", "resolved");
        ratio(month, "reassignmentsPerTicket", "reassignments", "resolved");
        ratio(month, "meanBusinessMinutesToResolve", "businessMinutesToResolveSum", "businessMinutesToResolveCount");
        ratio(month, "meanCalendarMinutesToResolve", "calendarMinutesToResolveSum", "calendarMinutesToResolveCount");
        ratio(
                month,
                "meanBusinessMinutesToFirstResponse",
                "businessMinutesToFirstResponseSum",
                "businessMinutesToFirstResponseCount");
        return month;
    }

    /** The relative change of each figure against {@code previous}. */
    static Map<String, Double> change(Map<String, Double> current, Map<String, Double> previous) {
        Map<String, Double> change = new LinkedHashMap<>();
        if (previous == null) {
            return change;
        }
        current.forEach((name, value) -> {
            Double before = previous.get(name);
            if (before != null && before != 0) {
                change.put(name, Math.round((value - before) / before * 10_000) / 10_000.0);
            }
        });
        return change;
    }

    private static void ratio(Map<String, Double> month, String name, String part, String total) {
        double t = month.getOrDefault(total, 0.0);
        if (t > 0) {
            month.put(name, Math.round(month.getOrDefault(part, 0.0) / t * 10_000) / 10_000.0);
        }
    }

    private static double value(Map<String, Number> figures, String name) {
        Number n = figures.get(name);
        return n == null ? 0 : n.doubleValue();
    }
}
