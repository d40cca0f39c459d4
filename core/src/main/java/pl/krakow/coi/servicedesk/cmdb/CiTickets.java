package pl.krakow.coi.servicedesk.cmdb;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.ticket.TicketFilter;
import pl.krakow.coi.servicedesk.ticket.TicketQueries;

/** The tickets about an item (and about the duplicates merged into it), as the caller may see them. */
@Service
class CiTickets {

    private final CmdbService cmdb;
    private final ConfigurationItems items;
    private final TicketQueries tickets;

    CiTickets(CmdbService cmdb, ConfigurationItems items, TicketQueries tickets) {
        this.cmdb = cmdb;
        this.items = items;
        this.tickets = tickets;
    }

    /**
     * @param open true: open tickets only; false: past (resolved, closed, cancelled) only; null: all
     */
    public TicketQueries.Page of(long id, Boolean open, int page, int size, CurrentUser user) {
        cmdb.get(id, user);
        List<Long> ids = new ArrayList<>(List.of(id));
        ids.addAll(items.mergedInto(id));
        return tickets.list(
                new TicketFilter(
                        null, null, null, null, null, null, null, null, null, open, null, null, page, size, "created",
                        ids),
                user);
    }
}
