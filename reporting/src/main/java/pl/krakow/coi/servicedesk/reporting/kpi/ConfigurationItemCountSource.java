package pl.krakow.coi.servicedesk.reporting.kpi;

import java.util.List;

/**
 * Port to the CMDB (built by the CMDB capability): items by class and lifecycle state. Implement it as a
 * bean next to the CMDB; without one, reports leave {@code configurationItemCounts} out.
 */
public interface ConfigurationItemCountSource {

    List<ConfigurationItemCount> counts();
}
