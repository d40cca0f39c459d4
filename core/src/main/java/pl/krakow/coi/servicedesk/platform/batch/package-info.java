/**
 * The Spring Batch platform: the JDBC job repository (schema by Flyway), the job registry and the job
 * operator that every capability's jobs (the search reindex, the ingest imports) run through.
 */
package pl.krakow.coi.servicedesk.platform.batch;
