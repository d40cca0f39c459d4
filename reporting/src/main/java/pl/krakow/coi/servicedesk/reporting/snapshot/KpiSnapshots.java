package pl.krakow.coi.servicedesk.reporting.snapshot;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The daily KPI snapshots ({@code kpi_snapshot}): written by the snapshot job, read by the history API. */
@Repository
class KpiSnapshots {

    /** The scope of the snapshot over every ticket. */
    static final String ALL = "*";
    /** The scope of every ticket but security incidents (what the Chief Strategist may see). */
    static final String ALL_BUT_SECURITY = "*NOSEC";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    KpiSnapshots(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Writes (or rewrites, on a restarted job) the snapshot of a day and scope. */
    void save(Snapshot snapshot, Long jobExecutionId) {
        jdbc.sql("""
                        INSERT INTO kpi_snapshot (day, unit, figures, computed_at, job_execution_id)
                        VALUES (:day, :unit, CAST(:figures AS jsonb), :at, :execution)
                        ON CONFLICT (day, unit) DO UPDATE SET figures = excluded.figures,
                            computed_at = excluded.computed_at, job_execution_id = excluded.job_execution_id
                        """)
                .param("day", Date.valueOf(snapshot.day()))
                .param("unit", snapshot.unit())
                .param("figures", json.writeValueAsString(snapshot.figures()))
                .param("at", Timestamp.from(snapshot.computedAt()))
                .param("execution", jobExecutionId)
                .update();
    }

    List<Snapshot> between(LocalDate from, LocalDate to, String unit) {
        return jdbc.sql("""
                        SELECT day, unit, figures, computed_at FROM kpi_snapshot
                        WHERE day >= :from AND day < :to AND unit = :unit ORDER BY day
                        """)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("unit", unit)
                .query((rs, n) -> new Snapshot(
                        rs.getObject("day", LocalDate.class),
                        rs.getString("unit"),
                        figures(rs.getString("figures")),
                        rs.getTimestamp("computed_at").toInstant()))
                .list();
    }

    /** The days in {@code [from, to)} without a complete snapshot (no row over every ticket). */
    List<LocalDate> missingDays(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT d::date FROM generate_series(CAST(:from AS date), CAST(:to AS date) - 1, interval '1 day') d
                        WHERE NOT EXISTS (SELECT 1 FROM kpi_snapshot s WHERE s.day = d::date AND s.unit = '*')
                        ORDER BY 1
                        """)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query(LocalDate.class)
                .list();
    }

    private Map<String, Number> figures(String text) {
        return json.readValue(
                text,
                json.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class, Number.class));
    }

    /** One day's figures of a scope. */
    record Snapshot(LocalDate day, String unit, Map<String, Number> figures, Instant computedAt) {}
}
