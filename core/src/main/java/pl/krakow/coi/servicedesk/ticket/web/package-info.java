/** REST adapter of the ticket use cases: {@code /api/v1/tickets}. */
package pl.krakow.coi.servicedesk.ticket.web;
