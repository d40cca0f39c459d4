/**
 * Searchable tickets on Elasticsearch: the outbox relay and the reindex job that keep the index in
 * step with PostgreSQL, Polish full text analysed in the application, filters, facets, highlights,
 * similar incidents, and the caller's visibility applied inside every query.
 */
package pl.krakow.coi.servicedesk.search;
