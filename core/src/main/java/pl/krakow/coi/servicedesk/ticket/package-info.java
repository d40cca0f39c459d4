/**
 * Ticket use cases (register, assign, escalate, reassign, remote hands, comment, resolve, close,
 * reopen), who may do them, their persistence and their REST adapter ({@code /api/v1/tickets}). The
 * aggregate and its values are in {@code ticket.domain}, the module's named interface beside this package.
 */
@ApplicationModule(allowedDependencies = {"catalogue", "organisation", "outbox", "people", "platform", "text"})
package pl.krakow.coi.servicedesk.ticket;

import org.springframework.modulith.ApplicationModule;
