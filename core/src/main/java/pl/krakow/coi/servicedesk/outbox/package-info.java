/** The transactional outbox: a row per changed aggregate, written in the same transaction as the change. */
@ApplicationModule(allowedDependencies = {"platform"})
package pl.krakow.coi.servicedesk.outbox;

import org.springframework.modulith.ApplicationModule;
