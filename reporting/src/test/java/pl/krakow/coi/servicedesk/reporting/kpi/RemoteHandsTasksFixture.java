package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Instant;
import java.util.List;

/**
 * Remote-hands tasks around October 2026 for the KPI tests; the values they should give are worked out by
 * hand in {@link RemoteHandsFiguresTest} and {@link RemoteHandsKpiIT}. The target is four hours of office
 * time (Monday–Friday 07:30–15:30 Warsaw; CEST, UTC+2, until 25 October, then CET); the due times below
 * are those four hours after the request.
 */
final class RemoteHandsTasksFixture {

    private RemoteHandsTasksFixture() {}

    /** A task as stored: who asked, and its times (null: not happened). */
    record Row(
            String name,
            String requestedByUnit,
            String requestedAt,
            String dueAt,
            String completedAt,
            String cancelledAt) {

        RemoteHandsFigures.Task task() {
            return new RemoteHandsFigures.Task(at(requestedAt), at(dueAt), at(completedAt), at(cancelledAt));
        }

        static Instant at(String value) {
            return value == null ? null : Instant.parse(value);
        }
    }

    static final List<Row> ROWS = List.of(
            // Mon 5 Oct 09:00–11:30 Warsaw: 150 business and calendar minutes, due 13:00, on time.
            new Row("T1", "IT-04-1", "2026-10-05T07:00:00Z", "2026-10-05T11:00:00Z", "2026-10-05T09:30:00Z", null),
            // Mon 5 Oct 14:00 – Tue 6 Oct 11:00: 90 + 210 = 300 business minutes, 1 260 calendar; due Tue 10:00, late.
            new Row("T2", "IT-04-1", "2026-10-05T12:00:00Z", "2026-10-06T08:00:00Z", "2026-10-06T09:00:00Z", null),
            // Fri 9 Oct 15:00 – Mon 12 Oct 08:00: 30 + 30 = 60 business minutes, 3 900 calendar; due Mon 11:00.
            new Row("T3", "IT-04-4", "2026-10-09T13:00:00Z", "2026-10-12T09:00:00Z", "2026-10-12T06:00:00Z", null),
            // Wed 14 Oct, cancelled two hours after the request.
            new Row("T4", "IT-04-1", "2026-10-14T08:00:00Z", "2026-10-14T12:00:00Z", null, "2026-10-14T10:00:00Z"),
            // Tue 27 Oct 09:00 (CET), due 13:00, still open.
            new Row("T5", "IT-04-4", "2026-10-27T08:00:00Z", "2026-10-27T12:00:00Z", null, null),
            // Thu 29 Oct 09:00, due 13:00, completed on Mon 2 November.
            new Row("T6", "IT-04-1", "2026-10-29T08:00:00Z", "2026-10-29T12:00:00Z", "2026-11-02T09:00:00Z", null),
            // Wed 30 Sep 10:00 – Thu 1 Oct 08:00: 330 + 30 = 360 business minutes, 1 320 calendar; due Wed 14:00, late.
            new Row("T7", "IT-04-4", "2026-09-30T08:00:00Z", "2026-09-30T12:00:00Z", "2026-10-01T06:00:00Z", null),
            // Tue 6 Oct 09:00–09:45, requested before due times were kept: 45 minutes, not judged.
            new Row("T9", "IT-04-1", "2026-10-06T07:00:00Z", null, "2026-10-06T07:45:00Z", null));
}
