/**
 * The SLA rules as pure functions: business calendars with Polish public holidays, policies with
 * targets per priority, and the clocks derived from a ticket's immutable events. No Spring, no
 * persistence, no system clock: every answer depends only on its arguments.
 */
@NamedInterface("domain")
package pl.krakow.coi.servicedesk.sla.domain;

import org.springframework.modulith.NamedInterface;
