package pl.krakow.coi.servicedesk.cmdb;

import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.cmdb.domain.CiStatus;
import pl.krakow.coi.servicedesk.cmdb.domain.RelationshipType;

/**
 * What a failure of an item affects (downstream: the items, business services and people that need it)
 * and what it needs (upstream: the components whose failure would affect it), to a bounded depth.
 *
 * @param depth the number of relationship steps followed
 * @param businessServices the affected items of SERVICE classes
 * @param people the people assigned to the item or to an affected item
 * @param peopleTotal how many people, when the list is cut
 * @param tookMillis how long the analysis took
 */
record Impact(
        Item item,
        int depth,
        Side downstream,
        Side upstream,
        List<Item> businessServices,
        List<Person> people,
        int peopleTotal,
        long tookMillis) {

    /** One direction of the analysis. */
    public record Side(int total, Map<String, Integer> byClass, List<Item> items, boolean truncated) {}

    /**
     * An item reached, with the first step back towards the analysed item.
     *
     * @param depth relationship steps from the analysed item
     * @param via the neighbour one step closer to the analysed item (null for the item itself)
     * @param viaType the relationship between the item and {@code via}
     */
    public record Item(
            long id,
            String name,
            String classCode,
            CiStatus status,
            int depth,
            Long via,
            RelationshipType viaType,
            String supportingUnit,
            String assignedUsername) {}

    /** A person who uses affected items. */
    public record Person(String username, String name, int items) {}
}
