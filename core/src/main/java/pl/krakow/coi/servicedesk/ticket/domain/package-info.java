/**
 * The ticket lifecycle: the {@link pl.krakow.coi.servicedesk.ticket.domain.Ticket} aggregate guards
 * its state changes and records each as an immutable event. No Spring, no persistence here.
 */
@NamedInterface("domain")
package pl.krakow.coi.servicedesk.ticket.domain;

import org.springframework.modulith.NamedInterface;
