/**
 * The configuration database (CMDB, IT-01-3): classes of items with attribute schemas, items with their
 * identity, lifecycle, location and support, relationships with impact analysis, and the link to tickets.
 *
 * <p>Its REST adapter: {@code /api/v1/cis}, {@code /api/v1/ci-classes}, {@code /api/v1/relationships}.
 */
@ApplicationModule(allowedDependencies = {"ticket", "ticket :: domain", "organisation", "platform"})
package pl.krakow.coi.servicedesk.cmdb;

import org.springframework.modulith.ApplicationModule;
