package pl.krakow.coi.servicedesk.reporting.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiReport;

/**
 * A KPI report as an XLSX workbook, written as a stream: sheet "KPI" (each figure with the previous
 * period's and the change), "Series", "Units", and optionally "Tickets" (one row per ticket, flushed
 * every {@value #FLUSH_EVERY} rows, so memory stays constant).
 */
final class KpiWorkbook {

    static final int FLUSH_EVERY = 1_000;

    private KpiWorkbook() {}

    /** Writes the workbook; {@code tickets}, if not null, is asked to feed the rows of the tickets sheet. */
    static void write(
            OutputStream out,
            KpiReport current,
            KpiReport previous,
            List<String> ticketColumns,
            Consumer<Consumer<List<String>>> tickets)
            throws IOException {
        Workbook workbook = new Workbook(out, "COI Service Desk", "1.0");
        Worksheet kpi = workbook.newWorksheet("KPI");
        kpi.value(
                0,
                0,
                "KPI " + current.period().from() + " – " + current.period().to() + " (bez "
                        + current.period().to() + ")");
        kpi.value(1, 0, "figure");
        kpi.value(1, 1, "value");
        kpi.value(1, 2, "previous period");
        kpi.value(1, 3, "change");
        kpi.style(1, 0).bold().set();
        kpi.style(1, 1).bold().set();
        kpi.style(1, 2).bold().set();
        kpi.style(1, 3).bold().set();
        int row = 2;
        for (Figure f : figures(current, previous)) {
            kpi.value(row, 0, f.name());
            if (f.value() != null) {
                kpi.value(row, 1, f.value());
            }
            if (f.previous() != null) {
                kpi.value(row, 2, f.previous());
            }
            if (f.value() != null && f.previous() != null && f.previous() != 0) {
                kpi.value(row, 3, Math.round((f.value() - f.previous()) / f.previous() * 10_000) / 10_000.0);
            }
            row++;
        }
        kpi.finish();

        Worksheet series = workbook.newWorksheet("Series");
        series.value(0, 0, "start");
        series.value(0, 1, "created");
        series.value(0, 2, "resolved");
        row = 1;
        for (KpiReport.SeriesPoint point : current.series()) {
            series.value(row, 0, point.start().toString());
            series.value(row, 1, point.created());
            series.value(row, 2, point.resolved());
            row++;
        }
        series.finish();

        Worksheet units = workbook.newWorksheet("Units");
        String[] heads = {
            "unit", "response met", "response judged", "resolution met", "resolution judged", "escalated to"
        };
        for (int c = 0; c < heads.length; c++) {
            units.value(0, c, heads[c]);
        }
        row = 1;
        for (KpiReport.UnitSla unit : current.slaByUnit()) {
            units.value(row, 0, unit.unit());
            units.value(row, 1, unit.response().part());
            units.value(row, 2, unit.response().total());
            units.value(row, 3, unit.resolution().part());
            units.value(row, 4, unit.resolution().total());
            long escalated = current.escalations().byUnit().stream()
                    .filter(u -> u.unit().equals(unit.unit()))
                    .mapToLong(u -> u.rate().part())
                    .sum();
            units.value(row, 5, escalated);
            row++;
        }
        units.finish();

        if (tickets != null) {
            Worksheet sheet = workbook.newWorksheet("Tickets");
            for (int c = 0; c < ticketColumns.size(); c++) {
                sheet.value(0, c, ticketColumns.get(c));
            }
            int[] next = {1};
            tickets.accept(values -> {
                for (int c = 0; c < values.size(); c++) {
                    if (!values.get(c).isEmpty()) {
                        sheet.value(next[0], c, values.get(c));
                    }
                }
                if (++next[0] % FLUSH_EVERY == 0) {
                    try {
                        sheet.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            sheet.finish();
        }
        workbook.finish();
    }

    /** The report's headline figures, with the previous period's. */
    static List<Figure> figures(KpiReport r, KpiReport p) {
        return List.of(
                new Figure("created", (double) r.created(), p == null ? null : (double) p.created()),
                new Figure("resolved", (double) r.resolved(), p == null ? null : (double) p.resolved()),
                new Figure("cancelled", (double) r.cancelled(), p == null ? null : (double) p.cancelled()),
                new Figure("backlog", (double) r.backlog(), p == null ? null : (double) p.backlog()),
                new Figure(
                        "SLA response met",
                        r.slaResponse().rate(),
                        p == null ? null : p.slaResponse().rate()),
                new Figure(
                        "SLA resolution met",
                        r.slaResolution().rate(),
                        p == null ? null : p.slaResolution().rate()),
                new Figure(
                        "first-line resolution",
                        r.firstLineResolution().rate(),
                        p == null ? null : p.firstLineResolution().rate()),
                new Figure(
                        "escalation rate",
                        r.escalations().overall().rate(),
                        p == null ? null : p.escalations().overall().rate()),
                new Figure(
                        "reopen rate",
                        r.reopened().rate(),
                        p == null ? null : p.reopened().rate()),
                new Figure(
                        "reassignments per ticket",
                        r.reassignments().perTicket(),
                        p == null ? null : p.reassignments().perTicket()),
                new Figure(
                        "first response, business minutes, mean",
                        r.firstResponse().business().mean(),
                        p == null ? null : p.firstResponse().business().mean()),
                new Figure(
                        "first response, business minutes, median",
                        r.firstResponse().business().median(),
                        p == null ? null : p.firstResponse().business().median()),
                new Figure(
                        "resolution, business minutes, mean",
                        r.resolution().business().mean(),
                        p == null ? null : p.resolution().business().mean()),
                new Figure(
                        "resolution, business minutes, median",
                        r.resolution().business().median(),
                        p == null ? null : p.resolution().business().median()),
                new Figure(
                        "resolution, business minutes, p90",
                        r.resolution().business().p90(),
                        p == null ? null : p.resolution().business().p90()),
                new Figure(
                        "resolution, calendar minutes, mean",
                        r.resolution().calendar().mean(),
                        p == null ? null : p.resolution().calendar().mean()),
                new Figure(
                        "resolution, calendar minutes, median",
                        r.resolution().calendar().median(),
                        p == null ? null : p.resolution().calendar().median()),
                new Figure(
                        "resolution, calendar minutes, p90",
                        r.resolution().calendar().p90(),
                        p == null ? null : p.resolution().calendar().p90()));
    }

    record Figure(String name, Double value, Double previous) {}
}
