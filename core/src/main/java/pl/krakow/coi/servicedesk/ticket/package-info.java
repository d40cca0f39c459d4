/**
 * Ticket use cases (register, assign, escalate, reassign, remote hands, comment, resolve, close,
 * reopen), who may do them, and their persistence; the REST adapter is in {@code ticket.web}.
 */
@ApplicationModule(allowedDependencies = {"catalogue", "organisation", "outbox", "people", "platform", "text"})
package pl.krakow.coi.servicedesk.ticket;

import org.springframework.modulith.ApplicationModule;
