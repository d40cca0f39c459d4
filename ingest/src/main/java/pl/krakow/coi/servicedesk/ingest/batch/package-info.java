/**
 * The batch platform of the imports: uploaded files in PostgreSQL, a queue of runs consumed by worker
 * instances with heartbeats and fencing, CSV reading with a skip report, and the REST API that launches,
 * follows, stops and restarts runs (ADR 0050).
 */
package pl.krakow.coi.servicedesk.ingest.batch;
