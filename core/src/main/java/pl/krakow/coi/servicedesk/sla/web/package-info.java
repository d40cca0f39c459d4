/** REST adapter of the SLA capability: a ticket's clocks, calendars, policies and recomputations. */
package pl.krakow.coi.servicedesk.sla.web;
