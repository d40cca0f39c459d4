/**
 * Service levels: business calendars and SLA policies as versioned data, each ticket's response and
 * resolution clocks computed from its event log, the timers that raise warnings and breaches once
 * across replicas, and the audited recomputation of open tickets after a configuration change.
 */
@ApplicationModule(
        allowedDependencies = {"ticket", "ticket :: domain", "search", "catalogue", "organisation", "platform"})
package pl.krakow.coi.servicedesk.sla;

import org.springframework.modulith.ApplicationModule;
