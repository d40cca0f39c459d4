package pl.krakow.coi.servicedesk.cmdb;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.ConfigurationItemSupport;

/**
 * What tickets and routing need from the CMDB: a ticket may name only an existing item, and the item's
 * supporting unit is a routing signal (§4.5, §21.21). A merged duplicate answers for its survivor.
 */
@Component
class CmdbTicketSupport implements ConfigurationItemSupport {

    private final ConfigurationItems items;
    private final CmdbAccess access;

    CmdbTicketSupport(ConfigurationItems items, CmdbAccess access) {
        this.items = items;
        this.access = access;
    }

    @Override
    public boolean mayRead(CurrentUser user) {
        return access.mayRead(user);
    }

    @Override
    public Optional<ItemInfo> find(long configurationItemId) {
        Optional<ConfigurationItem> item = items.find(configurationItemId);
        Set<Long> seen = new HashSet<>();
        while (item.isPresent() && item.get().merged() && seen.add(item.get().id())) {
            item = items.find(item.get().mergedInto());
        }
        return item.map(i -> new ItemInfo(i.id(), i.name(), i.details().supportingUnit()));
    }
}
