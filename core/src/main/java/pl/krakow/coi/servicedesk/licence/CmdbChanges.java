package pl.krakow.coi.servicedesk.licence;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItemChanged;
import pl.krakow.coi.servicedesk.cmdb.ConfigurationItemsMerged;

/**
 * What CMDB changes mean for licences, in the CMDB's transaction: an item leaving service (or changing its
 * cores or its person) changes the consumption of the products on it; a merged duplicate's installations and
 * device assignments move to the survivor.
 */
@Component
class CmdbChanges {

    private static final Set<String> RELEVANT = Set.of("status", "cores", "assignedUsername");

    private final Installations installations;
    private final Licences licences;
    private final Compliance compliance;
    private final Clock clock;

    CmdbChanges(Installations installations, Licences licences, Compliance compliance, Clock clock) {
        this.installations = installations;
        this.licences = licences;
        this.compliance = compliance;
        this.clock = clock;
    }

    @EventListener
    void on(ConfigurationItemChanged change) {
        if (change.changed().stream().noneMatch(RELEVANT::contains)) {
            return;
        }
        Set<Long> products = new HashSet<>(installations.activeProducts(change.id()));
        products.addAll(licences.productsAssignedTo(change.id()));
        compliance.changed(products);
    }

    @EventListener
    void on(ConfigurationItemsMerged merge) {
        Set<Long> products =
                new HashSet<>(installations.moveToSurvivor(merge.duplicateId(), merge.survivorId(), clock.instant()));
        products.addAll(licences.productsOf(
                licences.moveAssignments(merge.duplicateId(), merge.survivorId(), clock.instant())));
        products.addAll(installations.activeProducts(merge.survivorId()));
        compliance.changed(products);
    }
}
