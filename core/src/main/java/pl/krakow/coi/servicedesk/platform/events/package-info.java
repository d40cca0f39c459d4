/**
 * Domain events between capabilities (ADR 0079): Spring Modulith's event publication registry in PostgreSQL,
 * the threads that deliver events to {@code @ApplicationModuleListener} listeners after commit, the
 * resubmission of publications left incomplete (one worker at a time), the clean-up of completed ones, and
 * their metrics.
 */
package pl.krakow.coi.servicedesk.platform.events;
