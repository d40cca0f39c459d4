package pl.krakow.coi.servicedesk.ingest.licences;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ingest.batch.RowRejected;
import pl.krakow.coi.servicedesk.ingest.batch.RunFence;
import pl.krakow.coi.servicedesk.licence.Licence;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.licence.SoftwareProduct;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * Registers each licence through the licence register's own use cases ({@link LicenceService}: checked,
 * audited, compliance recomputed), or updates the licence imported earlier under the same key; a product
 * missing from the catalogue is added. A licence the register refuses is skipped with its reason.
 */
class LicenceWriter implements ItemWriter<LicenceRecord> {

    private final LicenceService licences;
    private final SoftwareCatalogue catalogue;
    private final JdbcClient jdbc;
    private final RunFence fence;
    private final Clock clock;
    private final long runId;
    private final CurrentUser admin;

    LicenceWriter(
            LicenceService licences,
            SoftwareCatalogue catalogue,
            JdbcClient jdbc,
            RunFence fence,
            Clock clock,
            long runId,
            CurrentUser admin) {
        this.licences = licences;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.fence = fence;
        this.clock = clock;
        this.runId = runId;
        this.admin = admin;
    }

    @Override
    public void write(Chunk<? extends LicenceRecord> chunk) {
        for (LicenceRecord row : chunk.getItems()) {
            try {
                write(row);
            } catch (ServiceDeskException e) {
                throw new RowRejected(
                        row.line(),
                        e.properties().containsKey("field")
                                ? String.valueOf(e.properties().get("field"))
                                : null,
                        row.key(),
                        e.getMessage());
            }
        }
        fence.check(runId);
    }

    private void write(LicenceRecord row) {
        SoftwareProduct product = catalogue
                .findProduct(row.publisher(), row.product(), admin)
                .orElseGet(() -> catalogue.createProduct(row.publisher(), row.product(), true, null, admin));
        LicenceDetails d = row.details();
        LicenceDetails details = new LicenceDetails(
                d.name(),
                java.util.Set.of(product.id()),
                d.metric(),
                d.quantity(),
                d.validFrom(),
                d.validUntil(),
                d.contractNumber(),
                d.vendor(),
                d.cost(),
                d.currency(),
                d.notes());
        Optional<Long> known = jdbc.sql("SELECT licence_id FROM licence_import_key WHERE import_key = :key FOR UPDATE")
                .param("key", row.key())
                .query(Long.class)
                .optional();
        long id;
        if (known.isPresent()) {
            Licence current = licences.get(known.get(), admin);
            id = current.details().equals(details)
                    ? current.id()
                    : licences.update(current.id(), current.version(), details, admin)
                            .id();
        } else {
            id = licences.register(details, admin).id();
        }
        jdbc.sql("""
                        INSERT INTO licence_import_key (import_key, licence_id, run_id, updated_at)
                        VALUES (:key, :licence, :run, :now)
                        ON CONFLICT (import_key) DO UPDATE SET run_id = :run, updated_at = :now
                        """)
                .param("key", row.key())
                .param("licence", id)
                .param("run", runId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
