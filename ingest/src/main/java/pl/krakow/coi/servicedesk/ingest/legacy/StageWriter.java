package pl.krakow.coi.servicedesk.ingest.legacy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import tools.jackson.databind.json.JsonMapper;

/** Stages the export's rows of a chunk in {@code legacy_incident_row} (one JDBC batch; a re-run row is kept once). */
class StageWriter implements ItemWriter<IncidentUpdate> {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RunFence fence;
    private final long runId;

    StageWriter(JdbcTemplate jdbc, JsonMapper json, RunFence fence, long runId) {
        this.jdbc = jdbc;
        this.json = json;
        this.fence = fence;
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends IncidentUpdate> chunk) {
        List<Object[]> rows = new ArrayList<>();
        for (IncidentUpdate update : chunk.getItems()) {
            rows.add(new Object[] {
                runId,
                update.line(),
                update.number(),
                Timestamp.from(update.updatedAt()),
                json.writeValueAsString(update.fields())
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO legacy_incident_row (run_id, line, number, updated_at, data)"
                        + " VALUES (?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT DO NOTHING",
                rows);
        fence.check(runId);
    }
}
