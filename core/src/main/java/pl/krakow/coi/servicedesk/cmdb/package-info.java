/**
 * The configuration database (CMDB, IT-01-3): classes of items with attribute schemas, items with their
 * identity, lifecycle, location and support, relationships with impact analysis, and the link to tickets.
 */
@ApplicationModule(allowedDependencies = {"ticket", "ticket :: domain", "organisation", "platform"})
package pl.krakow.coi.servicedesk.cmdb;

import org.springframework.modulith.ApplicationModule;
