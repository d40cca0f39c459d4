/**
 * Everything that brings data in: Spring Batch imports (assets, licences, legacy tickets) run through a
 * PostgreSQL-backed queue, the directory sync, inventory agents and monitoring alerts (ADR 0050–0053).
 */
package pl.krakow.coi.servicedesk.ingest;
