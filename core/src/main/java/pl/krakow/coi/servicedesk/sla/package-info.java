/**
 * Service levels: business calendars and SLA policies as versioned data, each ticket's response and
 * resolution clocks computed from its event log, the timers that raise warnings and breaches once
 * across replicas, and the audited recomputation of open tickets after a configuration change.
 *
 * <p>One package, so that only what other capabilities use is public (ADR 0078). The rules themselves
 * are pure functions (business calendars with Polish public holidays, policies with targets per priority,
 * the clocks derived from a ticket's immutable events: {@code SlaClocks}, {@code BusinessCalendar},
 * {@code SlaPolicy} and their values): no Spring, no persistence, no system clock, which core's
 * ArchitectureTest checks by their names. The REST adapter ({@code SlaController},
 * {@code SlaAdminController}, {@code SlaDtos}) serves a ticket's clocks, calendars, policies and
 * recomputations.
 */
@ApplicationModule(
        allowedDependencies = {"ticket", "ticket :: domain", "search", "catalogue", "organisation", "platform"})
package pl.krakow.coi.servicedesk.sla;

import org.springframework.modulith.ApplicationModule;
