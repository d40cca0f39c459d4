/**
 * Routing by competence: for a ticket or free text, the competent units ranked with the reasons for
 * each (category mapping, the affected CI's supporting unit, explainable Polish text classification).
 */
@ApplicationModule(
        allowedDependencies = {"ticket", "ticket :: domain", "catalogue", "organisation", "platform", "text"})
package pl.krakow.coi.servicedesk.routing;

import org.springframework.modulith.ApplicationModule;
