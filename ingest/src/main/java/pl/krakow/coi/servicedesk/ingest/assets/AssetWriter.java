package pl.krakow.coi.servicedesk.ingest.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import pl.krakow.coi.servicedesk.cmdb.AssetRefused;
import pl.krakow.coi.servicedesk.cmdb.CiBulkUpsert;
import pl.krakow.coi.servicedesk.cmdb.DiscoveredAsset;
import pl.krakow.coi.servicedesk.ingest.batch.RowRejected;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * Writes a chunk of asset rows into the CMDB through its bulk upsert ({@link CiBulkUpsert}, ADR 0080), which
 * resolves the devices by the CMDB's identity rules and writes the items, MAC addresses and audit entries in
 * bulk, all of the chunk or nothing.
 *
 * <p>A row the CMDB refuses (identifiers that point at different items or at a retired item, another class, a
 * warranty ending before the purchase, a MAC address another item holds) is a {@link RowRejected}: nothing of
 * the chunk was written, and the step writes the chunk row by row and skips that row (skip report). A chunk
 * that lost a race (a device another source registered meanwhile, an item changed meanwhile) is undone by the
 * CMDB and retried by the step; a single row that lost one is skipped with its reason.
 */
class AssetWriter implements ItemWriter<AssetRecord> {

    private final CiBulkUpsert cmdb;
    private final RunFence fence;
    private final long runId;
    private final String source;
    private final CurrentUser actor;

    AssetWriter(CiBulkUpsert cmdb, RunFence fence, long runId, String source, CurrentUser actor) {
        this.cmdb = cmdb;
        this.fence = fence;
        this.runId = runId;
        this.source = source;
        this.actor = actor;
    }

    @Override
    public void write(Chunk<? extends AssetRecord> chunk) {
        List<DiscoveredAsset> assets = new ArrayList<>(chunk.size());
        for (AssetRecord row : chunk) {
            assets.add(new DiscoveredAsset(row.line(), row.details(), row.status(), row.given()));
        }
        try {
            cmdb.upsertAll(assets, source, Map.of("run", runId), actor);
        } catch (AssetRefused refused) {
            throw new RowRejected(refused.line(), refused.field(), refused.value(), refused.reason());
        } catch (DuplicateKeyException e) {
            if (chunk.size() == 1) {
                // A single row (the chunk's scan): no retry follows, so the row is skipped with its reason.
                AssetRecord row = chunk.getItems().get(0);
                throw new RowRejected(
                        row.line(),
                        "identity",
                        CiBulkUpsert.describe(row.details().identity()),
                        "Another source registered this device meanwhile");
            }
            throw e;
        }
        fence.check(runId);
    }
}
