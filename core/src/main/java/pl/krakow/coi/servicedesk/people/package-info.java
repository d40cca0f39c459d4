/** The people register: employees with their unit, kept from the HR/organisation directory, read by staff. */
@ApplicationModule(allowedDependencies = {"platform"})
package pl.krakow.coi.servicedesk.people;

import org.springframework.modulith.ApplicationModule;
