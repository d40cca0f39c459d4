package pl.krakow.coi.servicedesk.reporting.kpi;

/** The number of CMDB items of one class in one lifecycle state (e.g. {@code WORKSTATION}, {@code IN_USE}). */
record ConfigurationItemCount(String itemClass, String state, long count) {}
