package pl.krakow.coi.servicedesk.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits the ticket ids into contiguous ranges of about equal size, one per partition of the copy
 * step. Runs after the reindex was recorded as RUNNING: every ticket committed before is in a range,
 * every later change reaches the new index through the relay.
 */
class TicketIdRanges implements Partitioner {

    private final JdbcClient jdbc;
    private final Reindexes reindexes;
    private final Long reindexId;

    TicketIdRanges(JdbcClient jdbc, Reindexes reindexes, Long reindexId) {
        this.jdbc = jdbc;
        this.reindexes = reindexes;
        this.reindexId = reindexId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        long[] bounds = jdbc.sql("SELECT coalesce(min(id), 1), coalesce(max(id), 0) FROM ticket")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long min = bounds[0];
        long max = bounds[1];
        reindexes.recordMaxTicketId(reindexId, max);
        Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
        long span = Math.max(1, (max - min + 1 + gridSize - 1) / gridSize);
        int partition = 0;
        for (long from = min; from <= max; from += span) {
            ExecutionContext context = new ExecutionContext();
            context.putLong("minId", from);
            context.putLong("maxId", Math.min(max, from + span - 1));
            ranges.put("range" + partition++, context);
        }
        if (ranges.isEmpty()) {
            ExecutionContext context = new ExecutionContext();
            context.putLong("minId", 1);
            context.putLong("maxId", 0);
            ranges.put("range0", context);
        }
        return ranges;
    }
}
