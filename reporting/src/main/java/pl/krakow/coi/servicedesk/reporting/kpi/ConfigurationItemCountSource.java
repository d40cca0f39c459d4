package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.List;

/**
 * Port to the CMDB (built by the CMDB capability): items by class and lifecycle state. Implement it as a
 * bean next to the CMDB; without one, reports leave {@code configurationItemCounts} out.
 */
interface ConfigurationItemCountSource {

    List<ConfigurationItemCount> counts();

    /** The names of the items with these ids (ids as the ticket index keys them); unknown ids are left out. */
    java.util.Map<String, String> names(java.util.List<String> ids);
}
