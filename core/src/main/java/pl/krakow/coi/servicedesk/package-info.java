/** The COI service desk: tickets, routing by competence, SLA, CMDB and licences. */
package pl.krakow.coi.servicedesk;
