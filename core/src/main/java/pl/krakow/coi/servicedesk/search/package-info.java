/**
 * Searchable tickets on Elasticsearch: the outbox relay and the reindex job that keep the index in
 * step with PostgreSQL, Polish full text analysed in the application, filters, facets, highlights,
 * similar incidents, and the caller's visibility applied inside every query.
 */
@ApplicationModule(allowedDependencies = {"ticket", "ticket :: domain", "outbox", "platform", "text"})
package pl.krakow.coi.servicedesk.search;

import org.springframework.modulith.ApplicationModule;
