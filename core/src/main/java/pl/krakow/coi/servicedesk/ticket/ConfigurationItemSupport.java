package pl.krakow.coi.servicedesk.ticket;

import java.util.Optional;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * What ticket handling needs from the CMDB: does an item exist, what is it called, which unit
 * supports it (§4.5, §21.21). Implemented by the CMDB; absent, tickets accept any item id. The ticket
 * capability owns it so that the CMDB depends on tickets and not the other way round; routing reads the
 * supporting unit through it too.
 */
public interface ConfigurationItemSupport {

    /** The item, if it exists. */
    Optional<ItemInfo> find(long configurationItemId);

    /** Whether {@code user} may read the CMDB, and so learn an item's name and supporting unit. */
    boolean mayRead(CurrentUser user);

    /**
     * @param name the item's display name (hostname, inventory number, service name)
     * @param supportingUnit the second-line unit that supports it, or null when none is recorded
     */
    record ItemInfo(long id, String name, String supportingUnit) {}
}
