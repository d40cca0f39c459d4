/**
 * The organisation: the Centre's units per ordinance 1796/2025 with their reporting lines and support
 * roles, the management positions, and the customer units that file tickets.
 */
@ApplicationModule(allowedDependencies = {"platform"})
package pl.krakow.coi.servicedesk.organisation;

import org.springframework.modulith.ApplicationModule;
