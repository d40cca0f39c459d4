package pl.krakow.coi.servicedesk.cmdb;

import java.util.Map;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;

/**
 * A device as an inventory agent or an import reports it.
 *
 * @param classCode the class for a new item (an existing item keeps its class)
 * @param name the name for a new item; null: the hostname, else the inventory or serial number
 * @param identity what identifies the device
 * @param cores CPU cores, when reported
 * @param attributes class attributes reported (they replace the item's values of the same names)
 */
public record DiscoveredItem(
        String classCode,
        String name,
        DeviceIdentity identity,
        String manufacturer,
        String model,
        Integer cores,
        Map<String, Object> attributes) {

    public DiscoveredItem {
        identity = identity == null ? DeviceIdentity.none() : identity;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
