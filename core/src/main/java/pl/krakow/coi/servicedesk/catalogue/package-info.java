/**
 * The service catalogue: categories (Polish names, English descriptions), each mapped to the unit
 * whose competence covers it. Data, editable by admins, not code.
 */
@ApplicationModule(allowedDependencies = {"organisation", "platform"})
package pl.krakow.coi.servicedesk.catalogue;

import org.springframework.modulith.ApplicationModule;
