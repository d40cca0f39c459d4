package pl.krakow.coi.servicedesk.ingest.batch;

import java.io.Writer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The skip report of runs, in {@code ingest_skip}: one row per skipped line, recorded in the chunk's transaction. */
@Repository
public class IngestSkips {

    private final JdbcClient jdbc;

    IngestSkips(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a skipped row (once: a chunk processed again after a restart records nothing new). */
    public void record(long runId, RowRejected rejected) {
        insert(runId, rejected);
    }

    /**
     * Records a row skipped while writing, in a transaction of its own: the step rolls the failed chunk
     * back before it writes the chunk's other rows again one by one.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordApart(long runId, RowRejected rejected) {
        insert(runId, rejected);
    }

    private void insert(long runId, RowRejected rejected) {
        jdbc.sql("""
                        INSERT INTO ingest_skip (run_id, row_number, field, value, reason)
                        VALUES (:run, :row, :field, :value, :reason)
                        ON CONFLICT (run_id, row_number) DO NOTHING
                        """)
                .param("run", runId)
                .param("row", rejected.row())
                .param("field", rejected.field())
                .param("value", rejected.value())
                .param("reason", rejected.reason() == null ? "rejected" : rejected.reason())
                .update();
    }

    public long count(long runId) {
        return jdbc.sql("SELECT count(*) FROM ingest_skip WHERE run_id = :run")
                .param("run", runId)
                .query(Long.class)
                .single();
    }

    /** Writes the report as CSV ({@link SkipReportCsv}): row, field, value, reason. */
    public void writeCsv(long runId, Writer out) {
        SkipReportCsv csv = new SkipReportCsv(out);
        jdbc.sql("SELECT row_number, field, value, reason FROM ingest_skip WHERE run_id = :run ORDER BY row_number")
                .param("run", runId)
                .query(rs -> {
                    csv.skip(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
                });
        csv.flush();
    }
}
